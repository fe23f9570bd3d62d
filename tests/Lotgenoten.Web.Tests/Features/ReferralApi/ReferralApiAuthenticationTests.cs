using System.Net;
using System.Security.Cryptography;
using Lotgenoten.Web.Features.ReferralApi;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace Lotgenoten.Web.Tests.Features.ReferralApi;

/// <summary>Who may call the referral API: API keys by scope, Entra tokens by app role, never a cookie.</summary>
public sealed class ReferralApiAuthenticationTests : IClassFixture<ReferralApiApp>
{
    private readonly ReferralApiApp _app;

    public ReferralApiAuthenticationTests(ReferralApiApp app) => _app = app;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("dev-helpline-key ")]
    [InlineData("")]
    public async Task Post_WithoutValidKey_Returns401ProblemWithoutRedirectAndStoresNothing(string? key)
    {
        using var client = _app.ApiClient(apiKey: key);
        var before = await _app.CountReferralsAsync();

        using var response = await ReferralApiApp.PostAsync(client, ReferralApiApp.ValidReferral().ToJsonString(), ct: Ct);

        await ShouldBeUnauthorizedAsync(response);
        (await _app.CountReferralsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Get_WithoutKey_Returns401()
    {
        using var client = _app.ApiClient(apiKey: null);

        using var response = await client.GetAsync($"/api/referrals/{Guid.NewGuid()}", Ct);

        await ShouldBeUnauthorizedAsync(response);
    }

    [Fact]
    public async Task Post_ReportKey_Returns403()
    {
        using var client = _app.ApiClient(ReferralApiApp.ReportKey);
        var before = await _app.CountReferralsAsync();

        using var response = await ReferralApiApp.PostAsync(client, ReferralApiApp.ValidReferral().ToJsonString(), ct: Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await ReferralApiTests.ReadObjectAsync(response))["title"]!.GetValue<string>()
            .ShouldBe(_app.Text<ReferralApiTexts>("Problem_Forbidden_Title", "nl-BE"));
        (await _app.CountReferralsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Post_KeyAndTokenTogether_Returns403()
    {
        using var client = _app.BearerClient([ApiScopes.ReferralsSubmit]);
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, ReferralApiApp.HelplineKey);

        using var response = await ReferralApiApp.PostAsync(client, ReferralApiApp.ValidReferral().ToJsonString(), ct: Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("coordinator")]
    [InlineData("counsellor")]
    public async Task Post_WithStaffCookieOnly_Returns401(string user)
    {
        using var client = _app.CreateNonRedirectingClient();
        using var signIn = await client.GetAsync($"/dev/signin?user={user}", Ct);
        signIn.SetCookies().ShouldContain(c => c.StartsWith(".Lotgenoten.Staff=", StringComparison.Ordinal));

        using var post = await ReferralApiApp.PostAsync(client, ReferralApiApp.ValidReferral().ToJsonString(), ct: Ct);
        using var get = await client.GetAsync($"/api/referrals/{Guid.NewGuid()}", Ct);

        await ShouldBeUnauthorizedAsync(post);
        await ShouldBeUnauthorizedAsync(get);
    }

    [Fact]
    public async Task Post_BearerWithAppRole_Returns201AsThatApplication()
    {
        using var client = _app.BearerClient([ApiScopes.ReferralsSubmit]);

        using var response = await ReferralApiApp.PostAsync(client, ReferralApiApp.ValidReferral().ToJsonString(), ct: Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var id = Guid.Parse((await ReferralApiTests.ReadObjectAsync(response))["id"]!.GetValue<string>());
        (await _app.FindReferralAsync(id)).RegisteredBy.ShouldBe($"api:{ReferralApiApp.EntraAppId}");
        using var get = await client.GetAsync(response.Headers.Location, Ct);
        get.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var byKey = await _app.ApiClient().GetAsync(response.Headers.Location, Ct);
        byKey.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Reports.Read")]
    [InlineData("referrals.submit")]
    public async Task Post_BearerWithoutAppRole_Returns403(string roles)
    {
        using var client = _app.BearerClient(roles.Split(',', StringSplitOptions.RemoveEmptyEntries));
        var before = await _app.CountReferralsAsync();

        using var response = await ReferralApiApp.PostAsync(client, ReferralApiApp.ValidReferral().ToJsonString(), ct: Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _app.CountReferralsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Post_BearerWithBadSignature_Returns401()
    {
        using var client = _app.BearerClient(
            [ApiScopes.ReferralsSubmit], key: new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "test-key" });

        using var response = await ReferralApiApp.PostAsync(client, ReferralApiApp.ValidReferral().ToJsonString(), ct: Ct);

        await ShouldBeUnauthorizedAsync(response);
    }

    [Fact]
    public async Task Post_ExpiredBearer_Returns401()
    {
        using var client = _app.BearerClient([ApiScopes.ReferralsSubmit], expires: new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        using var response = await ReferralApiApp.PostAsync(client, ReferralApiApp.ValidReferral().ToJsonString(), ct: Ct);

        await ShouldBeUnauthorizedAsync(response);
    }

    [Fact]
    public async Task Post_GarbageBearer_Returns401()
    {
        using var client = _app.CreateNonRedirectingClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "not.a.token");

        using var response = await ReferralApiApp.PostAsync(client, ReferralApiApp.ValidReferral().ToJsonString(), ct: Ct);

        await ShouldBeUnauthorizedAsync(response);
    }

    private async Task ShouldBeUnauthorizedAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.Location.ShouldBeNull();
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var challenges = response.Headers.WwwAuthenticate.Select(h => h.Scheme).ToList();
        challenges.ShouldContain("ApiKey");
        challenges.ShouldContain("Bearer");
        var problem = await ReferralApiTests.ReadObjectAsync(response);
        problem["status"]!.GetValue<int>().ShouldBe(401);
        problem["title"]!.GetValue<string>().ShouldBe(_app.Text<ReferralApiTexts>("Problem_Unauthorized_Title", "nl-BE"));
    }
}
