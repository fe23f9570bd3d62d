namespace Lotgenoten.Web.Features.Participants;

/// <summary>Log messages of the participant pages. Never a login name, pseudonym or passphrase.</summary>
internal static partial class ParticipantLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Participant sign-in failed (locked out: {LockedOut})")]
    public static partial void SignInFailed(ILogger logger, bool lockedOut);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Participant answered meeting {MeetingId}: {Answer}")]
    public static partial void Answered(ILogger logger, Guid meetingId, string answer);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Participant answer refused ({Reason})")]
    public static partial void AnswerRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Participant calendar feed issued (rotated: {Rotated})")]
    public static partial void FeedIssued(ILogger logger, bool rotated);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning, Message = "Participant sign-in refused: too many failures from one client")]
    public static partial void SignInRateLimited(ILogger logger);
}
