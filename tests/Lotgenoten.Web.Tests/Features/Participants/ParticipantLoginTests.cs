using System.Net;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lotgenoten.Web.Tests.Features.Participants;

public sealed class ParticipantLoginTests : IClassFixture<DevelopmentApp>
{
    private const string Passphrase = "een-rustige-ochtend-aan-zee";
    private readonly LotgenotenWebFactory _factory;

    public ParticipantLoginTests(DevelopmentApp factory) => _factory = factory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_RightPassphrase_SignsInAndGoesToParticipantHome()
    {
        var userName = await CreateParticipantAsync();
        using var client = _factory.CreateNonRedirectingClient();

        using var response = await PostLoginAsync(client, userName, Passphrase);

        response.RedirectTarget().ShouldBe("/mijn");
        response.SetCookies().ShouldContain(c => c.StartsWith(".Lotgenoten.Account=C", StringComparison.Ordinal)
            && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        var home = await client.GetStringAsync(new Uri("/mijn", UriKind.Relative), Ct);
        HttpResponseExtensions.H1(home).ShouldBe($"Welkom, {userName}");
    }

    [Fact]
    public async Task Post_WrongPassphrase_ShowsTheSameMessageAsAnUnknownName()
    {
        var userName = await CreateParticipantAsync();
        using var client = _factory.CreateNonRedirectingClient();

        using var wrong = await PostLoginAsync(client, userName, "niet-de-goede-wachtzin");
        using var unknown = await PostLoginAsync(client, "bestaat-niet", "niet-de-goede-wachtzin");

        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        var wrongHtml = await wrong.Content.ReadAsStringAsync(Ct);
        wrongHtml.ShouldContain("Aanmelden lukte niet");
        (await unknown.Content.ReadAsStringAsync(Ct)).ShouldContain("Aanmelden lukte niet");
        wrong.SetCookies().ShouldNotContain(c => c.StartsWith(".Lotgenoten.Account=C", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_FiveFailures_LocksTheAccountEvenForTheRightPassphrase()
    {
        var userName = await CreateParticipantAsync();
        using var client = _factory.CreateNonRedirectingClient();

        for (var i = 0; i < 5; i++)
        {
            using var failed = await PostLoginAsync(client, userName, "niet-de-goede-wachtzin");
        }

        using var response = await PostLoginAsync(client, userName, Passphrase);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.SetCookies().ShouldNotContain(c => c.StartsWith(".Lotgenoten.Account=C", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_ForeignReturnUrl_GoesToParticipantHome()
    {
        var userName = await CreateParticipantAsync();
        using var client = _factory.CreateNonRedirectingClient();

        using var response = await PostLoginAsync(client, userName, Passphrase, "?returnUrl=https%3A%2F%2Fevil.example%2F");

        response.RedirectTarget().ShouldBe("/mijn");
    }

    [Fact]
    public async Task Get_Page_AsksForNoEmailOrRealName()
    {
        using var client = _factory.CreateClient();

        var html = await client.GetStringAsync(new Uri("/deelnemer/aanmelden", UriKind.Relative), Ct);

        html.ShouldContain("autocomplete=\"username\"");
        html.ShouldContain("type=\"password\"");
        html.ShouldNotContain("type=\"email\"");
        html.ShouldNotContain("e-mail", Case.Insensitive);
        html.ShouldContain("data-quick-exit");
    }

    private async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string passphrase, string query = "")
    {
        var page = await client.GetStringAsync(new Uri("/deelnemer/aanmelden" + query, UriKind.Relative), Ct);
        var form = new FormUrlEncodedContent(
        [
            new("_handler", "participant-login"),
            new("__RequestVerificationToken", HttpResponseExtensions.AntiforgeryToken(page)),
            new("Input.UserName", userName),
            new("Input.Passphrase", passphrase),
        ]);
        return await client.PostAsync(new Uri("/deelnemer/aanmelden" + query, UriKind.Relative), form, Ct);
    }

    private async Task<string> CreateParticipantAsync()
    {
        var userName = "deelnemer-" + Guid.NewGuid().ToString("N")[..8];
        using var scope = _factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ParticipantUser>>();
        var result = await users.CreateAsync(new ParticipantUser { UserName = userName }, Passphrase);
        result.Succeeded.ShouldBeTrue(string.Join(", ", result.Errors.Select(e => e.Code)));
        return userName;
    }
}
