using System.Net;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Web.Features.Account;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Web.Tests.Features.Security.Transport;

/// <summary>
/// The app's cookies as a Production host over https sets them: every one <c>Secure</c>, <c>HttpOnly</c>, path <c>/</c>,
/// no <c>Domain</c>, behind the <c>__Host-</c> prefix; the sign-in cookies and the language cookie <c>SameSite=Lax</c>
/// (Entra's form_post and links from mails must land signed in), antiforgery <c>SameSite=Strict</c> (only ever needed
/// by this site's own forms). And they still work under those names: a participant signs in and is recognised, a
/// chosen language is read back. Development keeps plain names without <c>Secure</c> (http://localhost).
/// </summary>
public sealed class CookieTests : IClassFixture<CookieTests.ProductionApp>
{
    private const string Passphrase = "een-rustige-ochtend-aan-zee";

    private readonly ProductionApp _app;

    public CookieTests(ProductionApp app) => _app = app;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignIn_Participant_HostPrefixedSecureHttpOnlyLaxCookieThatWorks()
    {
        var userName = await CreateParticipantAsync();
        using var client = SecurityHeadersTests.HttpsClient(_app);

        using var page = await client.GetAsync(new Uri("/deelnemer/aanmelden", UriKind.Relative), Ct);
        var antiforgery = Cookie(page, "__Host-Lotgenoten.Antiforgery");
        using var response = await client.PostAsync(new Uri("/deelnemer/aanmelden", UriKind.Relative), new FormUrlEncodedContent(
        [
            new("_handler", "participant-login"),
            new("__RequestVerificationToken", HttpResponseExtensions.AntiforgeryToken(await page.Content.ReadAsStringAsync(Ct))),
            new("Input.UserName", userName),
            new("Input.Passphrase", Passphrase),
        ]), Ct);

        response.RedirectTarget().ShouldBe("/mijn");
        Attributes(Cookie(response, "__Host-Lotgenoten.Account")).ShouldBe(["httponly", "path=/", "samesite=lax", "secure"]);
        Attributes(antiforgery).ShouldBe(["httponly", "path=/", "samesite=strict", "secure"]);
        response.SetCookies().ShouldNotContain(c => c.StartsWith(".Lotgenoten", StringComparison.Ordinal));

        var home = await client.GetStringAsync(new Uri("/mijn", UriKind.Relative), Ct);
        HttpResponseExtensions.H1(home).ShouldBe($"Welkom, {userName}");
    }

    [Fact]
    public async Task Get_Culture_HostPrefixedSecureHttpOnlyLaxCookieThatIsRead()
    {
        using var client = SecurityHeadersTests.HttpsClient(_app);

        using var response = await client.GetAsync(new Uri("/culture?culture=fr-BE&returnUrl=%2Fdeelnemer%2Faanmelden", UriKind.Relative), Ct);

        response.RedirectTarget().ShouldBe("/deelnemer/aanmelden");
        var cookie = Cookie(response, "__Host-AspNetCore.Culture");
        cookie.ShouldStartWith("__Host-AspNetCore.Culture=c%3Dfr-BE%7Cuic%3Dfr-BE; expires=");
        Attributes(cookie).Where(a => !a.StartsWith("expires=", StringComparison.Ordinal)).ShouldBe(["httponly", "path=/", "samesite=lax", "secure"]);
        var page = await client.GetStringAsync(new Uri("/deelnemer/aanmelden", UriKind.Relative), Ct);
        page.ShouldContain("<html lang=\"fr\"");
    }

    [Fact]
    public void Options_Production_StaffAndParticipantCookiesAreHostOnlySecureLax()
    {
        var options = _app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>();

        foreach (var (scheme, name) in new[] { (AuthSchemes.StaffCookie, "__Host-Lotgenoten.Staff"), (AuthSchemes.ParticipantCookie, "__Host-Lotgenoten.Account") })
        {
            var cookie = options.Get(scheme).Cookie;
            cookie.Name.ShouldBe(name);
            cookie.SecurePolicy.ShouldBe(CookieSecurePolicy.Always);
            cookie.HttpOnly.ShouldBeTrue();
            cookie.SameSite.ShouldBe(SameSiteMode.Lax);
            cookie.Path.ShouldBe("/");
            cookie.Domain.ShouldBeNull();
        }

        var antiforgery = _app.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie;
        antiforgery.Name.ShouldBe("__Host-Lotgenoten.Antiforgery");
        antiforgery.SecurePolicy.ShouldBe(CookieSecurePolicy.Always);
        antiforgery.SameSite.ShouldBe(SameSiteMode.Strict);
        antiforgery.Domain.ShouldBeNull();
    }

    [Fact]
    public async Task SignIn_DevelopmentOverHttp_PlainNamesWithoutSecure()
    {
        using var development = new DevelopmentApp();
        using var client = development.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri("/dev/signin?user=coordinator&returnUrl=%2Fwachtlijst", UriKind.Relative), Ct);

        response.RedirectTarget().ShouldBe("/wachtlijst");
        Attributes(Cookie(response, ".Lotgenoten.Staff")).ShouldBe(["httponly", "path=/", "samesite=lax"]);
        using var waitingList = await client.GetAsync(new Uri("/wachtlijst", UriKind.Relative), Ct);
        waitingList.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>The one Set-Cookie of <paramref name="name"/> that sets a value.</summary>
    private static string Cookie(HttpResponseMessage response, string name) =>
        response.SetCookies().Where(c => c.StartsWith(name + "=", StringComparison.Ordinal) && !c.StartsWith(name + "=;", StringComparison.Ordinal))
            .ShouldHaveSingleItem($"{name} in {string.Join(" | ", response.SetCookies())}");

    /// <summary>The cookie's attributes (everything after the value), lower case, sorted.</summary>
    private static string[] Attributes(string setCookie) =>
        setCookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).Order(StringComparer.Ordinal).ToArray();

    private async Task<string> CreateParticipantAsync()
    {
        var userName = "deelnemer-" + Guid.NewGuid().ToString("N")[..8];
        using var scope = _app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ParticipantUser>>();
        var result = await users.CreateAsync(new ParticipantUser { UserName = userName }, Passphrase);
        result.Succeeded.ShouldBeTrue(string.Join(", ", result.Errors.Select(e => e.Code)));
        return userName;
    }

    /// <summary>The app as in production, on https with a real host name.</summary>
    public sealed class ProductionApp : LotgenotenWebFactory
    {
        public ProductionApp()
            : base("Production")
        {
        }
    }
}
