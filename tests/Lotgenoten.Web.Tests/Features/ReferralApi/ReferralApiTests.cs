using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Web.Features.ReferralApi;
using Lotgenoten.Web.Features.Referrals;

namespace Lotgenoten.Web.Tests.Features.ReferralApi;

/// <summary>The referral API over HTTP with the development key, on the real app and a real SQLite database.</summary>
public sealed class ReferralApiTests : IClassFixture<ReferralApiApp>
{
    private readonly ReferralApiApp _app;

    public ReferralApiTests(ReferralApiApp app) => _app = app;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_ValidReferral_Returns201WithLocationAndGetShowsReceived()
    {
        using var client = _app.ApiClient();
        var before = await _app.CountReferralsAsync();
        var body = ReferralApiApp.ValidReferral();
        body["email"] = "iemand@voorbeeld.be";
        body["contactPreference"] = "Email";

        using var response = await ReferralApiApp.PostAsync(client, body.ToJsonString(), ct: Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var created = await ReadObjectAsync(response);
        var id = Guid.Parse(created["id"]!.GetValue<string>());
        response.Headers.Location!.OriginalString.ShouldBe($"/api/referrals/{id}");
        created.Select(p => p.Key).ShouldBe(["id", "reference", "status", "receivedOn"]);
        created["reference"]!.GetValue<string>().ShouldMatch("^[" + Domain.Common.ReadableCode.Alphabet + "]{8}$");
        created["status"]!.GetValue<string>().ShouldBe("Received");
        created["receivedOn"]!.GetValue<string>().ShouldBe("2026-03-02");
        (await _app.CountReferralsAsync()).ShouldBe(before + 1);

        var stored = await _app.FindReferralAsync(id);
        stored.RegisteredBy.ShouldBe("api:dev-helpline");
        stored.Channel.ShouldBe(ReferralChannel.Phone);
        stored.Relation.ShouldBe(Relation.Partner);
        stored.Concern.ShouldBe(Concern.AbuseImages);
        stored.Language.ShouldBe(Language.Nl);
        stored.Region.ShouldBe(Region.EastFlanders);
        stored.Format.ShouldBe(FormatPreference.Either);
        stored.Availability.Slots.ShouldBe([new AvailabilitySlot(DayOfWeek.Tuesday, DayPart.Evening)]);
        stored.ContactPreference.ShouldBe(ContactPreference.Email);
        stored.PrivacyNoticeVersion.ShouldBe("2026-01");
        stored.CounsellorRemark.ShouldBe("Belde na de avonddienst.");
        stored.EmailCiphertext.ShouldNotBeNull().ShouldNotContain("voorbeeld");

        using var get = await client.GetAsync(response.Headers.Location, Ct);
        get.StatusCode.ShouldBe(HttpStatusCode.OK);
        var status = await ReadObjectAsync(get);
        status.Select(p => p.Key).ShouldBe(
            ["id", "reference", "status", "receivedOn", "registeredAt", "statusChangedAt", "intakePlannedFor", "placedOn", "closedOn"]);
        status["id"]!.GetValue<string>().ShouldBe(id.ToString());
        status["status"]!.GetValue<string>().ShouldBe("Received");
        status["receivedOn"]!.GetValue<string>().ShouldBe("2026-03-02");
        DateTimeOffset.Parse(status["registeredAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(ReferralApiApp.Now);
        status["intakePlannedFor"].ShouldBeNull();
        status["placedOn"].ShouldBeNull();
        status["closedOn"].ShouldBeNull();
    }

    [Fact]
    public async Task Post_WithoutReceivedOn_TakesTodayInBrussels()
    {
        using var client = _app.ApiClient();
        var body = ReferralApiApp.ValidReferral();
        body.Remove("receivedOn");

        using var response = await ReferralApiApp.PostAsync(client, body.ToJsonString(), ct: Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await ReadObjectAsync(response))["receivedOn"]!.GetValue<string>().ShouldBe("2026-03-10");
    }

    [Fact]
    public async Task Post_ReceivedOnTodayInBrussels_Returns201()
    {
        using var client = _app.ApiClient();
        var body = ReferralApiApp.ValidReferral();
        body["receivedOn"] = "2026-03-10"; // still 9 March in UTC

        using var response = await ReferralApiApp.PostAsync(client, body.ToJsonString(), ct: Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Post_NullReceivedOnOnlineRegionAndLowerCaseNames_Returns201()
    {
        using var client = _app.ApiClient();
        var body = ReferralApiApp.ValidReferral();
        body["receivedOn"] = null;
        body["region"] = "online";
        body["language"] = "FR";
        body["channel"] = "chat";
        body["availability"] = JsonNode.Parse("""[{"day":"monday","part":"morning"},{"day":"Sunday","part":"Evening"},{"day":"Sunday","part":"Evening"}]""");
        body["remark"] = null;

        using var response = await ReferralApiApp.PostAsync(client, body.ToJsonString(), ct: Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var created = await ReadObjectAsync(response);
        created["receivedOn"]!.GetValue<string>().ShouldBe("2026-03-10");
        var stored = await _app.FindReferralAsync(Guid.Parse(created["id"]!.GetValue<string>()));
        stored.Region.ShouldBe(Region.OnlineOnly);
        stored.Language.ShouldBe(Language.Fr);
        stored.Channel.ShouldBe(ReferralChannel.Chat);
        stored.Availability.Slots.ShouldBe([new AvailabilitySlot(DayOfWeek.Monday, DayPart.Morning), new AvailabilitySlot(DayOfWeek.Sunday, DayPart.Evening)]);
        stored.CounsellorRemark.ShouldBeNull();
    }

    [Fact]
    public async Task Post_DeeplyNestedJson_Returns400()
    {
        using var client = _app.ApiClient();
        var json = "{\"remark\":" + new string('[', 5000) + new string(']', 5000) + "}";

        using var response = await ReferralApiApp.PostAsync(client, json, ct: Ct);

        await ShouldBeValidationProblemAsync(response, ["remark"]);
    }

    [Fact]
    public async Task Get_WithReportKey_Returns403()
    {
        using var client = _app.ApiClient(ReferralApiApp.ReportKey);

        using var response = await client.GetAsync($"/api/referrals/{Guid.NewGuid()}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    /// <summary>One invalid field at a time (its name, the JSON value, the error keys expected).</summary>
    public static TheoryData<string, string, string[]> InvalidFields() => new()
    {
        { "receivedOn", "\"2026-03-11\"", ["receivedOn"] },
        { "receivedOn", "\"2016-12-31\"", ["receivedOn"] },
        { "receivedOn", "\"02/03/2026\"", ["receivedOn"] },
        { "receivedOn", "20260302", ["receivedOn"] },
        { "channel", "\"Fax\"", ["channel"] },
        { "channel", "0", ["channel"] },
        { "channel", "\"0\"", ["channel"] },
        { "channel", "null", ["channel"] },
        { "relation", "\"Neighbour\"", ["relation"] },
        { "relation", "1", ["relation"] },
        { "concern", "[\"AbuseImages\"]", ["concern"] },
        { "language", "\"de\"", ["language"] },
        { "language", "\"Nl\u202E\"", ["language"] },
        { "region", "\"BE-XXX\"", ["region"] },
        { "region", "\"Antwerp\"", ["region"] },
        { "region", "3", ["region"] },
        { "format", "\"Hybrid\"", ["format"] },
        { "availability", "[]", ["availability"] },
        { "availability", "[{\"day\":\"Tuesday\",\"part\":\"Night\"}]", ["availability"] },
        { "availability", "[{\"day\":2,\"part\":\"Evening\"}]", ["availability"] },
        { "availability", "\"Tuesday evening\"", ["availability"] },
        { "email", "\"iemand@voorbeeld.be\\r\\nBcc: ander@voorbeeld.be\"", ["email"] },
        { "email", "\"geen adres\"", ["email"] },
        { "email", "42", ["email"] },
        { "contactPreference", "\"Sms\"", ["contactPreference"] },
        { "contactPreference", "1", ["contactPreference"] },
        { "consent", "null", ["consent.given", "consent.noticeVersion"] },
        { "consent", "{\"given\":false,\"noticeVersion\":\"2026-01\"}", ["consent.given"] },
        { "consent", "{\"given\":\"yes\",\"noticeVersion\":\"2026-01\"}", ["consent.given"] },
        { "consent", "{\"given\":true,\"noticeVersion\":\"2026-01\\r\\nX-Injected: 1\"}", ["consent.noticeVersion"] },
        { "consent", "{\"given\":true,\"noticeVersion\":\"\\u202E10-6202\"}", ["consent.noticeVersion"] },
        { "consent", "{\"given\":true,\"noticeVersion\":\"2026-01-2026-01-2026-01\"}", ["consent.noticeVersion"] },
        { "consent", "{\"given\":true}", ["consent.noticeVersion"] },
        { "consent", "true", ["consent"] },
        { "remark", "\"voor\\u0000na\"", ["remark"] },
        { "remark", "\"gewoon \\u202Etxet\"", ["remark"] },
        { "remark", $"\"{new string('x', 10_000)}\"", ["remark"] },
        { "remark", "\"     \"", ["remark"] },
        { "remark", "{\"text\":\"x\"}", ["remark"] },
        { "name", "\"Jan Janssens\"", ["name"] },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Post_InvalidField_Returns400NamingItAndStoresNothing(string field, string json, string[] expectedKeys)
    {
        using var client = _app.ApiClient();
        var body = ReferralApiApp.ValidReferral();
        body[field] = JsonNode.Parse(json);
        var before = await _app.CountReferralsAsync();

        using var response = await ReferralApiApp.PostAsync(client, body.ToJsonString(), ct: Ct);

        await ShouldBeValidationProblemAsync(response, expectedKeys);
        (await _app.CountReferralsAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("channel")]
    [InlineData("relation")]
    [InlineData("concern")]
    [InlineData("language")]
    [InlineData("region")]
    [InlineData("format")]
    [InlineData("availability")]
    [InlineData("contactPreference")]
    public async Task Post_RequiredFieldMissing_Returns400NamingIt(string field)
    {
        using var client = _app.ApiClient();
        var body = ReferralApiApp.ValidReferral();
        body.Remove(field);
        var before = await _app.CountReferralsAsync();

        using var response = await ReferralApiApp.PostAsync(client, body.ToJsonString(), ct: Ct);

        await ShouldBeValidationProblemAsync(response, [field]);
        (await _app.CountReferralsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Post_EmailContactWithoutAddress_Returns400AtEmail()
    {
        using var client = _app.ApiClient();
        var body = ReferralApiApp.ValidReferral();
        body["contactPreference"] = "Email";

        using var response = await ReferralApiApp.PostAsync(client, body.ToJsonString(), ct: Ct);

        var errors = await ShouldBeValidationProblemAsync(response, ["email"]);
        errors["email"].ShouldBe([_app.Text<ReferralTexts>("Validation_EmailForContact", "nl-BE")]);
    }

    /// <summary>Bodies that are not a referral object at all, and the key the error is reported under.</summary>
    public static TheoryData<string, string, string> BrokenBodies() => new()
    {
        { "empty", "", "$" },
        { "blank", "  \r\n ", "$" },
        { "unclosed", "{", "$" },
        { "bare word in channel", "{\"receivedOn\":\"2026-03-02\",\"channel\": Phone}", "channel" },
        { "broken consent", "{\"consent\":{\"given\": tru}}", "consent.given" },
        { "trailing comma (reported after the last field)", "{\"channel\":\"Phone\",}", "channel" },
        { "comment", "{/* hi */\"channel\":\"Phone\"}", "$" },
        { "array", "[]", "$" },
        { "null", "null", "$" },
        { "string", "\"referral\"", "$" },
        { "two objects", "{}{}", "$" },
    };

    [Theory]
    [MemberData(nameof(BrokenBodies))]
    public async Task Post_BrokenBody_Returns400AndStoresNothing(string description, string json, string expectedKey)
    {
        using var client = _app.ApiClient();
        var before = await _app.CountReferralsAsync();

        using var response = await ReferralApiApp.PostAsync(client, json, ct: Ct);

        await ShouldBeValidationProblemAsync(response, [expectedKey]);
        (await _app.CountReferralsAsync()).ShouldBe(before, description);
    }

    [Fact]
    public async Task Post_InvalidUtf8_Returns400()
    {
        using var client = _app.ApiClient();
        var json = ReferralApiApp.ValidReferral().ToJsonString();
        var bytes = Encoding.UTF8.GetBytes(json).ToList(); // ASCII up to the remark: string index = byte index
        bytes.InsertRange(json.IndexOf("Belde", StringComparison.Ordinal), [0xC3, 0x28]); // an invalid two-byte sequence in the remark
        using var content = new ByteArrayContent([.. bytes]);
        content.Headers.ContentType = new("application/json");

        using var response = await client.PostAsync(ReferralApiEndpoints.ReferralsPath, content, Ct);

        await ShouldBeValidationProblemAsync(response, ["remark"]);
    }

    [Fact]
    public async Task Post_LoneSurrogateInRemark_Returns400AtRemark()
    {
        using var client = _app.ApiClient();
        var json = ReferralApiApp.ValidReferral().ToJsonString().Replace("Belde", "\\ud800Belde", StringComparison.Ordinal);

        using var response = await ReferralApiApp.PostAsync(client, json, ct: Ct);

        var errors = await ShouldBeValidationProblemAsync(response, ["remark"]);
        errors["remark"].ShouldBe([_app.Text<ReferralApiTexts>("Field_InvalidText", "nl-BE")]);
    }

    [Fact]
    public async Task Post_RepeatedField_Returns400NamingIt()
    {
        using var client = _app.ApiClient();
        var json = ReferralApiApp.ValidReferral().ToJsonString().Replace("{\"receivedOn\"", "{\"channel\":\"Chat\",\"receivedOn\"", StringComparison.Ordinal);

        using var response = await ReferralApiApp.PostAsync(client, json, ct: Ct);

        var errors = await ShouldBeValidationProblemAsync(response, ["channel"]);
        errors["channel"].ShouldBe([_app.Text<ReferralApiTexts>("Field_Repeated", "nl-BE")]);
    }

    [Fact]
    public async Task Post_BodyOver64KB_Returns413AndStoresNothing()
    {
        using var client = _app.ApiClient();
        var body = ReferralApiApp.ValidReferral();
        body["remark"] = new string('x', 70_000);
        var before = await _app.CountReferralsAsync();

        using var response = await ReferralApiApp.PostAsync(client, body.ToJsonString(), ct: Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await ReadObjectAsync(response))["title"]!.GetValue<string>().ShouldBe(_app.Text<ReferralApiTexts>("Problem_TooLarge_Title", "nl-BE"));
        (await _app.CountReferralsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Post_NotJson_Returns415()
    {
        using var client = _app.ApiClient();
        using var content = new StringContent(ReferralApiApp.ValidReferral().ToJsonString(), Encoding.UTF8, "text/plain");

        using var response = await client.PostAsync(ReferralApiEndpoints.ReferralsPath, content, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Theory]
    [InlineData("fr", "fr-BE")]
    [InlineData("fr-FR, en;q=0.5", "fr-BE")]
    [InlineData("en", "en")]
    [InlineData("de, en;q=0.8, fr;q=0.9", "fr-BE")]
    [InlineData("de", "nl-BE")]
    [InlineData(null, "nl-BE")]
    public async Task Post_AcceptLanguage_AnswersInThatLanguage(string? acceptLanguage, string culture)
    {
        using var client = _app.ApiClient(language: acceptLanguage);
        var body = ReferralApiApp.ValidReferral();
        body["channel"] = "Fax";
        body["receivedOn"] = "2026-03-11";
        body["region"] = "Gent";
        body["consent"]!["given"] = false;

        using var response = await ReferralApiApp.PostAsync(client, body.ToJsonString(), ct: Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await ReadObjectAsync(response);
        problem["title"]!.GetValue<string>().ShouldBe(_app.Text<ReferralApiTexts>("Problem_Validation_Title", culture));
        var errors = Errors(problem);
        errors["channel"].ShouldBe([_app.Text<ReferralApiTexts>("Field_ExpectName", culture, string.Join(", ", Enum.GetNames<ReferralChannel>()))]);
        errors["consent.given"].ShouldBe([_app.Text<ReferralTexts>("Validation_Consent", culture)]);
        errors["receivedOn"].ShouldBe([_app.Text<ReferralTexts>("Validation_ReceivedOnFuture", culture)]);
        errors["region"].ShouldBe([_app.Text<ReferralApiTexts>("Field_ExpectName", culture, string.Join(", ", RegionCodes.All))]);
    }

    [Fact]
    public async Task Post_AcceptLanguageFrWithDutchCultureCookie_AnswersInFrench()
    {
        using var client = _app.ApiClient(language: "fr");
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");

        using var response = await ReferralApiApp.PostAsync(client, "", ct: Ct);

        Errors(await ReadObjectAsync(response))["$"].ShouldBe([_app.Text<ReferralApiTexts>("Body_Empty", "fr-BE")]);
    }

    [Fact]
    public async Task Get_UnknownId_Returns404Problem()
    {
        using var client = _app.ApiClient();

        using var response = await client.GetAsync($"/api/referrals/{Guid.NewGuid()}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Theory]
    [InlineData("/api/referrals/not-a-guid")]
    [InlineData("/api/nothing-here")]
    public async Task Get_UnknownApiPath_Returns404ProblemNotAPage(string path)
    {
        using var client = _app.ApiClient();

        using var response = await client.GetAsync(path, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Get_ReferralOfAnotherClient_Returns404()
    {
        using var helpline = _app.ApiClient();
        using var other = _app.ApiClient(ReferralApiApp.OtherKey);
        using var created = await ReferralApiApp.PostAsync(helpline, ReferralApiApp.ValidReferral().ToJsonString(), ct: Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);

        using var response = await other.GetAsync(created.Headers.Location, Ct);
        using var own = await helpline.GetAsync(created.Headers.Location, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        own.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    internal static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();

    internal static Dictionary<string, string[]> Errors(JsonObject problem) =>
        problem["errors"]!.AsObject().ToDictionary(e => e.Key, e => e.Value!.AsArray().Select(m => m!.GetValue<string>()).ToArray());

    internal static async Task<Dictionary<string, string[]>> ShouldBeValidationProblemAsync(HttpResponseMessage response, string[] expectedKeys)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonNode.Parse(text)!.AsObject();
        problem["status"]!.GetValue<int>().ShouldBe(400);
        var errors = Errors(problem);
        errors.Keys.Order(StringComparer.Ordinal).ShouldBe(expectedKeys.Order(StringComparer.Ordinal), text);
        errors.Values.ShouldAllBe(messages => messages.Length > 0 && messages.All(m => m.Length > 0));
        return errors;
    }
}
