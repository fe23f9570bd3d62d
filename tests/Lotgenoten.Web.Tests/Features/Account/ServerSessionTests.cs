using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Sessions;
using Lotgenoten.Web.Features.Account;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Web.Tests.Features.Account;

/// <summary>
/// Sign-ins live on the server: the cookie is only a key, signing out deletes the session, and a cookie copied before
/// the sign-out (from a shared computer, a proxy log, a stolen backup of a browser profile) is refused afterwards.
/// </summary>
public sealed class ServerSessionTests : IClassFixture<DevelopmentApp>
{
    private readonly LotgenotenWebFactory _factory;

    public ServerSessionTests(DevelopmentApp factory) => _factory = factory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A client that neither follows redirects nor keeps cookies: the test carries them by hand.</summary>
    private HttpClient BareClient() =>
        _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>The cookies a browser would keep from a response: the last value per name, deletions dropped.</summary>
    private static string CookieHeader(HttpResponseMessage response) =>
        string.Join("; ", response.SetCookies()
            .Select(c => c.Split(';')[0])
            .GroupBy(c => c.Split('=')[0])
            .Select(g => g.Last())
            .Where(c => !c.EndsWith('=')));

    private static HttpRequestMessage Get(string path, string cookies)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", cookies);
        return request;
    }

    private async Task<int> SessionCountAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);
        return await db.Set<AuthSession>().CountAsync(Ct);
    }

    [Fact]
    public async Task SignOut_CookieCopiedBefore_IsRefusedAfterwards()
    {
        using var client = BareClient();
        using var signIn = await client.GetAsync(new Uri("/dev/signin?user=coordinator", UriKind.Relative), Ct);
        var copied = CookieHeader(signIn);
        copied.ShouldNotBeEmpty();
        var sessionsSignedIn = await SessionCountAsync();

        using var page = await client.SendAsync(Get("/overzicht", copied), Ct);
        page.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        var token = HttpResponseExtensions.AntiforgeryToken(await page.Content.ReadAsStringAsync(Ct));
        var withAntiforgery = string.Join("; ", new[] { copied, CookieHeader(page) }.Where(c => c.Length > 0));

        using var signOut = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/signout", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]),
        };
        signOut.Headers.Add("Cookie", withAntiforgery);
        using var signedOut = await client.SendAsync(signOut, Ct);
        signedOut.RedirectTarget().ShouldBe("/");
        (await SessionCountAsync()).ShouldBe(sessionsSignedIn - 1, "signing out deletes the session on the server");

        using var replay = await client.SendAsync(Get("/overzicht", copied), Ct);
        replay.RedirectTarget().ShouldStartWith("/dev/signin");
    }

    [Fact]
    public async Task SignIn_Cookie_HoldsOnlyAKeyAndTheServerHoldsTheTicketEncrypted()
    {
        using var client = BareClient();
        using var signIn = await client.GetAsync(new Uri("/dev/signin?user=facilitator", UriKind.Relative), Ct);
        var cookie = signIn.SetCookies().Last(c => c.StartsWith(AuthSchemes.StaffCookieName + "=", StringComparison.Ordinal));

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);
        var newest = await db.Set<AuthSession>().OrderByDescending(s => s.CreatedAt).FirstAsync(Ct);
        newest.Scheme.ShouldBe(AuthSchemes.StaffCookie);
        newest.Id.Length.ShouldBe(64);
        newest.ExpiresAt.ShouldNotBeNull();
        System.Text.Encoding.UTF8.GetString(newest.Ticket).ShouldNotContain("Facilitator", Case.Insensitive);
        cookie.Length.ShouldBeLessThan(700, "the cookie carries a session key, not the roles and names");
    }

    [Fact]
    public void Options_BothCookieSchemes_UseTheDatabaseStore()
    {
        var options = _factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>();
        options.Get(AuthSchemes.StaffCookie).SessionStore.ShouldBeOfType<AuthSessionStore>();
        options.Get(AuthSchemes.ParticipantCookie).SessionStore.ShouldBeOfType<AuthSessionStore>();
    }
}
