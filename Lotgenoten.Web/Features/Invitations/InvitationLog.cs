namespace Lotgenoten.Web.Features.Invitations;

/// <summary>Log messages of redeeming invitations. Never a code, link token, login name or pseudonym.</summary>
internal static partial class InvitationLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Invitation {InvitationId} redeemed; group {GroupId}")]
    public static partial void Redeemed(ILogger logger, Guid invitationId, Guid groupId);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Invitation redemption refused: the code does not work")]
    public static partial void CodeRefused(ILogger logger);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Invitation redemption rate-limited")]
    public static partial void RateLimited(ILogger logger);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "Invitation redemption failed while saving ({Reason}); nothing kept")]
    public static partial void SaveFailed(ILogger logger, string reason);
}
