namespace Lotgenoten.Web.Features.Passkeys;

/// <summary>Log messages of passkeys. Never a login name, credential id or credential JSON.</summary>
internal static partial class PasskeyLog
{
    [LoggerMessage(EventId = 1250, Level = LogLevel.Information, Message = "Passkey attestation rejected: {Reason}")]
    public static partial void AttestationRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 1251, Level = LogLevel.Information, Message = "Passkey assertion rejected: {Reason}")]
    public static partial void AssertionRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 1252, Level = LogLevel.Information, Message = "Passkey sign-in failed ({Result})")]
    public static partial void SignInFailed(ILogger logger, string result);

    [LoggerMessage(EventId = 1253, Level = LogLevel.Information, Message = "Passkey added to a participant account")]
    public static partial void Added(ILogger logger);

    [LoggerMessage(EventId = 1254, Level = LogLevel.Warning, Message = "Passkey options refused: too many requests from one client")]
    public static partial void RateLimited(ILogger logger);
}
