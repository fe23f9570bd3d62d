using Lotgenoten.Web.Tests.Infrastructure;

namespace Lotgenoten.Web.Tests.Features.Culture;

public sealed class CultureEndpointTests : IClassFixture<DevelopmentApp>
{
    private readonly LotgenotenWebFactory _factory;

    public CultureEndpointTests(DevelopmentApp factory) => _factory = factory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_NoCookie_SpeaksDutch()
    {
        using var client = _factory.CreateClient();

        var html = await client.GetStringAsync(new Uri("/deelnemer/aanmelden", UriKind.Relative), Ct);

        html.ShouldContain("<html lang=\"nl\"");
        HttpResponseExtensions.H1(html).ShouldBe("Aanmelden");
    }

    [Theory]
    [InlineData("fr-BE", "fr", "Connexion")]
    [InlineData("en", "en", "Sign in")]
    [InlineData("nl-BE", "nl", "Aanmelden")]
    public async Task Get_SupportedCulture_SetsCookieAndPagesFollow(string culture, string lang, string h1)
    {
        using var client = _factory.CreateNonRedirectingClient();

        using var response = await client.GetAsync(
            new Uri($"/culture?culture={culture}&returnUrl=%2Fdeelnemer%2Faanmelden", UriKind.Relative), Ct);

        response.RedirectTarget().ShouldBe("/deelnemer/aanmelden");
        response.SetCookies().ShouldContain(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal)
            && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        var html = await client.GetStringAsync(new Uri("/deelnemer/aanmelden", UriKind.Relative), Ct);
        html.ShouldContain($"<html lang=\"{lang}\"");
        HttpResponseExtensions.H1(html).ShouldBe(h1);
    }

    [Fact]
    public async Task Get_UnsupportedCulture_SetsNoCookie()
    {
        using var client = _factory.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri("/culture?culture=de-DE&returnUrl=%2F", UriKind.Relative), Ct);

        response.RedirectTarget().ShouldBe("/");
        response.SetCookies().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    public async Task Get_ReturnUrlToAnotherHost_RedirectsHome(string returnUrl)
    {
        using var client = _factory.CreateNonRedirectingClient();

        using var response = await client.GetAsync(
            new Uri($"/culture?culture=en&returnUrl={Uri.EscapeDataString(returnUrl)}", UriKind.Relative), Ct);

        response.RedirectTarget().ShouldBe("/");
        response.RedirectUri().Host.ShouldBe("localhost");
    }
}
