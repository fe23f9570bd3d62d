using System.Net;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Web.Features.Account;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Validators;

namespace Lotgenoten.Web.Tests.Features.Account.Oidc;

/// <summary>
/// Staff sign-in for real: the OpenID Connect authorization-code flow of the app's Microsoft.Identity.Web set-up against
/// a local provider over HTTP, with the app's roles taken from the <c>roles</c> claim of the ID token, and a sign-out that
/// ends the session here and at the provider.
/// </summary>
public sealed class StaffOidcSignInTests : IClassFixture<StaffOidcSignInTests.Fixture>
{
    /// <summary>The staff cookie outside Development: Secure, host-only, path / (Security/SecureCookies).</summary>
    private const string StaffCookie = "__Host-Lotgenoten.Staff";

    private readonly Fixture _fixture;

    public StaffOidcSignInTests(Fixture fixture) => _fixture = fixture;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestOpenIdProvider Provider => _fixture.Provider;

    private StaffOidcApp App => _fixture.App;

    [Fact]
    public async Task SignIn_CoordinatorRole_ReachesWaitingListAndIsRecordedAsStaff()
    {
        using var browser = new OidcBrowser(App, Provider);

        using var callback = await browser.SignInAsync("coordinator", "/wachtlijst", Provider.Authority, Ct);

        callback.StatusCode.ShouldBe(HttpStatusCode.Redirect, App.Log.ToString());
        callback.RedirectTarget().ShouldBe("/wachtlijst");
        var staffCookie = callback.SetCookies()
            .Where(c => c.StartsWith(StaffCookie + "=", StringComparison.Ordinal)).ShouldHaveSingleItem();
        staffCookie.ShouldContain("secure");
        staffCookie.ShouldContain("httponly");
        using var page = await browser.GetAsync("/wachtlijst", Ct);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);

        var coordinator = TestOpenIdProvider.Users["coordinator"];
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);
        var member = await db.Set<StaffMember>().SingleAsync(s => s.ObjectId == coordinator.ObjectId, Ct);
        member.DisplayName.ShouldBe(coordinator.Name);
    }

    [Fact]
    public async Task SignIn_FacilitatorRoleOnly_IsRefusedTheWaitingListButReachesGroups()
    {
        using var browser = new OidcBrowser(App, Provider);

        using var callback = await browser.SignInAsync("facilitator", "/groepen", Provider.Authority, Ct);

        callback.StatusCode.ShouldBe(HttpStatusCode.Redirect, App.Log.ToString());
        callback.RedirectTarget().ShouldBe("/groepen");
        using var groups = await browser.GetAsync("/groepen", Ct);
        groups.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var waitingList = await browser.GetAsync("/wachtlijst", Ct);
        waitingList.RedirectTarget().ShouldStartWith(AuthenticationSetup.AccessDeniedPath + "?");
    }

    [Fact]
    public async Task SignIn_NoAppRole_GetsTheNoRolePageAndNoStaffPage()
    {
        using var browser = new OidcBrowser(App, Provider);

        using var callback = await browser.SignInAsync("norole", "/", Provider.Authority, Ct);

        callback.StatusCode.ShouldBe(HttpStatusCode.Redirect, App.Log.ToString());
        callback.RedirectTarget().ShouldBe("/");
        using var home = await browser.GetAsync("/", Ct);
        home.StatusCode.ShouldBe(HttpStatusCode.OK);
        HttpResponseExtensions.H1(await home.Content.ReadAsStringAsync(Ct)).ShouldBe("Nog geen toegang");
        using var groups = await browser.GetAsync("/groepen", Ct);
        groups.RedirectTarget().ShouldStartWith(AuthenticationSetup.AccessDeniedPath + "?");

        // Without an app role the person is not recorded as staff (coordinators cannot assign them to a group yet).
        var newcomer = TestOpenIdProvider.Users["norole"];
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);
        (await db.Set<StaffMember>().AnyAsync(s => s.ObjectId == newcomer.ObjectId, Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task SignOut_AfterOidcSignIn_EndsTheSessionHereAndAtTheProvider()
    {
        using var browser = new OidcBrowser(App, Provider);
        using var callback = await browser.SignInAsync("coordinator", "/overzicht", Provider.Authority, Ct);
        callback.StatusCode.ShouldBe(HttpStatusCode.Redirect, App.Log.ToString());
        var page = await (await browser.GetAsync("/overzicht", Ct)).Content.ReadAsStringAsync(Ct);
        var token = HttpResponseExtensions.AntiforgeryToken(page);

        using var signOut = await browser.PostFormAsync(
            new Uri(StaffOidcApp.BaseAddress, "account/signout"), [new("__RequestVerificationToken", token)], Ct);

        // The app forgets the session at once and sends the browser to the provider's end-session endpoint ...
        signOut.StatusCode.ShouldBe(HttpStatusCode.Redirect, App.Log.ToString());
        var endSession = signOut.Headers.Location.ShouldNotBeNull();
        endSession.GetLeftPart(UriPartial.Path).ShouldBe($"{Provider.Authority}/oauth2/logout");
        signOut.SetCookies().ShouldContain(c => c.StartsWith(StaffCookie + "=;", StringComparison.Ordinal));
        browser.Cookies.GetCookies(StaffOidcApp.BaseAddress)[StaffCookie].ShouldBeNull();

        // ... which ends the session there and sends the browser back to the app's signed-out callback, then home.
        using var provider = await browser.GetAsync(endSession, Ct);
        provider.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var signedOut = provider.Headers.Location.ShouldNotBeNull();
        signedOut.GetLeftPart(UriPartial.Path).ShouldBe(new Uri(StaffOidcApp.BaseAddress, "signout-callback-oidc").ToString());
        Provider.EndSessionCalls.ShouldHaveSingleItem().PostLogoutRedirectUri
            .ShouldBe(new Uri(StaffOidcApp.BaseAddress, "signout-callback-oidc").ToString());
        using var back = await browser.GetAsync(signedOut, Ct);
        back.RedirectTarget().ShouldBe("/");

        using var after = await browser.GetAsync("/wachtlijst", Ct);
        after.RedirectTarget().ShouldStartWith(AuthenticationSetup.StaffSignInPath + "?");

    }

    [Fact]
    public async Task Callback_ReplayedInAnotherBrowser_DoesNotSignIn()
    {
        using var victim = new OidcBrowser(App, Provider);
        var (action, fields) = await victim.AuthorizeAsync("coordinator", "/wachtlijst", Provider.Authority, Ct);
        using var attacker = new OidcBrowser(App, Provider);

        // Without the correlation and nonce cookies of the browser that started the sign-in, the answer is worthless.
        using var replayed = await attacker.PostFormAsync(action, fields, Ct);

        // A failed sign-in lands on the landing page with a calm message, never a 500.
        replayed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        replayed.RedirectTarget().ShouldBe(AuthenticationSetup.SignInFailedPath);
        using var landing = await attacker.GetAsync(AuthenticationSetup.SignInFailedPath, Ct);
        (await landing.Content.ReadAsStringAsync(Ct)).ShouldContain("Het aanmelden is niet gelukt.");
        replayed.SetCookies().ShouldNotContain(c => c.StartsWith(StaffCookie + "=", StringComparison.Ordinal));
        attacker.Cookies.GetCookies(StaffOidcApp.BaseAddress)[StaffCookie].ShouldBeNull();
        using var page = await attacker.GetAsync("/wachtlijst", Ct);
        page.RedirectTarget().ShouldStartWith(AuthenticationSetup.StaffSignInPath + "?");
    }

    [Fact]
    public void Options_FromTheAzureAdSection_AreTheCodeFlowWithEntraValidation()
    {
        var oidc = App.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(AuthSchemes.StaffOpenIdConnect);

        oidc.ResponseType.ShouldBe("code");
        oidc.UsePkce.ShouldBeTrue();
        oidc.RequireHttpsMetadata.ShouldBeTrue();
        oidc.Authority.ShouldBe(Provider.Authority.ToString());
        oidc.TokenValidationParameters.ValidateAudience.ShouldBeTrue();
        oidc.TokenValidationParameters.ValidAudience.ShouldBe(TestOpenIdProvider.ClientId);
        oidc.TokenValidationParameters.ValidateIssuer.ShouldBeTrue();
        oidc.TokenValidationParameters.IssuerValidator.ShouldNotBeNull().Target.ShouldBeOfType<AadIssuerValidator>();
    }

    public sealed class Fixture : IAsyncLifetime
    {
        private TestOpenIdProvider? _provider;
        private StaffOidcApp? _app;

        internal TestOpenIdProvider Provider => _provider ?? throw new InvalidOperationException("Not started.");

        internal StaffOidcApp App => _app ?? throw new InvalidOperationException("Not started.");

        public async ValueTask InitializeAsync()
        {
            _provider = await TestOpenIdProvider.StartAsync(StaffOidcApp.BaseAddress, TestContext.Current.CancellationToken);
            _app = new StaffOidcApp(_provider);
            _ = _app.Server; // start the app now, not in the first test
        }

        public async ValueTask DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }

            if (_provider is not null)
            {
                await _provider.DisposeAsync();
            }
        }
    }
}
