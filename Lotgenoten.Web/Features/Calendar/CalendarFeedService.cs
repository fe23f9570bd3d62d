using System.Security.Claims;
using Lotgenoten.Infrastructure.Calendar.Feeds;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Web.Features.Account;

namespace Lotgenoten.Web.Features.Calendar;

/// <summary>
/// A facilitator's own feed as the "Mijn agenda" page shows it. <see cref="Token"/> is set only right after a link was
/// made (it is not stored and cannot be shown again); otherwise the page says whether a link works and since when.
/// </summary>
public sealed record MyCalendarFeed(bool IsActive, DateTimeOffset CreatedAt, DateTimeOffset? RotatedAt, DateTimeOffset? RevokedAt, string? Token);

/// <summary>
/// The facilitator's side of private calendar feeds: the first visit makes a link, rotating replaces it, revoking switches
/// it off. Every method checks the caller's role again (a circuit keeps its user for minutes) and acts only on the
/// caller's own feed.
/// </summary>
public sealed class CalendarFeedService(CalendarFeedStore store, CalendarFeedCache cache, ILogger<CalendarFeedService> logger)
{
    /// <summary>The caller's feed; makes one (and returns its token) when they never had one.</summary>
    public async Task<MyCalendarFeed> GetOrCreateAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var owner = OwnerOf(user);
        var status = await store.GetStatusAsync(owner, ct);
        if (status is not null)
        {
            return new MyCalendarFeed(status.IsActive, status.CreatedAt, status.RotatedAt, status.RevokedAt, null);
        }

        var token = await store.IssueAsync(owner, ct);
        CalendarLog.FeedIssued(logger);
        return await WithTokenAsync(owner, token, ct);
    }

    /// <summary>A new link for the caller (the old one stops working at once); also renews a revoked feed.</summary>
    public async Task<MyCalendarFeed> RotateAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var owner = OwnerOf(user);
        var token = await store.IssueAsync(owner, ct);
        cache.Forget(owner);
        CalendarLog.FeedIssued(logger);
        return await WithTokenAsync(owner, token, ct);
    }

    /// <summary>Switches the caller's feed off; false when it already was.</summary>
    public async Task<bool> RevokeAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var owner = OwnerOf(user);
        var revoked = await store.RevokeAsync(owner, ct);
        cache.Forget(owner);
        if (revoked)
        {
            CalendarLog.FeedRevoked(logger);
        }

        return revoked;
    }

    /// <summary>The feed's address under <paramref name="baseUri"/> (the site's base, ending in a slash).</summary>
    public static string FeedUrl(string baseUri, string token)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        return $"{baseUri.TrimEnd('/')}/calendar/{Uri.EscapeDataString(token)}.ics";
    }

    private async Task<MyCalendarFeed> WithTokenAsync(CalendarFeedOwner owner, string token, CancellationToken ct)
    {
        var status = await store.GetStatusAsync(owner, ct)
            ?? throw new InvalidOperationException("The feed was just issued.");
        return new MyCalendarFeed(status.IsActive, status.CreatedAt, status.RotatedAt, status.RevokedAt, token);
    }

    private static CalendarFeedOwner OwnerOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true || !user.IsInRole(AppRoles.Facilitator))
        {
            throw new UnauthorizedAccessException($"This needs the {AppRoles.Facilitator} role.");
        }

        var objectId = user.FindFirstValue(AuthSchemes.StaffClaims.ObjectId);
        if (string.IsNullOrEmpty(objectId))
        {
            throw new UnauthorizedAccessException("A staff sign-in carries an object id.");
        }

        return CalendarFeedOwner.Staff(objectId);
    }
}
