using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Lotgenoten.Web.Features.Invitations;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Web.Features.Participants;

/// <summary>What a participant rate limit counts.</summary>
public enum ParticipantRateLimit
{
    /// <summary>Every request for passkey options made without an account (new account, sign-in).</summary>
    PasskeyOptions,

    /// <summary>Every failed sign-in (passphrase or passkey) on the participants' sign-in page.</summary>
    SignInFailures,
}

/// <summary>
/// Limits of <see cref="ParticipantRateLimiter"/> (section <c>RateLimits:Participants</c>): by default 20 anonymous
/// passkey option requests per client a minute, and 20 failed sign-ins per client in 15 minutes.
/// </summary>
public sealed class ParticipantRateLimitOptions
{
    public const string Section = "RateLimits:Participants";

    [Range(1, 100_000)]
    public int PasskeyOptionsLimit { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PasskeyOptionsWindow { get; set; } = TimeSpan.FromMinutes(1);

    [Range(1, 100_000)]
    public int SignInFailureLimit { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SignInFailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    public (int Limit, TimeSpan Window) For(ParticipantRateLimit limit) => limit switch
    {
        ParticipantRateLimit.PasskeyOptions => (PasskeyOptionsLimit, PasskeyOptionsWindow),
        ParticipantRateLimit.SignInFailures => (SignInFailureLimit, SignInFailureWindow),
        _ => throw new ArgumentOutOfRangeException(nameof(limit), limit, null),
    };
}

/// <summary>
/// Per-client limits of the participants' anonymous doors, in the pattern of <see cref="RedemptionRateLimiter"/>: a fixed
/// window per client (the remote address) that starts at the first counted event. The passkey option endpoints count
/// every request; the sign-in page counts failures only (a right passphrase uses up nobody's attempts, which matters for
/// the many relatives behind one mobile-network address) and, once blocked, checks no passphrase or passkey at all. The
/// per-account lockout of ASP.NET Core Identity still applies on top. Kept in memory, per instance; holds addresses only,
/// dropped once their window has passed.
/// </summary>
public sealed class ParticipantRateLimiter(TimeProvider clock, IOptions<ParticipantRateLimitOptions> options)
{
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<(ParticipantRateLimit, string), Counter> _counters = new();

    /// <summary>The client key: the remote address as the server sees it (the same as invitation redemption's).</summary>
    public static string ClientOf(HttpContext http) => InvitationRedemptionService.ClientOf(http);

    /// <summary>How long the client must wait before <paramref name="limit"/> lets it through again; null when it may go on now.</summary>
    public TimeSpan? RetryAfter(ParticipantRateLimit limit, string client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var (max, window) = options.Value.For(limit);
        var now = clock.GetUtcNow();
        return _counters.TryGetValue((limit, client), out var counter) && counter.Reached(max, window, now)
            ? counter.WindowStart + window - now
            : null;
    }

    /// <summary>Counts one event of the client against <paramref name="limit"/>.</summary>
    public void Record(ParticipantRateLimit limit, string client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var (_, window) = options.Value.For(limit);
        var now = clock.GetUtcNow();
        if (_counters.Count > PruneAbove)
        {
            Prune(now);
        }

        _counters.AddOrUpdate((limit, client), _ => new Counter(now, 1), (_, old) => old.Add(window, now));
    }

    /// <summary>Counts one request and tells whether it may go on: null when it may, else how long to wait.</summary>
    public TimeSpan? Acquire(ParticipantRateLimit limit, string client)
    {
        var wait = RetryAfter(limit, client);
        if (wait is null)
        {
            Record(limit, client);
        }

        return wait;
    }

    /// <summary>The value of a <c>Retry-After</c> header: whole seconds, rounded up, at least one.</summary>
    public static string RetryAfterHeader(TimeSpan wait) =>
        Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, counter) in _counters)
        {
            if (counter.Expired(options.Value.For(key.Item1).Window, now))
            {
                _counters.TryRemove(new KeyValuePair<(ParticipantRateLimit, string), Counter>(key, counter));
            }
        }
    }

    private sealed record Counter(DateTimeOffset WindowStart, int Count)
    {
        public bool Expired(TimeSpan window, DateTimeOffset now) => now - WindowStart >= window;

        public bool Reached(int limit, TimeSpan window, DateTimeOffset now) => !Expired(window, now) && Count >= limit;

        public Counter Add(TimeSpan window, DateTimeOffset now) =>
            Expired(window, now) ? new Counter(now, 1) : this with { Count = Count + 1 };
    }
}
