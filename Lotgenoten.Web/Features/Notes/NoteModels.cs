using Lotgenoten.Domain.Notes;

namespace Lotgenoten.Web.Features.Notes;

/// <summary>Texts of the notes of a meeting; see NoteTexts.resx.</summary>
public sealed class NoteTexts;

/// <summary>
/// The notes of one meeting as the caller may see them. Facilitators of the group see (and write) the session note and
/// the member notes; coordinators read the session note only (<see cref="CanSeeMemberNotes"/> is false).
/// </summary>
public sealed record MeetingNotesView(
    Guid GroupId,
    Guid MeetingId,
    bool CanWrite,
    bool CanSeeMemberNotes,
    NoteView? SessionNote,
    IReadOnlyList<MemberNotesView> Members);

/// <summary>One note, decrypted for a caller who may read it (the read is audited). <see cref="Text"/> is empty once erased.</summary>
public sealed record NoteView(
    Guid Id,
    NoteKind Kind,
    Guid? MembershipId,
    string Text,
    bool IsDraft,
    bool IsFlagged,
    bool IsErased,
    DateTimeOffset UpdatedAt,
    string AuthorName,
    int Version);

/// <summary>A member of the group (by pseudonym only) and their notes of this meeting, newest first.</summary>
public sealed record MemberNotesView(Guid MembershipId, string Pseudonym, IReadOnlyList<NoteView> Notes);

/// <summary>
/// A save of a note's text from the editor: a new note when <see cref="NoteId"/> is null (a session note: only when
/// the meeting has none yet), else an update of the version the editor last saw. <see cref="Finish"/> also ends the draft.
/// </summary>
public sealed record NoteSave(
    Guid GroupId,
    Guid MeetingId,
    NoteKind Kind,
    Guid? MembershipId,
    Guid? NoteId,
    int Version,
    string? Text,
    bool Finish = false);

/// <summary>
/// The outcome of a save. On success: the note's id and new version, and when it was saved. On a conflict:
/// <see cref="Current"/> is what the other person saved (the user's own text stays in their editor, unsaved).
/// A refused text (too long, invisible characters) changes nothing and says why in <see cref="Error"/>.
/// </summary>
public sealed record NoteSaveResult(
    bool Succeeded,
    bool Conflict,
    string? Error,
    Guid? NoteId,
    int Version,
    DateTimeOffset? SavedAt,
    bool IsDraft,
    NoteView? Current)
{
    public static NoteSaveResult Ok(Guid? noteId, int version, DateTimeOffset? savedAt, bool isDraft) =>
        new(true, false, null, noteId, version, savedAt, isDraft, null);

    public static NoteSaveResult Failed(string error) => new(false, false, error, null, 0, null, true, null);

    public static NoteSaveResult Conflicted(string error, NoteView? current) =>
        new(false, true, error, current?.Id, current?.Version ?? 0, null, current?.IsDraft ?? true, current);
}

/// <summary>The outcome of flagging a note: the note's new version (flagging changes it) and the concern raised.</summary>
public sealed record FlagResult(bool Succeeded, bool Conflict, string? Error, int Version, Guid? ConcernId)
{
    public static FlagResult Ok(int version, Guid concernId) => new(true, false, null, version, concernId);

    public static FlagResult Failed(string error) => new(false, false, error, 0, null);

    public static FlagResult Conflicted(string error) => new(false, true, error, 0, null);
}
