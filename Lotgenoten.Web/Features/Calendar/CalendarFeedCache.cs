using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Lotgenoten.Domain.Calendars;
using Lotgenoten.Domain.Common;
using Lotgenoten.Infrastructure.Calendar;
using Lotgenoten.Infrastructure.Calendar.Feeds;
using Microsoft.Extensions.Caching.Memory;

namespace Lotgenoten.Web.Features.Calendar;

/// <summary>The bytes of one owner's feed and their entity tag (a quoted fingerprint of what the feed shows).</summary>
public sealed record CachedCalendarFeed(string ETag, byte[] Content);

/// <summary>
/// What a token opened when it was last looked up: the owner, the feed's bytes, and until when that answer may be served
/// without asking the database (<see cref="CalendarFeedCache.LookupLifetime"/>, and only while
/// <see cref="CalendarFeedChanges.Generation"/> has not moved).
/// </summary>
public sealed class CalendarFeedLookup
{
    internal CalendarFeedLookup(CalendarFeedOwner owner, CachedCalendarFeed feed, long generation, DateTimeOffset validUntil)
    {
        Owner = owner;
        Feed = feed;
        OwnerKind = owner.Kind.ToString();
        Generation = generation;
        ValidUntil = validUntil;
    }

    public CalendarFeedOwner Owner { get; }

    public CachedCalendarFeed Feed { get; }

    /// <summary><see cref="CalendarFeedOwner.Kind"/> as text, made once (for the log line of every request).</summary>
    public string OwnerKind { get; }

    internal long Generation { get; }

    internal DateTimeOffset ValidUntil { get; }
}

/// <summary>
/// Feeds in memory, at two levels. Per owner: a feed's bytes are built once per change (ENGINEERING.md: building with
/// Ical.Net on every poll is far too slow), keyed by the store's fingerprint. Per token: the answer to "which owner, which
/// bytes" is remembered under the SHA-256 of the token (never the token itself), so that a poll costs no database work at
/// all. That answer is dropped as soon as this instance writes anything to the database (<see cref="CalendarFeedChanges"/>:
/// a revoked, rotated or erased feed and a moved meeting count at once), at the next midnight in Brussels (the feed's
/// window moves), and after <see cref="LookupLifetime"/> at the latest, which bounds how long a write by another instance
/// goes unseen. Unknown tokens are never remembered. Holds no user state; a singleton.
/// </summary>
public sealed class CalendarFeedCache(
    CalendarFeedStore store,
    CalendarFeedChanges changes,
    IServiceProvider services,
    IMemoryCache cache,
    TimeProvider time)
{
    /// <summary>How long an unpolled feed's bytes stay in memory.</summary>
    public static readonly TimeSpan SlidingExpiration = TimeSpan.FromHours(2);

    /// <summary>
    /// The longest a token's answer is served from memory without asking the database: the bound on how late this instance
    /// sees a revocation, a rotation or a meeting change made by another instance.
    /// </summary>
    public static readonly TimeSpan LookupLifetime = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, CalendarFeedLookup> _lookups = new(StringComparer.Ordinal);
    private readonly Lock _sweepLock = new();
    private DateTimeOffset _nextSweep;

    /// <summary>How many tokens' answers are in memory (for tests).</summary>
    internal int LookupCount => _lookups.Count;

    /// <summary>
    /// What <paramref name="token"/> opens now, or null for a malformed, unknown, rotated-away or revoked token alike.
    /// Answers from memory when it may (no allocation, no await); else asks the store and remembers a good answer.
    /// </summary>
    public ValueTask<CalendarFeedLookup?> FindAsync(string? token, CancellationToken ct)
    {
        if (!IsWellFormed(token))
        {
            return ValueTask.FromResult<CalendarFeedLookup?>(null);
        }

        // Read the generation before anything is read from the database: a write after this point makes the answer stale.
        var generation = changes.Generation;
        var now = time.GetUtcNow();
        Span<char> hash = stackalloc char[CalendarFeedToken.HashLength];
        HashOf(token!, hash);
        if (_lookups.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(hash, out var known)
            && known.Generation == generation
            && now < known.ValidUntil)
        {
            return ValueTask.FromResult<CalendarFeedLookup?>(known);
        }

        return LookUpAsync(token!, new string(hash), generation, now, ct);
    }

    /// <summary>The owner's feed as it is now: from memory when nothing changed, else built and remembered.</summary>
    public async Task<CachedCalendarFeed> GetAsync(CalendarFeedOwner owner, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var stamp = await store.StampAsync(owner, ct);
        var key = Key(owner);
        if (cache.TryGetValue(key, out CachedCalendarFeed? cached) && cached is not null && cached.ETag == Quote(stamp))
        {
            return cached;
        }

        // The stamp was read before the content: if something changes in between, the next request sees a new stamp and
        // rebuilds; bytes are never served under a stamp newer than what they show.
        var content = await store.LoadAsync(owner, ct);
        var writer = services.GetRequiredService<ICalendarWriter>();
        var document = writer.Feed(content.Groups, content.Recipient);
        var built = new CachedCalendarFeed(Quote(stamp), document.Content);
        cache.Set(key, built, new MemoryCacheEntryOptions { SlidingExpiration = SlidingExpiration });
        return built;
    }

    /// <summary>
    /// Forgets an owner's bytes and every token answer that leads to them (call after their feed was revoked or rotated);
    /// the next request asks the database again.
    /// </summary>
    public void Forget(CalendarFeedOwner owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        changes.Changed();
        cache.Remove(Key(owner));
        foreach (var (hash, lookup) in _lookups)
        {
            if (lookup.Owner == owner)
            {
                _lookups.TryRemove(hash, out _);
            }
        }
    }

    private async ValueTask<CalendarFeedLookup?> LookUpAsync(string token, string hash, long generation, DateTimeOffset now, CancellationToken ct)
    {
        var owner = await store.FindOwnerAsync(token, ct);
        if (owner is null)
        {
            _lookups.TryRemove(hash, out _);
            return null;
        }

        var feed = await GetAsync(owner, ct);
        var nextWindow = BrusselsTime.StartOfDay(BrusselsTime.Today(now).AddDays(1));
        var lookup = new CalendarFeedLookup(owner, feed, generation, Min(now + LookupLifetime, nextWindow));
        _lookups[hash] = lookup;
        Sweep(now);
        return lookup;
    }

    /// <summary>Drops expired answers now and then, so that tokens no longer polled do not keep bytes alive.</summary>
    private void Sweep(DateTimeOffset now)
    {
        lock (_sweepLock)
        {
            if (now < _nextSweep)
            {
                return;
            }

            _nextSweep = now + SweepInterval;
        }

        foreach (var (hash, lookup) in _lookups)
        {
            if (lookup.ValidUntil <= now)
            {
                _lookups.TryRemove(new KeyValuePair<string, CalendarFeedLookup>(hash, lookup));
            }
        }
    }

    /// <summary><see cref="CalendarFeedToken.IsWellFormed"/> without the enumerator it allocates.</summary>
    private static bool IsWellFormed(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > CalendarFeedToken.MaxLength)
        {
            return false;
        }

        foreach (var c in token)
        {
            if (c is not ((>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><see cref="CalendarFeedToken.Hash"/> into <paramref name="destination"/>, without allocating.</summary>
    private static void HashOf(string token, Span<char> destination)
    {
        Span<byte> utf8 = stackalloc byte[CalendarFeedToken.MaxLength];
        var length = Encoding.ASCII.GetBytes(token, utf8);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], digest);
        Convert.TryToHexStringLower(digest, destination, out _);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    private static (string, CalendarFeedOwner) Key(CalendarFeedOwner owner) => ("calendar-feed", owner);

    private static string Quote(string stamp) => $"\"{stamp}\"";
}
