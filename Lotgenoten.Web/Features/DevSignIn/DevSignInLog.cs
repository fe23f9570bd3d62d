namespace Lotgenoten.Web.Features.DevSignIn;

/// <summary>Log messages of the development sign-in. Demo keys only; never a name.</summary>
internal static partial class DevSignInLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Development sign-in as demo user {DemoKey}")]
    public static partial void SignedIn(ILogger logger, string demoKey);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Development sign-in: the demo participant account does not exist (is Demo:Seed off?)")]
    public static partial void DemoParticipantMissing(ILogger logger);
}
