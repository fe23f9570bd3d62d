using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Lotgenoten.Web.Features.Security;

/// <summary>
/// Behind a load balancer or reverse proxy: trust <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> only from the
/// proxies named in <c>ForwardedHeaders:KnownProxies</c> (addresses) or <c>ForwardedHeaders:KnownNetworks</c> (CIDR).
/// Without either, forwarded headers are ignored: the rate limits then count per proxy, and a client cannot forge its
/// address. With them, rate limits count per relative, HTTPS is recognised for HSTS and <c>Secure</c> cookies, and
/// links in mails are built on the public scheme. (The host itself is never taken from a header: set
/// <c>AllowedHosts</c>.)
/// </summary>
public static class ProxySupport
{
    public const string Section = "ForwardedHeaders";

    public static IHostApplicationBuilder AddProxySupport(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var proxies = builder.Configuration.GetSection($"{Section}:KnownProxies").Get<string[]>() ?? [];
        var networks = builder.Configuration.GetSection($"{Section}:KnownNetworks").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"{Section}:KnownProxies: '{proxy}' is not an IP address."));
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new InvalidOperationException($"{Section}:KnownNetworks: '{network}' is not a network in CIDR notation."));
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline, so that every later part sees the client's address and scheme.</summary>
    public static WebApplication UseProxySupport(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ForwardedHeadersOptions>>().Value;
        if (options.KnownProxies.Count > 0 || options.KnownIPNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
