using System.Net;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lotgenoten.Web.Tests.Features.DevSignIn;

public sealed class DevSignInTests : IClassFixture<DevelopmentApp>
{
    private readonly LotgenotenWebFactory _factory;

    public DevSignInTests(DevelopmentApp factory) => _factory = factory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_Coordinator_SetsStaffCookieAndRedirectsHome()
    {
        using var client = _factory.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri("/dev/signin?user=coordinator", UriKind.Relative), Ct);

        response.RedirectTarget().ShouldBe("/");
        response.SetCookies().ShouldContain(c => c.StartsWith(".Lotgenoten.Staff=", StringComparison.Ordinal) && !c.StartsWith(".Lotgenoten.Staff=;", StringComparison.Ordinal));
        response.SetCookies().Where(c => c.StartsWith(".Lotgenoten.Staff=C", StringComparison.Ordinal))
            .ShouldAllBe(c => c.Contains("httponly", StringComparison.OrdinalIgnoreCase) && c.Contains("samesite=lax", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("coordinator", "Welkom, Hilde")]
    [InlineData("facilitator", "Welkom, Pieter")]
    [InlineData("facilitator2", "Welkom, Sarah")]
    [InlineData("counsellor", "Welkom, Jonas")]
    [InlineData("lead", "Welkom, An")]
    public async Task Get_StaffUser_LandsOnStaffHome(string user, string h1)
    {
        using var client = _factory.CreateClient();

        var html = await client.GetStringAsync(new Uri($"/dev/signin?user={user}", UriKind.Relative), Ct);

        HttpResponseExtensions.H1(html).ShouldBe(h1);
    }

    [Fact]
    public async Task Get_WithLocalReturnUrl_RedirectsThere()
    {
        using var client = _factory.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri("/dev/signin?user=counsellor&returnUrl=%2Foverzicht", UriKind.Relative), Ct);

        response.RedirectTarget().ShouldBe("/overzicht");
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("http:evil.example")]
    public async Task Get_WithReturnUrlToAnotherHost_RedirectsToHomeInstead(string returnUrl)
    {
        using var client = _factory.CreateNonRedirectingClient();

        using var response = await client.GetAsync(
            new Uri($"/dev/signin?user=coordinator&returnUrl={Uri.EscapeDataString(returnUrl)}", UriKind.Relative), Ct);

        response.RedirectTarget().ShouldBe("/");
        response.RedirectUri().Host.ShouldBe("localhost");
    }

    [Fact]
    public async Task Get_UnknownUser_Returns404()
    {
        using var client = _factory.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri("/dev/signin?user=nobody", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.SetCookies().ShouldNotContain(c => c.StartsWith(".Lotgenoten.Staff=C", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_Page_ListsEveryDemoUser()
    {
        using var client = _factory.CreateClient();

        var html = await client.GetStringAsync(new Uri("/dev/signin", UriKind.Relative), Ct);

        foreach (var user in DemoUsers.All)
        {
            html.ShouldContain($"/dev/signin?user={user.Key}");
            WebUtility.HtmlDecode(html).ShouldContain(user.DisplayName);
        }
    }

    [Fact]
    public async Task Get_Participant_SignsInThroughIdentityAndLandsOnParticipantHome()
    {
        await EnsureDemoParticipantAsync();
        using var client = _factory.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri("/dev/signin?user=participant", UriKind.Relative), Ct);

        response.RedirectTarget().ShouldBe("/mijn");
        response.SetCookies().ShouldContain(c => c.StartsWith(".Lotgenoten.Account=C", StringComparison.Ordinal));
        using var home = await client.GetAsync(new Uri("/mijn", UriKind.Relative), Ct);
        home.StatusCode.ShouldBe(HttpStatusCode.OK);
        HttpResponseExtensions.H1(await home.Content.ReadAsStringAsync(Ct)).ShouldBe($"Welkom, {DemoUsers.ParticipantUserName}");
    }

    [Fact]
    public async Task Get_ParticipantOnStaffPage_IsForbidden()
    {
        await EnsureDemoParticipantAsync();
        using var client = _factory.CreateNonRedirectingClient();
        using var _ = await client.GetAsync(new Uri("/dev/signin?user=participant", UriKind.Relative), Ct);

        using var response = await client.GetAsync(new Uri("/overzicht", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a signed-in participant is refused, not sent to the staff sign-in");
    }

    [Fact]
    public async Task Get_StaffOnParticipantPage_IsSentToParticipantSignIn()
    {
        using var client = _factory.CreateNonRedirectingClient();
        using var _ = await client.GetAsync(new Uri("/dev/signin?user=coordinator", UriKind.Relative), Ct);

        using var response = await client.GetAsync(new Uri("/mijn", UriKind.Relative), Ct);

        response.RedirectTarget().ShouldStartWith("/deelnemer/aanmelden");
    }

    private async Task EnsureDemoParticipantAsync()
    {
        using var scope = _factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ParticipantUser>>();
        if (await users.FindByNameAsync(DemoUsers.ParticipantUserName) is not null)
        {
            return;
        }

        var result = await users.CreateAsync(
            new ParticipantUser { Id = DemoUsers.Participant.ObjectId, UserName = DemoUsers.ParticipantUserName },
            DemoUsers.ParticipantPassphrase);
        result.Succeeded.ShouldBeTrue(string.Join(", ", result.Errors.Select(e => e.Code)));
    }
}
