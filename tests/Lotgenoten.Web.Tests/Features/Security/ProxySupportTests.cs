using System.Net;
using Lotgenoten.Web.Features.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Web.Tests.Features.Security;

/// <summary>Forwarded headers are trusted only from configured proxies; a bad entry stops the start.</summary>
public sealed class ProxySupportTests
{
    private static ForwardedHeadersOptions Options(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.AddProxySupport();
        using var app = builder.Build();
        return app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
    }

    [Fact]
    public void AddProxySupport_NothingConfigured_TrustsNoProxyNotEvenLoopback()
    {
        var options = Options();
        options.KnownProxies.ShouldBeEmpty();
        options.KnownIPNetworks.ShouldBeEmpty();
    }

    [Fact]
    public void AddProxySupport_ProxyAndNetwork_TrustsExactlyThoseForOneHop()
    {
        var options = Options(("ForwardedHeaders:KnownProxies:0", "10.0.0.5"), ("ForwardedHeaders:KnownNetworks:0", "10.1.0.0/16"));
        options.KnownProxies.ShouldBe([IPAddress.Parse("10.0.0.5")]);
        options.KnownIPNetworks.Single().ToString().ShouldBe("10.1.0.0/16");
        options.ForwardLimit.ShouldBe(1);
        options.ForwardedHeaders.ShouldBe(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "proxy.example")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.1.0.0")]
    public void AddProxySupport_NotAnAddress_FailsWithTheKey(string key, string value)
    {
        var e = Should.Throw<InvalidOperationException>(() => Options((key, value)));
        e.Message.ShouldContain(key[..key.LastIndexOf(':')]);
    }
}
