namespace Lotgenoten.Web.Features.Notes;

/// <summary>Log messages of notes: ids and flags only, never a text, a pseudonym or a name.</summary>
internal static partial class NotesLog
{
    [LoggerMessage(EventId = 6200, Level = LogLevel.Debug, Message = "Note {NoteId} saved (draft: {IsDraft}).")]
    public static partial void NoteWritten(ILogger logger, Guid noteId, bool isDraft);

    [LoggerMessage(EventId = 6201, Level = LogLevel.Information, Message = "Save of note {NoteId} refused: someone else changed it.")]
    public static partial void NoteConflict(ILogger logger, Guid? noteId);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Information, Message = "Note {NoteId} flagged as safeguarding concern {ConcernId}.")]
    public static partial void NoteFlagged(ILogger logger, Guid noteId, Guid concernId);

    [LoggerMessage(EventId = 6203, Level = LogLevel.Error, Message = "Note {NoteId} could not be decrypted.")]
    public static partial void NoteUnreadable(ILogger logger, Guid noteId);
}
