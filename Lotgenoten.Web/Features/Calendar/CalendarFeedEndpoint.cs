using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Net.Http.Headers;

namespace Lotgenoten.Web.Features.Calendar;

/// <summary>
/// <c>GET /calendar/{token}.ics</c>: a private calendar feed. Anonymous, because the token is the capability (calendar
/// servers poll without cookies). Every token that does not open an active feed — wrong, malformed, rotated away or
/// revoked — gets the very same empty 404. The bytes come from <see cref="CalendarFeedCache"/> with an ETag, and
/// <c>If-None-Match</c> gets a 304. The path carries the token, so it must never be logged: see
/// <see cref="CalendarFeedsSetup.AddCalendarFeeds"/>, which keeps the request-path logs of ASP.NET Core off.
/// Polled around the clock, it is built to cost little: a known token is answered from memory with no database work
/// and no allocation of its own, and <see cref="UseCalendarFeed"/> runs it straight after the security headers, past
/// localization, authentication, authorization and antiforgery, none of which a feed uses (issue 9; bench/README.md).
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
        var cache = app.ServiceProvider.GetRequiredService<CalendarFeedCache>();
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CalendarFeedEndpoint).FullName!);
        app.MapGet(Route, (RequestDelegate)(http => HandleAsync(http, cache, logger)))
            .AllowAnonymous()
            .WithMetadata(FeedMarker.Instance)
            .WithDisplayName("Calendar feed")
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Runs the feed endpoint as soon as routing chose it, without the middleware after this point. Place it right after
    /// the security headers (which every answer of the feed keeps) and before request localization and authentication.
    /// </summary>
    public static IApplicationBuilder UseCalendarFeed(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(next => http =>
            http.GetEndpoint() is { } endpoint && endpoint.Metadata.GetMetadata<FeedMarker>() is not null && endpoint.RequestDelegate is { } feed
                ? feed(http)
                : next(http));
    }

    private static Task HandleAsync(HttpContext http, CalendarFeedCache cache, ILogger logger)
    {
        var token = http.Request.RouteValues["token"] as string;
        var found = cache.FindAsync(token, http.RequestAborted);
        return found.IsCompletedSuccessfully
            ? Answer(http, found.Result, logger)
            : AnswerAsync(http, found, logger);
    }

    private static async Task AnswerAsync(HttpContext http, ValueTask<CalendarFeedLookup?> found, ILogger logger) =>
        await Answer(http, await found, logger);

    private static Task Answer(HttpContext http, CalendarFeedLookup? lookup, ILogger logger)
    {
        var response = http.Response;
        response.Headers.CacheControl = CacheControl;
        if (lookup is null)
        {
            // Not the site's "not found" page: one empty answer for every kind of bad token.
            if (http.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
            {
                statusPages.Enabled = false;
            }

            CalendarLog.FeedNotFound(logger);
            response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        var feed = lookup.Feed;
        response.Headers.ETag = feed.ETag;
        var ifNoneMatch = http.Request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0 && ((ifNoneMatch.Count == 1 && string.Equals(ifNoneMatch[0], feed.ETag, StringComparison.Ordinal)) || Matches(ifNoneMatch, feed.ETag)))
        {
            CalendarLog.FeedServed(logger, lookup.OwnerKind, StatusCodes.Status304NotModified);
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        CalendarLog.FeedServed(logger, lookup.OwnerKind, StatusCodes.Status200OK);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = feed.Content.Length;
        var written = response.BodyWriter.WriteAsync(feed.Content, http.RequestAborted);
        return written.IsCompletedSuccessfully ? Task.CompletedTask : written.AsTask();
    }

    /// <summary>Marks the feed's endpoint for <see cref="UseCalendarFeed"/>.</summary>
    private sealed class FeedMarker
    {
        public static readonly FeedMarker Instance = new();
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
