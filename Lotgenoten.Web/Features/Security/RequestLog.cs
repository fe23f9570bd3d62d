using System.Diagnostics;

namespace Lotgenoten.Web.Features.Security;

/// <summary>
/// One Debug line per request (category <see cref="Category"/>): method, path and query, status and duration, with the
/// values of capability parameters (the calendar feed's and the invitation link's <c>token</c>, a <c>code</c> or
/// <c>key</c> in a query) replaced by their name. It stands in for ASP.NET Core's own request logging
/// (<c>Microsoft.AspNetCore.Hosting.Diagnostics</c>), which writes the raw URL and is kept off in code (see
/// Calendar/CalendarFeedsSetup). Everything else in the address is written as it came, so that a pseudonym or another
/// secret that ends up in an address by mistake shows in the log and the end-to-end log check finds it.
/// Off unless the category is at Debug (as in the end-to-end tests): then a request costs one <c>IsEnabled</c>.
/// </summary>
public static class RequestLog
{
    public const string Category = "Lotgenoten.Web.Requests";

    /// <summary>Route and query parameters whose value is a capability (compared case-insensitively).</summary>
    public static readonly IReadOnlySet<string> CapabilityParameters =
        new HashSet<string>(["token", "code", "key"], StringComparer.OrdinalIgnoreCase);

    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        return app.Use(next => async context =>
        {
            if (!logger.IsEnabled(LogLevel.Debug))
            {
                await next(context);
                return;
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                RequestLogMessages.Request(
                    logger, context.Request.Method, SafeAddress(context), context.Response.StatusCode,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
    }

    /// <summary>The request's path and query with every capability value replaced by <c>{name}</c>.</summary>
    internal static string SafeAddress(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (CapabilityParameters.Contains(name) && value is string { Length: > 0 } secret)
            {
                path = path.Replace(secret, "{" + name + "}", StringComparison.Ordinal);
            }
        }

        if (!context.Request.QueryString.HasValue)
        {
            return path;
        }

        var query = context.Request.Query.Select(parameter => parameter.Key + "=" +
            (CapabilityParameters.Contains(parameter.Key) ? "{" + parameter.Key + "}" : parameter.Value.ToString()));
        return path + "?" + string.Join('&', query);
    }
}

internal static partial class RequestLogMessages
{
    [LoggerMessage(EventId = 1310, Level = LogLevel.Debug, Message = "HTTP {Method} {Address} answered {StatusCode} in {ElapsedMs:0.0} ms")]
    public static partial void Request(ILogger logger, string method, string address, int statusCode, double elapsedMs);
}
