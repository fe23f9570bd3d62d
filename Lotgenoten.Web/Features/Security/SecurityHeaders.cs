using Microsoft.Net.Http.Headers;

namespace Lotgenoten.Web.Features.Security;

/// <summary>
/// Security headers on every response: a Content-Security-Policy that allows only this site (Blazor Server and
/// MudBlazor need inline styles, nothing else), no framing, no referrer, no sniffing, and no caching of pages.
/// HSTS is added by <c>UseHsts</c> outside Development.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var policy = ContentSecurityPolicy(app.Configuration["AzureAd:Instance"]);

        return app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers["Referrer-Policy"] = "no-referrer";
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";

                // Static assets set their own caching; everything else (pages, endpoints) may hold personal data.
                if (!headers.ContainsKey(HeaderNames.CacheControl))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            await next(context);
        });
    }

    /// <summary>The policy; <paramref name="identityInstance"/> may receive the sign-out form's redirect.</summary>
    internal static string ContentSecurityPolicy(string? identityInstance)
    {
        var formAction = "'self'";
        if (Uri.TryCreate(identityInstance, UriKind.Absolute, out var instance) && instance.Scheme == Uri.UriSchemeHttps)
        {
            formAction += " " + instance.GetLeftPart(UriPartial.Authority);
        }

        return string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            $"form-action {formAction}",
            "frame-ancestors 'none'");
    }
}
