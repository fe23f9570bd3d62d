using System.Net;
using System.Text.RegularExpressions;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Web.Features.MyAccount;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Web.Tests.Features.MyAccount;

/// <summary>The participant's preferences, help and account pages over HTTP, signed in as the demo participant.</summary>
public sealed partial class MyAccountPagesTests : IClassFixture<MyAccountPagesTests.DemoApp>
{
    private const string Passphrase = "een-rustige-ochtend-aan-zee";
    private readonly DemoApp _app;

    public MyAccountPagesTests(DemoApp app) => _app = app;

    /// <summary>A Development host with demo data, shared by the tests of this class (none of them erases Zonnebloem).</summary>
    public sealed class DemoApp : LotgenotenWebFactory
    {
        public DemoApp()
            : base(settings: new Dictionary<string, string?> { ["Demo:Seed"] = "true" })
        {
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The staff pages of the portal: a participant reaches none of them.</summary>
    public static TheoryData<string> StaffPages() => ["/overzicht", "/wachtlijst", "/doorverwijzen", "/doorverwijzingen", "/groepen", "/berichten", "/agenda"];

    [Fact]
    public async Task Help_Defaults_ShowTheAnnualReportsHelpline()
    {
        using var client = await SignInAsync(_app, DemoUsers.ParticipantUserName, DemoUsers.ParticipantPassphrase);

        var html = await client.GetStringAsync(new Uri("/mijn/hulp", UriKind.Relative), Ct);

        HttpResponseExtensions.H1(html).ShouldBe("Hulp");
        html.ShouldContain("href=\"tel:080020050\"");
        html.ShouldContain("Bel 0800 200 50");
        html.ShouldContain("href=\"mailto:vragen@stopitnow.be\"");
        html.ShouldContain("href=\"https://stopitnow.be\"");
        Hours(html).ShouldBe(["dinsdag 15:00–19:00", "woensdag 09:30–12:30", "vrijdag 12:00–15:00"]);
        html.ShouldNotContain("data-testid=\"help-guides\"");
    }

    [Fact]
    public async Task Help_Configured_ShowsTheConfiguredValuesInTheUsersLanguage()
    {
        using var app = new LotgenotenWebFactory(settings: new Dictionary<string, string?>
        {
            ["Demo:Seed"] = "true",
            ["Helpline:Phone"] = "+32 2 123 45 67",
            ["Helpline:Email"] = "hulp@example.org",
            ["Helpline:ChatUrl"] = "https://chat.example.org/start",
            ["Helpline:Hours:0:Day"] = "Monday",
            ["Helpline:Hours:0:From"] = "10:00",
            ["Helpline:Hours:0:To"] = "11:30",
            ["Helpline:Guides:0:Title:nl"] = "Gids voor partners",
            ["Helpline:Guides:0:Title:fr"] = "Guide pour les partenaires",
            ["Helpline:Guides:0:Url"] = "https://example.org/gids",
        });
        using var client = await SignInAsync(app, DemoUsers.ParticipantUserName, DemoUsers.ParticipantPassphrase);

        var html = await client.GetStringAsync(new Uri("/mijn/hulp", UriKind.Relative), Ct);
        using var french = new HttpRequestMessage(HttpMethod.Get, "/mijn/hulp");
        french.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Dfr-BE%7Cuic%3Dfr-BE");
        var frenchHtml = await (await client.SendAsync(french, Ct)).Content.ReadAsStringAsync(Ct);

        html = WebUtility.HtmlDecode(html);
        html.ShouldContain("href=\"tel:+3221234567\"");
        html.ShouldContain("href=\"mailto:hulp@example.org\"");
        html.ShouldContain("href=\"https://chat.example.org/start\"");
        Hours(html).ShouldBe(["maandag 10:00–11:30"]);
        html.ShouldContain(">Gids voor partners</a>");
        frenchHtml.ShouldContain(">Guide pour les partenaires</a>");
        HttpResponseExtensions.H1(frenchHtml).ShouldBe("Aide");
    }

    [Theory]
    [InlineData("/mijn/voorkeuren", "Voorkeuren")]
    [InlineData("/mijn/hulp", "Hulp")]
    [InlineData("/mijn/account", "Account")]
    public async Task Get_MyPages_HaveNeutralTitlesAndTheIdleTimer(string path, string title)
    {
        using var client = await SignInAsync(_app, DemoUsers.ParticipantUserName, DemoUsers.ParticipantPassphrase);

        var html = await client.GetStringAsync(new Uri(path, UriKind.Relative), Ct);

        TitleElement().Match(html).Groups[1].Value.ShouldBe(title);
        html.ShouldContain("data-idle-seconds=\"1800\"");
        html.ShouldContain("data-quick-exit");
    }

    [Theory]
    [MemberData(nameof(StaffPages))]
    public async Task Get_StaffPageAsParticipant_NeverShowsIt(string path)
    {
        using var client = await SignInAsync(_app, DemoUsers.ParticipantUserName, DemoUsers.ParticipantPassphrase);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);

        // Staff pages authenticate with the staff cookie only: a signed-in participant is refused, not sent to a sign-in.
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Export_WithoutAntiforgery_IsRefused()
    {
        using var client = await SignInAsync(_app, DemoUsers.ParticipantUserName, DemoUsers.ParticipantPassphrase);

        using var response = await client.PostAsync(new Uri(MyAccountSetup.ExportPath, UriKind.Relative), new FormUrlEncodedContent([]), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Export_FromTheAccountPage_DownloadsJsonThatIsNotCached()
    {
        using var client = await SignInAsync(_app, DemoUsers.ParticipantUserName, DemoUsers.ParticipantPassphrase);
        var page = await client.GetStringAsync(new Uri("/mijn/account", UriKind.Relative), Ct);

        using var response = await client.PostAsync(new Uri(MyAccountSetup.ExportPath, UriKind.Relative), new FormUrlEncodedContent(
            [new("__RequestVerificationToken", HttpResponseExtensions.AntiforgeryToken(page))]), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        response.Content.Headers.ContentDisposition!.FileName.ShouldStartWith("mijn-gegevens-");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("\"loginName\": \"zonnebloem\"");
    }

    [Fact]
    public async Task Export_AsAnonymous_IsNotServed()
    {
        using var client = _app.CreateNonRedirectingClient();

        using var response = await client.PostAsync(new Uri(MyAccountSetup.ExportPath, UriKind.Relative), new FormUrlEncodedContent([]), Ct);

        response.StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Erase_WrongPassphrase_KeepsTheAccount()
    {
        var userName = await CreateParticipantAsync();
        using var client = await SignInAsync(_app, userName, Passphrase);

        using var response = await PostEraseAsync(client, "niet-de-goede-wachtzin");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Dat klopt niet. Je account is niet gewist.");
        using var scope = _app.Services.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<UserManager<ParticipantUser>>().FindByNameAsync(userName)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Erase_RightPassphrase_SignsOutShowsGoodbyeAndTheLoginNoLongerWorks()
    {
        var userName = await CreateParticipantAsync();
        using var client = await SignInAsync(_app, userName, Passphrase);

        using var response = await PostEraseAsync(client, Passphrase);

        response.RedirectTarget().ShouldBe(MyAccountSetup.GoodbyePath);
        response.SetCookies().ShouldContain(c => c.StartsWith(".Lotgenoten.Account=;", StringComparison.Ordinal));
        var goodbye = await client.GetStringAsync(new Uri(MyAccountSetup.GoodbyePath, UriKind.Relative), Ct);
        HttpResponseExtensions.H1(goodbye).ShouldBe("Tot ziens");
        using var scope = _app.Services.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<UserManager<ParticipantUser>>().FindByNameAsync(userName)).ShouldBeNull();
        using var again = _app.CreateNonRedirectingClient();
        using var login = await PostLoginAsync(again, userName, Passphrase);
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await login.Content.ReadAsStringAsync(Ct)).ShouldContain("Aanmelden lukte niet");
    }

    [Fact]
    public void ParticipantCookie_Default_ExpiresAfterThirtyIdleMinutes()
    {
        var options = _app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);

        (options.ExpireTimeSpan, options.SlidingExpiration).ShouldBe((TimeSpan.FromMinutes(30), true));
    }

    [Fact]
    public async Task ParticipantCookie_Configured_ExpiresAfterTheConfiguredIdleTime()
    {
        using var app = new LotgenotenWebFactory(settings: new Dictionary<string, string?> { ["Participant:IdleTimeout"] = "00:10:00" });
        var options = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var userName = await CreateParticipantAsync(app);
        using var client = await SignInAsync(app, userName, Passphrase);

        var html = await client.GetStringAsync(new Uri("/mijn/hulp", UriKind.Relative), Ct);

        options.ExpireTimeSpan.ShouldBe(TimeSpan.FromMinutes(10));
        html.ShouldContain("data-idle-seconds=\"600\"");
    }

    private static IReadOnlyList<string> Hours(string html)
    {
        var list = HoursList().Match(html).Groups[1].Value;
        return [.. Tags().Split(list).Select(s => WebUtility.HtmlDecode(s).Trim()).Where(s => s.Length > 0)];
    }

    private static async Task<HttpClient> SignInAsync(LotgenotenWebFactory app, string userName, string passphrase)
    {
        var client = app.CreateNonRedirectingClient();
        using var response = await PostLoginAsync(client, userName, passphrase);
        response.RedirectTarget().ShouldBe("/mijn");
        return client;
    }

    private static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string passphrase)
    {
        var page = await client.GetStringAsync(new Uri("/deelnemer/aanmelden", UriKind.Relative), Ct);
        return await client.PostAsync(new Uri("/deelnemer/aanmelden", UriKind.Relative), new FormUrlEncodedContent(
        [
            new("_handler", "participant-login"),
            new("__RequestVerificationToken", HttpResponseExtensions.AntiforgeryToken(page)),
            new("Input.UserName", userName),
            new("Input.Passphrase", passphrase),
        ]), Ct);
    }

    private static async Task<HttpResponseMessage> PostEraseAsync(HttpClient client, string passphrase)
    {
        var page = await client.GetStringAsync(new Uri("/mijn/account", UriKind.Relative), Ct);
        return await client.PostAsync(new Uri("/mijn/account", UriKind.Relative), new FormUrlEncodedContent(
        [
            new("_handler", "erase-account"),
            new("__RequestVerificationToken", HttpResponseExtensions.AntiforgeryToken(page)),
            new("EraseModel.Passphrase", passphrase),
        ]), Ct);
    }

    private Task<string> CreateParticipantAsync() => CreateParticipantAsync(_app);

    private static async Task<string> CreateParticipantAsync(LotgenotenWebFactory app)
    {
        var userName = "deelnemer-" + Guid.NewGuid().ToString("N")[..8];
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ParticipantUser>>();
        var result = await users.CreateAsync(new ParticipantUser { UserName = userName }, Passphrase);
        result.Succeeded.ShouldBeTrue(string.Join(", ", result.Errors.Select(e => e.Code)));
        return userName;
    }

    [GeneratedRegex("<title>([^<]*)</title>")]
    private static partial Regex TitleElement();

    [GeneratedRegex("data-testid=\"help-hours\"[^>]*>(.*?)</ul>", RegexOptions.Singleline)]
    private static partial Regex HoursList();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
