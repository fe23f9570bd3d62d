using System.Net;
using System.Text;
using System.Text.Json;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Web.Features.Passkeys;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Lotgenoten.Web.Tests.Features.Passkeys;

/// <summary>The WebAuthn option endpoints: who may ask, what they answer, and that a form's antiforgery token is required.</summary>
public sealed class PasskeyEndpointsTests : IClassFixture<DevelopmentApp>
{
    private const string Passphrase = "een-rustige-ochtend-aan-zee";
    private const string StateCookie = "Identity.TwoFactorUserId=";
    private readonly LotgenotenWebFactory _factory;

    public PasskeyEndpointsTests(DevelopmentApp factory) => _factory = factory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NewAccountOptions_Anonymous_AreForANewUserWithTheTypedName()
    {
        using var client = _factory.CreateNonRedirectingClient();
        var token = await TokenAsync(client);

        using var response = await PostAsync(client, PasskeyEndpoints.NewAccountOptionsPath, token, ("userName", "  rustige-vos  "));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        response.SetCookies().ShouldContain(c => c.StartsWith(StateCookie, StringComparison.Ordinal));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var root = json.RootElement;
        root.GetProperty("rp").GetProperty("id").GetString().ShouldBe("localhost");
        var user = root.GetProperty("user");
        user.GetProperty("name").GetString().ShouldBe("rustige-vos");
        user.GetProperty("displayName").GetString().ShouldBe("rustige-vos");
        var userId = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(user.GetProperty("id").GetString()!));
        Guid.TryParse(userId, out _).ShouldBeTrue(userId);
        (await FindUserAsync(userId)).ShouldBeNull();
        var selection = root.GetProperty("authenticatorSelection");
        selection.GetProperty("userVerification").GetString().ShouldBe("preferred");
        selection.GetProperty("residentKey").GetString().ShouldBe("required");
        root.GetProperty("timeout").GetInt32().ShouldBe(180_000);
        root.GetProperty("challenge").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task NewAccountOptions_TwoRequests_GetDifferentUserIds()
    {
        using var client = _factory.CreateNonRedirectingClient();
        var token = await TokenAsync(client);

        using var first = await PostAsync(client, PasskeyEndpoints.NewAccountOptionsPath, token, ("userName", "vos"));
        using var second = await PostAsync(client, PasskeyEndpoints.NewAccountOptionsPath, token, ("userName", "vos"));

        (await UserIdAsync(first)).ShouldNotBe(await UserIdAsync(second));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("vos\u0000")]
    [InlineData("vos\u202E")]
    public async Task NewAccountOptions_NoUsableUserName_Returns400(string userName)
    {
        using var client = _factory.CreateNonRedirectingClient();
        var token = await TokenAsync(client);

        using var response = await PostAsync(client, PasskeyEndpoints.NewAccountOptionsPath, token, ("userName", userName));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.SetCookies().ShouldNotContain(c => c.StartsWith(StateCookie, StringComparison.Ordinal));
    }

    [Fact]
    public async Task NewAccountOptions_TooLongUserName_Returns400()
    {
        using var client = _factory.CreateNonRedirectingClient();
        var token = await TokenAsync(client);

        using var response = await PostAsync(client, PasskeyEndpoints.NewAccountOptionsPath, token,
            ("userName", new string('v', PasskeyEndpoints.MaxUserNameLength + 1)));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(PasskeyEndpoints.NewAccountOptionsPath)]
    [InlineData(PasskeyEndpoints.RequestOptionsPath)]
    public async Task Options_WithoutAntiforgeryToken_Return400WithoutState(string path)
    {
        using var client = _factory.CreateNonRedirectingClient();
        await TokenAsync(client); // the cookie half alone is not enough

        using var response = await PostAsync(client, path, token: null, ("userName", "vos"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.SetCookies().ShouldNotContain(c => c.StartsWith(StateCookie, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Options_JsonBodyInsteadOfForm_Returns400()
    {
        using var client = _factory.CreateNonRedirectingClient();
        await TokenAsync(client);

        using var response = await client.PostAsync(new Uri(PasskeyEndpoints.RequestOptionsPath, UriKind.Relative),
            new StringContent("{}", Encoding.UTF8, "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task RequestOptions_Anonymous_ListNoCredentials()
    {
        using var client = _factory.CreateNonRedirectingClient();
        var token = await TokenAsync(client);

        using var response = await PostAsync(client, PasskeyEndpoints.RequestOptionsPath, token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.SetCookies().ShouldContain(c => c.StartsWith(StateCookie, StringComparison.Ordinal));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var root = json.RootElement;
        root.GetProperty("rpId").GetString().ShouldBe("localhost");
        root.GetProperty("userVerification").GetString().ShouldBe("preferred");
        var listed = root.TryGetProperty("allowCredentials", out var allow) ? allow.GetArrayLength() : 0;
        listed.ShouldBe(0);
    }

    [Fact]
    public async Task AccountOptions_Anonymous_IsNotAnswered()
    {
        using var client = _factory.CreateNonRedirectingClient();
        var token = await TokenAsync(client);

        using var response = await PostAsync(client, PasskeyEndpoints.AccountOptionsPath, token);

        response.StatusCode.ShouldNotBe(HttpStatusCode.OK);
        response.SetCookies().ShouldNotContain(c => c.StartsWith(StateCookie, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AccountOptions_SignedInParticipant_AreForTheirOwnAccount()
    {
        var (userName, userId) = await CreateParticipantAsync();
        using var client = _factory.CreateNonRedirectingClient();
        await SignInAsync(client, userName);
        var token = await TokenAsync(client, "/mijn");

        using var response = await PostAsync(client, PasskeyEndpoints.AccountOptionsPath, token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var user = json.RootElement.GetProperty("user");
        user.GetProperty("name").GetString().ShouldBe(userName);
        Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(user.GetProperty("id").GetString()!)).ShouldBe(userId);
    }

    [Fact]
    public async Task Add_GarbageCredential_ReturnsToThePageWithFailedAndAddsNothing()
    {
        var (userName, userId) = await CreateParticipantAsync();
        using var client = _factory.CreateNonRedirectingClient();
        await SignInAsync(client, userName);
        var token = await TokenAsync(client, "/mijn");
        using var options = await PostAsync(client, PasskeyEndpoints.AccountOptionsPath, token);

        using var response = await PostAsync(client, PasskeyEndpoints.AddPath, token,
            ("Passkey.CredentialJson", "{\"id\":\"bm90LWEta2V5\",\"type\":\"public-key\"}"),
            ("returnUrl", "/mijn?passkey=added&tab=1"));

        response.RedirectTarget().ShouldBe("/mijn?tab=1&passkey=failed");
        (await PasskeyCountAsync(userId)).ShouldBe(0);
    }

    [Fact]
    public async Task Add_ForeignReturnUrl_GoesToParticipantHome()
    {
        var (userName, _) = await CreateParticipantAsync();
        using var client = _factory.CreateNonRedirectingClient();
        await SignInAsync(client, userName);
        var token = await TokenAsync(client, "/mijn");

        using var response = await PostAsync(client, PasskeyEndpoints.AddPath, token,
            ("Passkey.CredentialJson", ""), ("returnUrl", "https://evil.example/"));

        response.RedirectTarget().ShouldBe("/mijn?passkey=failed");
    }

    [Fact]
    public async Task Add_WithoutAntiforgeryToken_Returns400()
    {
        var (userName, _) = await CreateParticipantAsync();
        using var client = _factory.CreateNonRedirectingClient();
        await SignInAsync(client, userName);

        using var response = await PostAsync(client, PasskeyEndpoints.AddPath, token: null, ("Passkey.CredentialJson", "{}"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task LoginPage_OffersThePasskeyNextToThePassphrase()
    {
        using var client = _factory.CreateClient();

        var html = await client.GetStringAsync(new Uri("/deelnemer/aanmelden", UriKind.Relative), Ct);

        html.ShouldContain("Aanmelden met een passkey");
        html.ShouldContain($"options-url=\"{PasskeyEndpoints.RequestOptionsPath}\"");
        html.ShouldContain("name=\"Passkey.CredentialJson\"");
        html.ShouldContain("value=\"participant-passkey\"");
        html.ShouldContain("js/passkeys");
        html.ShouldNotContain("<script>");
    }

    [Fact]
    public async Task LoginPage_GarbagePasskey_ShowsTheSameMessageAsAWrongPassphrase()
    {
        using var client = _factory.CreateNonRedirectingClient();
        var page = await client.GetStringAsync(new Uri("/deelnemer/aanmelden", UriKind.Relative), Ct);
        using var form = new FormUrlEncodedContent(
        [
            new("_handler", "participant-passkey"),
            new("__RequestVerificationToken", HttpResponseExtensions.AntiforgeryToken(page)),
            new("Passkey.CredentialJson", "not json at all"),
        ]);

        using var response = await client.PostAsync(new Uri("/deelnemer/aanmelden", UriKind.Relative), form, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Aanmelden lukte niet");
        response.SetCookies().ShouldNotContain(c => c.StartsWith(".Lotgenoten.Account=C", StringComparison.Ordinal));
    }

    private async Task<string> TokenAsync(HttpClient client, string page = "/deelnemer/aanmelden")
    {
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative), Ct);
        return HttpResponseExtensions.AntiforgeryToken(html);
    }

    private static async Task<HttpResponseMessage> PostAsync(
        HttpClient client, string path, string? token, params (string Name, string Value)[] fields)
    {
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        if (token is not null)
        {
            values.Add(new("__RequestVerificationToken", token));
        }

        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(new Uri(path, UriKind.Relative), content, Ct);
    }

    private static async Task<string> UserIdAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.GetProperty("user").GetProperty("id").GetString()!;
    }

    private async Task SignInAsync(HttpClient client, string userName)
    {
        var page = await client.GetStringAsync(new Uri("/deelnemer/aanmelden", UriKind.Relative), Ct);
        using var form = new FormUrlEncodedContent(
        [
            new("_handler", "participant-login"),
            new("__RequestVerificationToken", HttpResponseExtensions.AntiforgeryToken(page)),
            new("Input.UserName", userName),
            new("Input.Passphrase", Passphrase),
        ]);
        using var response = await client.PostAsync(new Uri("/deelnemer/aanmelden", UriKind.Relative), form, Ct);
        response.RedirectTarget().ShouldBe("/mijn");
    }

    private async Task<(string UserName, string UserId)> CreateParticipantAsync()
    {
        var user = new ParticipantUser { UserName = "deelnemer-" + Guid.NewGuid().ToString("N")[..8] };
        using var scope = _factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ParticipantUser>>();
        var result = await users.CreateAsync(user, Passphrase);
        result.Succeeded.ShouldBeTrue(string.Join(", ", result.Errors.Select(e => e.Code)));
        return (user.UserName, user.Id);
    }

    private async Task<ParticipantUser?> FindUserAsync(string id)
    {
        using var scope = _factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<ParticipantUser>>().FindByIdAsync(id);
    }

    private async Task<int> PasskeyCountAsync(string userId)
    {
        using var scope = _factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ParticipantUser>>();
        var user = (await users.FindByIdAsync(userId)).ShouldNotBeNull();
        return (await users.GetPasskeysAsync(user)).Count;
    }
}
