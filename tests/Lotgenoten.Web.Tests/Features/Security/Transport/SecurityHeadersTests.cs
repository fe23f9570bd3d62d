using System.Net;
using Lotgenoten.Web.Features.Security;
using Lotgenoten.Web.Tests.Infrastructure;

namespace Lotgenoten.Web.Tests.Features.Security.Transport;

/// <summary>
/// The security headers as a browser receives them, exactly: the Content-Security-Policy (scripts only from this site,
/// inline styles only, which Blazor and MudBlazor need; no framing), no referrer, no sniffing, and HSTS on a real
/// Production host over https and nowhere in Development.
/// </summary>
public sealed class SecurityHeadersTests : IClassFixture<DevelopmentApp>
{
    /// <summary>The whole policy, directive by directive. <c>form-action</c> also names Entra ID (the sign-out form's redirect).</summary>
    public const string ExpectedPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self' https://login.microsoftonline.com; " +
        "frame-ancestors 'none'";

    /// <summary>HSTS is not sent to localhost (ASP.NET Core's default exclusion), so the Production host has a real name.</summary>
    public static readonly Uri ProductionAddress = new("https://lotgenoten.example/");

    private readonly DevelopmentApp _development;

    public SecurityHeadersTests(DevelopmentApp development) => _development = development;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/deelnemer/aanmelden")]
    [InlineData("/not-found")]
    [InlineData("/health")]
    [InlineData("/bestaat-niet")]
    public async Task Get_Development_SendsTheExactHeaders(string path)
    {
        using var client = _development.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);

        Header(response, "Content-Security-Policy").ShouldBe(ExpectedPolicy);
        Header(response, "Referrer-Policy").ShouldBe("no-referrer");
        Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
        Header(response, "X-Frame-Options").ShouldBe("DENY");
        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse("no HSTS in Development (it would pin localhost to https)");
    }

    [Fact]
    public void Policy_AllowsNoInlineScriptNoEvalAndNoFraming()
    {
        var directives = ExpectedPolicy.Split("; ").ToDictionary(d => d.Split(' ')[0], d => d.Split(' ')[1..]);

        directives["script-src"].ShouldBe(["'self'"]);
        directives["frame-ancestors"].ShouldBe(["'none'"]);
        directives["object-src"].ShouldBe(["'none'"]);
        ExpectedPolicy.ShouldNotContain("unsafe-eval");
        ExpectedPolicy.ShouldNotContain("wasm-unsafe-eval");
        ExpectedPolicy.ShouldNotContain("*");
        ExpectedPolicy.ShouldNotContain("http:");
        directives.Where(d => d.Key != "style-src").SelectMany(d => d.Value).ShouldNotContain("'unsafe-inline'");
    }

    [Fact]
    public void ContentSecurityPolicy_HttpIdentityInstance_IsNotAFormTarget()
    {
        SecurityHeaders.ContentSecurityPolicy("http://login.example/")
            .ShouldContain("form-action 'self'; ");
        SecurityHeaders.ContentSecurityPolicy("https://login.example/tenant/")
            .ShouldContain("form-action 'self' https://login.example; ");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/deelnemer/aanmelden")]
    [InlineData("/health")]
    public async Task Get_ProductionOverHttps_SendsHstsAndTheSameHeaders(string path)
    {
        using var production = new LotgenotenWebFactory("Production");
        using var client = HttpsClient(production);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Header(response, "Strict-Transport-Security").ShouldBe("max-age=2592000");
        Header(response, "Content-Security-Policy").ShouldBe(ExpectedPolicy);
        Header(response, "Referrer-Policy").ShouldBe("no-referrer");
        Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
        Header(response, "Cache-Control").Split(", ").ShouldContain("no-store");
    }

    [Fact]
    public async Task Get_DevelopmentOverHttps_SendsNoHsts()
    {
        using var client = HttpsClient(_development);

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
    }

    /// <summary>A client of <paramref name="factory"/> on <see cref="ProductionAddress"/>: cookies kept, redirects not followed.</summary>
    internal static HttpClient HttpsClient(LotgenotenWebFactory factory) =>
        factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = ProductionAddress,
            AllowAutoRedirect = false,
            HandleCookies = true,
        });

    internal static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new ShouldAssertException($"{name} is missing on {response.RequestMessage?.RequestUri} ({(int)response.StatusCode})");
}
