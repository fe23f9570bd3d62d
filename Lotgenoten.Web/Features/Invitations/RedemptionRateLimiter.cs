using System.Collections.Concurrent;

namespace Lotgenoten.Web.Features.Invitations;

/// <summary>
/// Limits failed invitation redemptions per client (remote address) and per code (the code's blind index), each in a
/// fixed window that starts at the first failure: <see cref="ClientLimit"/> failures per client and
/// <see cref="CodeLimit"/> per code in <see cref="Window"/>. A blocked request gets no lookup at all. Failures are what
/// count (a wrong, expired, used or revoked code); a right code does not use up anyone's attempts. Kept in memory, per
/// instance: with several instances the limits are per instance, which still bounds guessing (a code has ~35 bits and
/// lives 14 days). Holds no personal data: addresses and hashes only, dropped once their window has passed.
/// </summary>
public sealed class RedemptionRateLimiter(TimeProvider clock)
{
    public const int ClientLimit = 10;
    public const int CodeLimit = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    /// <summary>Whether the client, or the code (when known), has used up its attempts for now.</summary>
    public bool IsBlocked(string client, string? codeKey)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = clock.GetUtcNow();
        return Reached(ClientKey(client), ClientLimit, now) || (codeKey is not null && Reached(CodeKey(codeKey), CodeLimit, now));
    }

    /// <summary>Counts one failed attempt against the client and, when known, the code.</summary>
    public void RecordFailure(string client, string? codeKey)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = clock.GetUtcNow();
        if (_counters.Count > PruneAbove)
        {
            Prune(now);
        }

        Count(ClientKey(client), now);
        if (codeKey is not null)
        {
            Count(CodeKey(codeKey), now);
        }
    }

    private static string ClientKey(string client) => "client:" + client;

    private static string CodeKey(string codeKey) => "code:" + codeKey;

    private bool Reached(string key, int limit, DateTimeOffset now) =>
        _counters.TryGetValue(key, out var counter) && counter.Reached(limit, now);

    private void Count(string key, DateTimeOffset now) =>
        _counters.AddOrUpdate(key, _ => new Counter(now, 1), (_, old) => old.Add(now));

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, counter) in _counters)
        {
            if (counter.Expired(now))
            {
                _counters.TryRemove(new KeyValuePair<string, Counter>(key, counter));
            }
        }
    }

    private sealed record Counter(DateTimeOffset WindowStart, int Failures)
    {
        public bool Expired(DateTimeOffset now) => now - WindowStart >= Window;

        public bool Reached(int limit, DateTimeOffset now) => !Expired(now) && Failures >= limit;

        public Counter Add(DateTimeOffset now) => Expired(now) ? new Counter(now, 1) : this with { Failures = Failures + 1 };
    }
}
