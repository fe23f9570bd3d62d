using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lotgenoten.Web.Tests.Features.ReferralApi;

namespace Lotgenoten.Web.Tests.Features.Security.HostileInput;

/// <summary>
/// The whole hostile catalogue on every field of <c>POST /api/referrals</c>: each value is either refused with a 400
/// problem that names the field (and nothing is stored), or accepted and stored as plain text without control
/// characters other than line breaks and tabs; never a 500, never a partial referral.
/// </summary>
public sealed class ReferralApiHostileTests(ReferralApiApp app) : IClassFixture<ReferralApiApp>
{
    private static readonly string[] TextFields = ["remark", "email", "consent.noticeVersion", "language", "region"];

    private static readonly string[] EnumFields = ["channel", "relation", "concern", "format", "contactPreference", "availability.day", "availability.part"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var field in TextFields.Concat(EnumFields).Append("receivedOn"))
        {
            foreach (var (name, value) in HostileCatalogue.Strings)
            {
                data.Add(field, "string: " + name, JsonSerializer.Serialize(value));
            }

            foreach (var (name, json) in HostileCatalogue.Numbers)
            {
                data.Add(field, "number: " + name, json);
            }
        }

        foreach (var field in EnumFields)
        {
            foreach (var (name, json) in HostileCatalogue.Enums)
            {
                data.Add(field, "enum: " + name, json);
            }
        }

        foreach (var (name, value) in HostileCatalogue.Dates)
        {
            data.Add("receivedOn", "date: " + name, JsonSerializer.Serialize(value));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Post_HostileValue_RefusedNamingTheFieldOrStoredSafely(string field, string label, string json)
    {
        using var client = app.ApiClient();
        var body = ReferralApiApp.ValidReferral();
        Set(body, field, JsonNode.Parse(json));
        var before = await app.CountReferralsAsync();

        using var response = await ReferralApiApp.PostAsync(client, body.ToJsonString(), ct: Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.ShouldBeOneOf([HttpStatusCode.Created, HttpStatusCode.BadRequest], $"{field} = {label}: {text}");
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
            var errors = JsonNode.Parse(text)?["errors"]?.AsObject();
            errors.ShouldNotBeNull($"{field} = {label}: {text}");
            var top = field.Split('.')[0];
            errors.Select(e => e.Key).ShouldContain(k => k.StartsWith(top, StringComparison.Ordinal), $"{field} = {label}: {text}");
            (await app.CountReferralsAsync()).ShouldBe(before, "a refused referral stores nothing");
            return;
        }

        (await app.CountReferralsAsync()).ShouldBe(before + 1);
        var id = Guid.Parse(JsonNode.Parse(text)!["id"]!.GetValue<string>());
        var stored = await app.FindReferralAsync(id);
        foreach (var value in new[] { stored.CounsellorRemark, stored.PrivacyNoticeVersion })
        {
            // Line breaks and tabs are text in a remark (shown as text, never as markup); any other control character is not.
            (value ?? "").ShouldNotContain(c => char.IsControl(c) && c != '\n' && c != '\r' && c != '\t', $"{field} = {label} stored a control character");
            (value ?? "").ShouldNotContain(c => c == '\u202E' || c == '\u200B' || char.IsSurrogate(c) && !HasPartner(value!, c), $"{field} = {label}");
        }
    }

    private static bool HasPartner(string value, char c)
    {
        var i = value.IndexOf(c, StringComparison.Ordinal);
        return char.IsHighSurrogate(c) ? i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]) : i > 0 && char.IsHighSurrogate(value[i - 1]);
    }

    private static void Set(JsonObject body, string field, JsonNode? value)
    {
        switch (field.Split('.'))
        {
            case ["availability", var part]:
                body["availability"] = new JsonArray(new JsonObject
                {
                    ["day"] = part == "day" ? value : "Tuesday",
                    ["part"] = part == "part" ? value : "Evening",
                });
                break;
            case ["consent", var part]:
                body["consent"] = new JsonObject { ["given"] = true, [part] = value };
                break;
            default:
                body[field] = value;
                break;
        }
    }
}
