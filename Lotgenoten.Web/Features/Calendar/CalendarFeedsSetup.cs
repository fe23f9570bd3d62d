using Lotgenoten.Infrastructure.Calendar.Feeds;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lotgenoten.Web.Features.Calendar;

/// <summary>Registers private calendar feeds.</summary>
public static class CalendarFeedsSetup
{
    /// <summary>
    /// The category of ASP.NET Core's request logs ("Request starting HTTP/1.1 GET http://host/calendar/…"): they write
    /// the path, and a feed's path is its token.
    /// </summary>
    public const string RequestLogCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>The route matcher's category: at Debug it writes "candidate(s) found for the request path '/calendar/…'".</summary>
    public const string MatcherLogCategory = "Microsoft.AspNetCore.Routing.Matching";

    /// <summary>
    /// Adds the feed store and the byte cache (singletons: no user state), the facilitator's <see cref="CalendarFeedService"/>
    /// (scoped), and pins the request logs of ASP.NET Core to warnings and the route matcher's to information, whatever the configuration says, so that no
    /// feed token reaches a log. (Those logs are off at Information already in appsettings; this keeps them off.)
    /// </summary>
    public static IHostApplicationBuilder AddCalendarFeeds(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.AddFilter(RequestLogCategory, LogLevel.Warning);
        builder.Logging.AddFilter(MatcherLogCategory, LogLevel.Information);

        var services = builder.Services;
        services.AddMemoryCache();
        services.TryAddSingleton<CalendarFeedStore>();
        services.TryAddSingleton<CalendarFeedCache>();
        services.AddScoped<CalendarFeedService>();
        return builder;
    }
}
