using System.Text.Json;
using System.Text.Json.Serialization;
using Lotgenoten.Domain.Referrals;

namespace Lotgenoten.Web.Features.ReferralApi;

/// <summary>The body of <c>201 Created</c>: the new referral's id, its short reference (for the phone), status and received-on date.</summary>
public sealed record ReferralCreatedResponse(Guid Id, string Reference, ReferralStatus Status, DateOnly ReceivedOn);

/// <summary>The body of <c>GET /api/referrals/{id}</c>: the status and dates, nothing else.</summary>
public sealed record ReferralStatusResponse(
    Guid Id,
    string Reference,
    ReferralStatus Status,
    DateOnly ReceivedOn,
    DateTimeOffset RegisteredAt,
    DateTimeOffset StatusChangedAt,
    DateTimeOffset? IntakePlannedFor,
    DateOnly? PlacedOn,
    DateOnly? ClosedOn);

/// <summary>What a POST came to.</summary>
public enum ReferralApiOutcome
{
    Created,

    /// <summary>A retry with a known idempotency key and the same body: the first referral.</summary>
    Replayed,

    /// <summary>The body is not a valid referral (see the errors).</summary>
    Invalid,

    /// <summary>The idempotency key was used before for a different body.</summary>
    KeyReused,

    /// <summary>The caller is not an API client with scope Referrals.Submit.</summary>
    Forbidden,

    /// <summary>The key's first referral no longer exists.</summary>
    Gone,
}

/// <summary>The answer of <see cref="ReferralApiService.CreateAsync"/>.</summary>
public sealed record ReferralApiResult(
    ReferralApiOutcome Outcome,
    ReferralCreatedResponse? Referral,
    IReadOnlyDictionary<string, List<string>> Errors)
{
    private static readonly IReadOnlyDictionary<string, List<string>> NoErrors = new Dictionary<string, List<string>>();

    public static ReferralApiResult Of(ReferralApiOutcome outcome, ReferralCreatedResponse? referral = null) => new(outcome, referral, NoErrors);

    public static ReferralApiResult Invalid(IReadOnlyDictionary<string, List<string>> errors) => new(ReferralApiOutcome.Invalid, null, errors);
}

/// <summary>The API's JSON: camelCase, enums by name.</summary>
public static class ReferralApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };
}
