using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Lotgenoten.Web.Features.Security;

/// <summary>
/// Cross-site WebSocket hijacking: Blazor Server's hub (<c>/_blazor</c>: the WebSocket, its negotiate and the
/// long-polling and server-sent-events fallbacks) does not look at the <c>Origin</c> header, and WebSockets are not
/// covered by CORS, so a page on another site could open a circuit with the visitor's cookies. This refuses (403)
/// every request under <c>/_blazor</c> whose <c>Origin</c> is not the app's own origin (scheme, host and port of the
/// request) or one of <see cref="BlazorOriginOptions.AllowedOrigins"/> (e.g. the public address in front of a proxy that
/// rewrites the host). <c>Origin: null</c> (sandboxed frames, file: pages) is refused.
/// A request without <c>Origin</c> is let through: browsers always send it with a WebSocket handshake and with every
/// cross-origin request, so its absence means a same-origin GET (a long-polling poll) or a client that is not a browser
/// and so has no visitor's cookies to abuse.
/// </summary>
public static class BlazorOriginCheck
{
    public const string Path = "/_blazor";

    public static IServiceCollection AddBlazorOriginCheck(this IServiceCollection services)
    {
        services.AddOptions<BlazorOriginOptions>().BindConfiguration(BlazorOriginOptions.Section);
        return services;
    }

    public static IApplicationBuilder UseBlazorOriginCheck(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase)
                && context.Request.Headers.TryGetValue(HeaderNames.Origin, out var origins)
                && !IsAllowed(context, origins.ToString()))
            {
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BlazorOriginCheck));
                BlazorOriginLog.Refused(logger);

                // A plain 403, not the site's error page.
                if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } statusPages)
                {
                    statusPages.Enabled = false;
                }

                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            await next(context);
        });
    }

    internal static bool IsAllowed(HttpContext context, string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return false; // "null", several origins, or garbage
        }

        var own = $"{context.Request.Scheme}://{context.Request.Host.Value}";
        if (SameOrigin(uri, own))
        {
            return true;
        }

        var options = context.RequestServices.GetRequiredService<IOptionsMonitor<BlazorOriginOptions>>().CurrentValue;
        return options.AllowedOrigins.Any(allowed => SameOrigin(uri, allowed));
    }

    private static bool SameOrigin(Uri origin, string other) =>
        Uri.TryCreate(other, UriKind.Absolute, out var uri)
        && string.Equals(origin.Scheme, uri.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(origin.IdnHost, uri.IdnHost, StringComparison.OrdinalIgnoreCase)
        && origin.Port == uri.Port;
}

/// <summary>Configuration section <c>Security:Blazor</c>.</summary>
public sealed class BlazorOriginOptions
{
    public const string Section = "Security:Blazor";

    /// <summary>Origins besides the request's own that may open a circuit, e.g. <c>https://lotgenoten.example.be</c>.</summary>
    public IList<string> AllowedOrigins { get; } = [];
}

internal static partial class BlazorOriginLog
{
    // The origin itself is not logged: it could be anything a visitor's browser was made to send.
    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "Refused a Blazor circuit request from another origin")]
    public static partial void Refused(ILogger logger);
}
