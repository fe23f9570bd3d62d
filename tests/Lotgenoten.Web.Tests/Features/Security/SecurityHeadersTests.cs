using Lotgenoten.Web.Tests.Infrastructure;

namespace Lotgenoten.Web.Tests.Features.Security;

public sealed class SecurityHeadersTests : IClassFixture<DevelopmentApp>
{
    private readonly LotgenotenWebFactory _factory;

    public SecurityHeadersTests(DevelopmentApp factory) => _factory = factory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/deelnemer/aanmelden")]
    [InlineData("/dev/signin")]
    [InlineData("/health")]
    [InlineData("/overzicht")]
    public async Task Get_Any_SendsSecurityHeaders(string url)
    {
        using var client = _factory.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);

        var csp = Header(response, "Content-Security-Policy");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldContain("default-src 'self'");
        csp.ShouldContain("script-src 'self'");
        csp.ShouldNotContain("unsafe-eval");
        Header(response, "Referrer-Policy").ShouldBe("no-referrer");
        Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/deelnemer/aanmelden")]
    public async Task Get_Page_IsNotCached(string url)
    {
        using var client = _factory.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);

        response.Headers.CacheControl.ShouldNotBeNull().NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task Get_Page_AsksForNoExternalResources()
    {
        using var client = _factory.CreateClient();

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);

        html.ShouldNotContain("fonts.googleapis", Case.Insensitive);
        html.ShouldNotContain("src=\"http", Case.Insensitive);
        html.ShouldNotContain("href=\"http", Case.Insensitive);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new ShouldAssertException($"{name} is missing");
}
