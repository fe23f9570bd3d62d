using System.Net;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Web.Tests.Infrastructure;

namespace Lotgenoten.Web.Tests.Features.Invitations;

/// <summary>The redeem page over HTTP: GET for the antiforgery token, then the server-rendered form posts.</summary>
public sealed class RedeemPageTests : IAsyncLifetime
{
    private const string Passphrase = "een-rustige-ochtend-aan-zee";
    private RedeemTestApp _app = default!;
    private PeerGroup _group = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = new RedeemTestApp();
        _group = await _app.GroupAsync();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Get_CodePage_IsNeutralAndAsksOnlyForTheCode()
    {
        using var client = _app.CreateClient();

        using var response = await client.GetAsync(new Uri("/uitnodiging", UriKind.Relative), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        HttpResponseExtensions.H1(html).ShouldBe("Uitnodiging");
        html.ShouldContain("<title>Uitnodiging</title>");
        html.ShouldContain("name=\"CodeInput.Code\"");
        html.ShouldNotContain("name=\"Input.UserName\"");
        html.ShouldContain("data-quick-exit");
        html.ShouldNotContain("Je bent uitgenodigd"); // nothing about the group before a code works
    }

    [Fact]
    public async Task Post_CodeThenAccount_SignsInAndLandsOnTheParticipantHome()
    {
        var placed = await _app.PlaceAsync(_group);
        using var client = _app.CreateClient();
        var page = await client.GetStringAsync(new Uri("/uitnodiging", UriKind.Relative), Ct);

        using var codeResponse = await client.PostAsync(new Uri("/uitnodiging", UriKind.Relative), new FormUrlEncodedContent(
        [
            new("_handler", "redeem-code"),
            new("__RequestVerificationToken", HttpResponseExtensions.AntiforgeryToken(page)),
            new("CodeInput.Code", placed.Code.ToLowerInvariant()),
        ]), Ct);
        var accountPage = await codeResponse.Content.ReadAsStringAsync(Ct);

        codeResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        accountPage.ShouldContain("Je bent uitgenodigd voor een lotgenotengroep");
        accountPage.ShouldContain($"name=\"Input.Code\" value=\"{placed.Code}\"");
        accountPage.ShouldContain("name=\"Input.UserName\"");
        accountPage.ShouldContain("name=\"Input.Pseudonym\"");

        using var response = await PostAccountAsync(client, "/uitnodiging", accountPage, placed.Code, Passphrase);

        response.RedirectTarget().ShouldBe("/mijn");
        response.SetCookies().ShouldContain(c => c.StartsWith(".Lotgenoten.Account=C", StringComparison.Ordinal)
            && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        using var home = await client.GetAsync(new Uri("/mijn", UriKind.Relative), Ct);
        home.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _app.CountsAsync()).ShouldBe((1, 1, 1, 1, 1));
    }

    [Fact]
    public async Task Post_LinkWithACommonPassphrase_ShowsTheMessageAtTheFieldAndSendsNoSecretBack()
    {
        var placed = await _app.PlaceAsync(_group);
        using var client = _app.CreateClient();
        var path = "/uitnodiging/" + placed.Token;
        var page = await client.GetStringAsync(new Uri(path, UriKind.Relative), Ct);
        page.ShouldContain("Je bent uitgenodigd voor een lotgenotengroep");
        page.ShouldNotContain("name=\"Input.Code\"");

        using var response = await PostAccountAsync(client, path, page, code: null, passphrase: "qwertyuiopasdfghjkl");
        var html = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("Deze wachtzin wordt heel vaak gebruikt en is makkelijk te raden. Kies een andere.");
        html.ShouldContain("aria-invalid=\"true\"");
        html.ShouldNotContain("qwertyuiopasdfghjkl");
        html.ShouldContain("value=\"zeemeeuw\"");
        response.SetCookies().ShouldNotContain(c => c.StartsWith(".Lotgenoten.Account=C", StringComparison.Ordinal));
        (await _app.CountsAsync()).ShouldBe((0, 0, 0, 0, 0));
    }

    [Fact]
    public async Task Get_WrongLink_SaysTheCodeDoesNotWorkAndOffersToTypeOne()
    {
        using var client = _app.CreateClient();

        using var response = await client.GetAsync(new Uri("/uitnodiging/dit-is-geen-geldige-link-abcdefghijklmnopqrstuvw", UriKind.Relative), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("Deze code werkt niet. Kijk hem na of vraag een nieuwe aan de hulplijn.");
        html.ShouldNotContain("name=\"Input.UserName\"");
        html.ShouldContain("href=\"/uitnodiging\"");
    }

    private static async Task<HttpResponseMessage> PostAccountAsync(HttpClient client, string path, string page, string? code, string passphrase)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("_handler", "redeem-account"),
            new("__RequestVerificationToken", HttpResponseExtensions.AntiforgeryToken(page)),
            new("Input.UserName", "zeemeeuw"),
            new("Input.Pseudonym", "Zeemeeuw"),
            new("Input.Passphrase", passphrase),
            new("Input.PassphraseConfirmation", passphrase),
        };
        if (code is not null)
        {
            fields.Add(new("Input.Code", code));
        }

        return await client.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(fields), Ct);
    }
}
