using Lotgenoten.Web.Features.Account;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Web.Tests.Features.Account;

public sealed class AuthenticationSetupTests : IClassFixture<DevelopmentApp>
{
    private readonly DevelopmentApp _factory;

    public AuthenticationSetupTests(DevelopmentApp factory) => _factory = factory;

    [Fact]
    public void StaffOpenIdConnect_FromAzureAdSection_KeepsEntraClaimNames()
    {
        var oidc = _factory.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(AuthSchemes.StaffOpenIdConnect);

        oidc.MapInboundClaims.ShouldBeFalse();
        oidc.TokenValidationParameters.RoleClaimType.ShouldBe("roles");
        oidc.TokenValidationParameters.NameClaimType.ShouldBe("name");
        oidc.CallbackPath.Value.ShouldBe("/signin-oidc");
        oidc.SignInScheme.ShouldBe(AuthSchemes.StaffCookie);
    }

    [Fact]
    public async Task Schemes_DefaultIsThePolicySchemeBetweenTheTwoCookies()
    {
        var schemes = _factory.Services.GetRequiredService<IAuthenticationSchemeProvider>();

        (await schemes.GetDefaultAuthenticateSchemeAsync()).ShouldNotBeNull().Name.ShouldBe(AuthSchemes.Default);
        (await schemes.GetDefaultChallengeSchemeAsync()).ShouldNotBeNull().Name.ShouldBe(AuthSchemes.Default);
        (await schemes.GetSchemeAsync(AuthSchemes.StaffCookie)).ShouldNotBeNull();
        (await schemes.GetSchemeAsync(AuthSchemes.ParticipantCookie)).ShouldNotBeNull();
    }

    [Theory]
    [InlineData(CookieAuthenticationDefaults.AuthenticationScheme, ".Lotgenoten.Staff")]
    [InlineData("Identity.Application", ".Lotgenoten.Account")]
    public void Cookies_AreHttpOnlyAndLax(string scheme, string name)
    {
        var cookie = _factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(scheme).Cookie;

        cookie.Name.ShouldBe(name);
        cookie.HttpOnly.ShouldBeTrue();
        cookie.SameSite.ShouldBe(SameSiteMode.Lax);
    }

    [Fact]
    public void Cookies_OutsideDevelopment_AreSecureOnly()
    {
        using var production = new LotgenotenWebFactory("Production");
        var options = production.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>();

        options.Get(CookieAuthenticationDefaults.AuthenticationScheme).Cookie.SecurePolicy.ShouldBe(CookieSecurePolicy.Always);
        options.Get("Identity.Application").Cookie.SecurePolicy.ShouldBe(CookieSecurePolicy.Always);
    }
}
