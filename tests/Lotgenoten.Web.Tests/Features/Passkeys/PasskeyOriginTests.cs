using Lotgenoten.Web.Features.Passkeys;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace Lotgenoten.Web.Tests.Features.Passkeys;

/// <summary>A passkey's client data must name this site's own origin, in a top-level page.</summary>
public sealed class PasskeyOriginTests
{
    [Theory]
    [InlineData("https://lotgenoten.example", true)]
    [InlineData("HTTPS://LOTGENOTEN.EXAMPLE", true)]
    [InlineData("http://lotgenoten.example", false)]
    [InlineData("https://lotgenoten.example:8443", false)]
    [InlineData("https://evil.example", false)]
    [InlineData("https://sub.lotgenoten.example", false)]
    [InlineData("null", false)]
    [InlineData("", false)]
    public void IsOwnOrigin_FromTheRequest_AcceptsOnlyTheSameSchemeAndHost(string origin, bool expected)
    {
        var context = Context(origin);

        PasskeysSetup.IsOwnOrigin(context, configuredOrigin: null).ShouldBe(expected);
    }

    [Fact]
    public void IsOwnOrigin_CrossOriginFrame_IsRefused()
    {
        var context = Context("https://lotgenoten.example");
        context = new PasskeyOriginValidationContext
        {
            HttpContext = context.HttpContext,
            Origin = context.Origin,
            CrossOrigin = true,
            TopOrigin = "https://evil.example",
        };

        PasskeysSetup.IsOwnOrigin(context, configuredOrigin: null).ShouldBeFalse();
    }

    [Fact]
    public void IsOwnOrigin_Configured_WinsOverTheRequestHost()
    {
        // Behind a proxy the app sees its internal address; browsers see the public one.
        var context = Context("https://lotgenoten.example", scheme: "http", host: "10.0.0.5:8080");

        PasskeysSetup.IsOwnOrigin(context, configuredOrigin: "https://lotgenoten.example/").ShouldBeTrue();
        PasskeysSetup.IsOwnOrigin(context, configuredOrigin: null).ShouldBeFalse();
    }

    private static PasskeyOriginValidationContext Context(string origin, string scheme = "https", string host = "lotgenoten.example")
    {
        var http = new DefaultHttpContext();
        http.Request.Scheme = scheme;
        http.Request.Host = new HostString(host);
        return new PasskeyOriginValidationContext { HttpContext = http, Origin = origin, CrossOrigin = false, TopOrigin = null };
    }
}
