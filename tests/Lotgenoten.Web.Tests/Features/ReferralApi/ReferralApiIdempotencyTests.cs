using System.Net;
using Lotgenoten.Web.Features.ReferralApi;

namespace Lotgenoten.Web.Tests.Features.ReferralApi;

/// <summary>A retried POST with an Idempotency-Key returns the first referral instead of making a second.</summary>
public sealed class ReferralApiIdempotencyTests : IClassFixture<ReferralApiApp>
{
    private readonly ReferralApiApp _app;

    public ReferralApiIdempotencyTests(ReferralApiApp app) => _app = app;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_SameKeyTwice_ReturnsFirstReferralOnce()
    {
        using var client = _app.ApiClient();
        var json = ReferralApiApp.ValidReferral().ToJsonString();
        var before = await _app.CountReferralsAsync();

        using var first = await ReferralApiApp.PostAsync(client, json, "retry-1", Ct);
        using var second = await ReferralApiApp.PostAsync(client, json, "retry-1", Ct);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.Headers.Location.ShouldBe(first.Headers.Location);
        (await ReferralApiTests.ReadObjectAsync(second))["id"]!.GetValue<string>()
            .ShouldBe((await ReferralApiTests.ReadObjectAsync(first))["id"]!.GetValue<string>());
        first.Headers.Contains(ReferralApiEndpoints.ReplayedHeader).ShouldBeFalse();
        second.Headers.GetValues(ReferralApiEndpoints.ReplayedHeader).ShouldBe(["true"]);
        (await _app.CountReferralsAsync()).ShouldBe(before + 1);
    }

    [Fact]
    public async Task Post_SameKeyDifferentBody_Returns422AndStoresNothingMore()
    {
        using var client = _app.ApiClient();
        var body = ReferralApiApp.ValidReferral();
        using var first = await ReferralApiApp.PostAsync(client, body.ToJsonString(), "retry-2", Ct);
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var before = await _app.CountReferralsAsync();
        body["relation"] = "Parent";

        using var second = await ReferralApiApp.PostAsync(client, body.ToJsonString(), "retry-2", Ct);

        second.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        second.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await ReferralApiTests.ReadObjectAsync(second))["title"]!.GetValue<string>()
            .ShouldBe(_app.Text<ReferralApiTexts>("Problem_KeyReused_Title", "nl-BE"));
        (await _app.CountReferralsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Post_SameKeyFromAnotherClient_IsAnotherReferral()
    {
        using var helpline = _app.ApiClient();
        using var other = _app.ApiClient(ReferralApiApp.OtherKey);
        var json = ReferralApiApp.ValidReferral().ToJsonString();

        using var first = await ReferralApiApp.PostAsync(helpline, json, "shared-key", Ct);
        using var second = await ReferralApiApp.PostAsync(other, json, "shared-key", Ct);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.Headers.Location.ShouldNotBe(first.Headers.Location);
        second.Headers.Contains(ReferralApiEndpoints.ReplayedHeader).ShouldBeFalse();
    }

    [Fact]
    public async Task Post_InvalidBodyThenCorrectedWithSameKey_Returns201()
    {
        using var client = _app.ApiClient();
        var body = ReferralApiApp.ValidReferral();
        body["channel"] = "Fax";
        using var invalid = await ReferralApiApp.PostAsync(client, body.ToJsonString(), "retry-3", Ct);
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body["channel"] = "Chat";

        using var corrected = await ReferralApiApp.PostAsync(client, body.ToJsonString(), "retry-3", Ct);

        corrected.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Post_ParallelRequestsWithOneKey_CreateOneReferral()
    {
        var json = ReferralApiApp.ValidReferral().ToJsonString();
        var before = await _app.CountReferralsAsync();
        var clients = Enumerable.Range(0, 6).Select(_ => _app.ApiClient()).ToList();
        try
        {
            using var start = new SemaphoreSlim(0);
            var requests = clients.Select(async client =>
            {
                await start.WaitAsync(Ct);
                return await ReferralApiApp.PostAsync(client, json, "parallel-1", Ct);
            }).ToList();
            start.Release(clients.Count);
            var responses = await Task.WhenAll(requests);

            responses.Select(r => r.StatusCode).ShouldAllBe(s => s == HttpStatusCode.Created);
            responses.Select(r => r.Headers.Location!.OriginalString).Distinct().Count().ShouldBe(1);
            responses.Count(r => !r.Headers.Contains(ReferralApiEndpoints.ReplayedHeader)).ShouldBe(1);
            (await _app.CountReferralsAsync()).ShouldBe(before + 1);
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Theory]
    [InlineData("with space")]
    [InlineData("tab\there")]
    [InlineData("é-accent")]
    public async Task Post_MalformedKey_Returns400AndStoresNothing(string key)
    {
        using var client = _app.ApiClient();
        var before = await _app.CountReferralsAsync();

        using var response = await ReferralApiApp.PostAsync(client, ReferralApiApp.ValidReferral().ToJsonString(), key, Ct);

        var errors = await ReferralApiTests.ShouldBeValidationProblemAsync(response, ["Idempotency-Key"]);
        errors["Idempotency-Key"].ShouldBe([_app.Text<ReferralApiTexts>("Header_IdempotencyKey", "nl-BE")]);
        (await _app.CountReferralsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Post_KeyOf100And101Characters_AcceptsOnlyThe100()
    {
        using var client = _app.ApiClient();
        var json = ReferralApiApp.ValidReferral().ToJsonString();

        using var hundred = await ReferralApiApp.PostAsync(client, json, new string('k', 100), Ct);
        using var longer = await ReferralApiApp.PostAsync(client, json, new string('k', 101), Ct);

        hundred.StatusCode.ShouldBe(HttpStatusCode.Created);
        longer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
