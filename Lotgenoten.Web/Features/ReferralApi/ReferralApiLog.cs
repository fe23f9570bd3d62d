namespace Lotgenoten.Web.Features.ReferralApi;

/// <summary>Log messages of the referral API: client names, referral ids and counts; never a body, an address or a key.</summary>
internal static partial class ReferralApiLog
{
    [LoggerMessage(EventId = 4300, Level = LogLevel.Information, Message = "API client {Client} registered referral {ReferralId}.")]
    public static partial void Registered(ILogger logger, string client, Guid referralId);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "API client {Client} retried with a known idempotency key: referral {ReferralId} returned again.")]
    public static partial void Replayed(ILogger logger, string client, Guid referralId);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Information, Message = "API client {Client} reused an idempotency key for a different request.")]
    public static partial void KeyReused(ILogger logger, string client);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Information, Message = "API client {Client} sent a referral with {FieldCount} invalid field(s).")]
    public static partial void Rejected(ILogger logger, string client, int fieldCount);

    [LoggerMessage(EventId = 4304, Level = LogLevel.Warning, Message = "A request carried an API key that matches no configured client.")]
    public static partial void ApiKeyRejected(ILogger logger);

    [LoggerMessage(EventId = 4305, Level = LogLevel.Information, Message = "Two requests of API client {Client} raced with one idempotency key; the first one's referral {ReferralId} is returned.")]
    public static partial void RaceReplayed(ILogger logger, string client, Guid referralId);
}
