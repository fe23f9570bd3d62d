using Lotgenoten.Infrastructure.Calendar.Feeds;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Net.Http.Headers;

namespace Lotgenoten.Web.Features.Calendar;

/// <summary>
/// <c>GET /calendar/{token}.ics</c>: a private calendar feed. Anonymous, because the token is the capability (calendar
/// servers poll without cookies). Every token that does not open an active feed — wrong, malformed, rotated away or
/// revoked — gets the very same empty 404. The bytes come from <see cref="CalendarFeedCache"/> with an ETag, and
/// <c>If-None-Match</c> gets a 304. The path carries the token, so it must never be logged: see
/// <see cref="CalendarFeedsSetup.AddCalendarFeeds"/>, which keeps the request-path logs of ASP.NET Core off.
/// </summary>
public static class CalendarFeedEndpoint
{
    public const string Route = "/calendar/{token}.ics";

    /// <summary>The feed's media type (RFC 5545).</summary>
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <summary>Feeds hold personal data: a browser or proxy must not keep them.</summary>
    public const string CacheControl = "private, no-store";

    public static IEndpointRouteBuilder MapCalendarFeed(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(Route, HandleAsync)
            .AllowAnonymous()
            .WithDisplayName("Calendar feed")
            .ExcludeFromDescription();
        return app;
    }

    private static async Task HandleAsync(
        HttpContext http, string token, CalendarFeedStore store, CalendarFeedCache cache, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger(typeof(CalendarFeedEndpoint).FullName!);
        var response = http.Response;
        response.Headers.CacheControl = CacheControl;

        var owner = await store.FindOwnerAsync(token, ct);
        if (owner is null)
        {
            // Not the site's "not found" page: one empty answer for every kind of bad token.
            if (http.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
            {
                statusPages.Enabled = false;
            }

            CalendarLog.FeedNotFound(logger);
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var feed = await cache.GetAsync(owner, ct);
        response.Headers.ETag = feed.ETag;
        if (Matches(http.Request.Headers.IfNoneMatch, feed.ETag))
        {
            CalendarLog.FeedServed(logger, owner.Kind.ToString(), StatusCodes.Status304NotModified);
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        CalendarLog.FeedServed(logger, owner.Kind.ToString(), StatusCodes.Status200OK);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = feed.Content.Length;
        await response.Body.WriteAsync(feed.Content, ct);
    }

    /// <summary>Whether an <c>If-None-Match</c> header names <paramref name="etag"/> (weak comparison, as RFC 9110 asks) or is <c>*</c>.</summary>
    internal static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        if (ifNoneMatch.Count == 0)
        {
            return false;
        }

        if (!EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }

        var ours = new EntityTagHeaderValue(etag);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(ours, useStrongComparison: false));
    }
}
