using Lotgenoten.Infrastructure.Calendar;
using Lotgenoten.Infrastructure.Calendar.Feeds;
using Microsoft.Extensions.Caching.Memory;

namespace Lotgenoten.Web.Features.Calendar;

/// <summary>The bytes of one owner's feed and their entity tag (a quoted fingerprint of what the feed shows).</summary>
public sealed record CachedCalendarFeed(string ETag, byte[] Content);

/// <summary>
/// Builds a feed's bytes once per change and keeps them in memory per owner (ENGINEERING.md: building with Ical.Net on
/// every poll is far too slow). A request costs the store's cheap stamp query; only a changed stamp rebuilds the feed.
/// Holds bytes per owner, never per user session; safe as a singleton.
/// </summary>
public sealed class CalendarFeedCache(CalendarFeedStore store, IServiceProvider services, IMemoryCache cache)
{
    /// <summary>How long an unpolled feed stays in memory.</summary>
    public static readonly TimeSpan SlidingExpiration = TimeSpan.FromHours(2);

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

    /// <summary>Forgets an owner's bytes (e.g. after their feed was revoked); the next request rebuilds them.</summary>
    public void Forget(CalendarFeedOwner owner) => cache.Remove(Key(owner));

    private static (string, CalendarFeedOwner) Key(CalendarFeedOwner owner) => ("calendar-feed", owner);

    private static string Quote(string stamp) => $"\"{stamp}\"";
}
