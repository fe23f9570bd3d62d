using System.Net;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Web.Features.Passkeys;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Web.Tests.Features.Participants;

/// <summary>
/// The per-client limits of the participants' anonymous doors, through the real app with small configured limits and a
/// <see cref="FakeTimeProvider"/>: the passkey option endpoints and the sign-in page answer 429 with Retry-After.
/// </summary>
public sealed class ParticipantRateLimitTests : IAsyncDisposable
{
    private const string Passphrase = "een-rustige-ochtend-aan-zee";
    private const string LoginPath = "/deelnemer/aanmelden";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));
    private readonly LotgenotenWebFactory _factory = new(settings: new Dictionary<string, string?>
    {
        ["RateLimits:Participants:PasskeyOptionsLimit"] = "3",
        ["RateLimits:Participants:PasskeyOptionsWindow"] = "00:01:00",
        ["RateLimits:Participants:SignInFailureLimit"] = "3",
        ["RateLimits:Participants:SignInFailureWindow"] = "00:10:00",
    });

    private readonly WebApplicationFactory<Program> _app;

    public ParticipantRateLimitTests() =>
        _app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task PasskeyOptions_MoreThanTheLimit_Answer429WithRetryAfterUntilTheWindowPasses()
    {
        using var client = CreateClient();
        var token = HttpResponseExtensions.AntiforgeryToken(await client.GetStringAsync(new Uri(LoginPath, UriKind.Relative), Ct));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await PostAsync(client, PasskeyEndpoints.RequestOptionsPath, token);
            statuses.Add(allowed.StatusCode);
        }

        using var refused = await PostAsync(client, PasskeyEndpoints.RequestOptionsPath, token);
        using var refusedNewAccount = await PostAsync(client, PasskeyEndpoints.NewAccountOptionsPath, token, ("userName", "vos"));
        statuses.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK]);
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldBe(TimeSpan.FromSeconds(60));
        refused.SetCookies().ShouldNotContain(c => c.StartsWith("Identity.TwoFactorUserId=", StringComparison.Ordinal));
        refusedNewAccount.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        _clock.Advance(TimeSpan.FromSeconds(45));
        using var stillRefused = await PostAsync(client, PasskeyEndpoints.RequestOptionsPath, token);
        stillRefused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        stillRefused.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldBe(TimeSpan.FromSeconds(15));

        _clock.Advance(TimeSpan.FromSeconds(15));
        using var again = await PostAsync(client, PasskeyEndpoints.NewAccountOptionsPath, token, ("userName", "vos"));
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_AfterTheLimitOfFailures_RefusesEvenTheRightPassphraseWith429UntilTheWindowPasses()
    {
        var userName = await CreateParticipantAsync();
        using var client = CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var failed = await PostLoginAsync(client, "bestaat-niet-" + i, "niet-de-goede-wachtzin");
            failed.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await failed.Content.ReadAsStringAsync(Ct)).ShouldContain("Aanmelden lukte niet. Controleer");
        }

        using var refused = await PostLoginAsync(client, userName, Passphrase);

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldBe(TimeSpan.FromMinutes(10));
        var html = await refused.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("Aanmelden lukte niet: er zijn vanaf dit toestel te veel pogingen gedaan. Probeer het later opnieuw.");
        html.ShouldContain("data-quick-exit");
        refused.SetCookies().ShouldNotContain(c => c.StartsWith(".Lotgenoten.Account=C", StringComparison.Ordinal));
        (await AccessFailedCountAsync(userName)).ShouldBe(0);

        _clock.Advance(TimeSpan.FromMinutes(10));
        using var signedIn = await PostLoginAsync(client, userName, Passphrase);
        signedIn.RedirectTarget().ShouldBe("/mijn");
    }

    [Fact]
    public async Task Login_PasskeyFormAfterTheLimitOfFailures_Answers429InFrench()
    {
        using var client = CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var failed = await PostPasskeyLoginAsync(client, "not json at all");
            failed.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Dfr-BE%7Cuic%3Dfr-BE");
        using var refused = await PostPasskeyLoginAsync(client, "not json at all");

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldBe(TimeSpan.FromMinutes(10));
        (await refused.Content.ReadAsStringAsync(Ct)).ShouldContain("trop de tentatives depuis cet appareil");
    }

    [Fact]
    public async Task Login_SuccessfulSignIns_DoNotCount()
    {
        var userName = await CreateParticipantAsync();
        for (var i = 0; i < 5; i++)
        {
            using var client = CreateClient();
            using var signedIn = await PostLoginAsync(client, userName, Passphrase);
            signedIn.RedirectTarget().ShouldBe("/mijn");
        }
    }

    private HttpClient CreateClient() =>
        _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<HttpResponseMessage> PostAsync(
        HttpClient client, string path, string token, params (string Name, string Value)[] fields)
    {
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        values.Add(new("__RequestVerificationToken", token));
        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(new Uri(path, UriKind.Relative), content, Ct);
    }

    private static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string passphrase)
    {
        var page = await client.GetStringAsync(new Uri(LoginPath, UriKind.Relative), Ct);
        using var form = new FormUrlEncodedContent(
        [
            new("_handler", "participant-login"),
            new("__RequestVerificationToken", HttpResponseExtensions.AntiforgeryToken(page)),
            new("Input.UserName", userName),
            new("Input.Passphrase", passphrase),
        ]);
        return await client.PostAsync(new Uri(LoginPath, UriKind.Relative), form, Ct);
    }

    private static async Task<HttpResponseMessage> PostPasskeyLoginAsync(HttpClient client, string credentialJson)
    {
        var page = await client.GetStringAsync(new Uri(LoginPath, UriKind.Relative), Ct);
        using var form = new FormUrlEncodedContent(
        [
            new("_handler", "participant-passkey"),
            new("__RequestVerificationToken", HttpResponseExtensions.AntiforgeryToken(page)),
            new("Passkey.CredentialJson", credentialJson),
        ]);
        return await client.PostAsync(new Uri(LoginPath, UriKind.Relative), form, Ct);
    }

    private async Task<string> CreateParticipantAsync()
    {
        var userName = "deelnemer-" + Guid.NewGuid().ToString("N")[..8];
        using var scope = _app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ParticipantUser>>();
        var result = await users.CreateAsync(new ParticipantUser { UserName = userName }, Passphrase);
        result.Succeeded.ShouldBeTrue(string.Join(", ", result.Errors.Select(e => e.Code)));
        return userName;
    }

    private async Task<int> AccessFailedCountAsync(string userName)
    {
        using var scope = _app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ParticipantUser>>();
        return (await users.FindByNameAsync(userName)).ShouldNotBeNull().AccessFailedCount;
    }
}
