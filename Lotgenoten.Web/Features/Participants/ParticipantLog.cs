namespace Lotgenoten.Web.Features.Participants;

/// <summary>Log messages of the participant pages. Never a login name, pseudonym or passphrase.</summary>
internal static partial class ParticipantLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Participant sign-in failed (locked out: {LockedOut})")]
    public static partial void SignInFailed(ILogger logger, bool lockedOut);
}
