using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Web.Features.Reports;
using Lotgenoten.Web.Tests.Features.ReferralApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lotgenoten.Web.Tests.Features.Reports;

/// <summary>
/// Referrals posted through the real referral API (the helpline's key) with known dates and attributes land in exactly
/// the right cells of the annual report for their year: the public JSON of <c>GET /api/reports/annual/{year}</c> (the
/// report's key), its CSV, and the exact internal variant (<see cref="ReportService"/>). The app's database starts empty
/// and the clock stands still on 10 March 2026 in Brussels.
/// <para>
/// Posted, by received-on date (channel, relation, concern, language, region):
/// </para>
/// <list type="bullet">
/// <item>2023-12-31: 1 × Phone, Other, Unknown, nl, BE-VAN (the year before: in neither year).</item>
/// <item>2024: 5 × Website, ExPartner, AbuseImages, nl, BE-VOV (the first on 1 January 2024) and 5 × Professional, Friend,
/// SexualFeelingsNoOffence, en, online (the last on 31 December 2024).</item>
/// <item>2025: 5 × Phone, Partner, AbuseImages, nl, BE-VAN (the first on 1 January 2025); 5 × Email, Parent,
/// HandsOnOffence, fr, BE-BRU (the last on 31 December 2025); 5 × Chat, Partner, Unknown, nl, BE-VAN; and 2 × Phone,
/// Sibling, AbuseImages, nl, BE-VAN (the one small cell).</item>
/// <item>2026-01-01: 1 × Email, Parent, HandsOnOffence, fr, BE-BRU (the year after: in neither year).</item>
/// </list>
/// </summary>
public sealed class ReferralApiToReportTests(ReferralApiApp app) : IClassFixture<ReferralApiApp>
{
    private static readonly string[] Languages = ["nl", "fr", "en"];

    /// <summary>2024 by hand: 10 referrals; every non-zero cell is 5, so the public variant publishes all of them.</summary>
    private static readonly Expected Year2024 = new(
        10,
        new() { ["ExPartner"] = 5, ["Friend"] = 5 },
        new() { ["AbuseImages"] = 5, ["SexualFeelingsNoOffence"] = 5 },
        new() { ["Website"] = 5, ["Professional"] = 5 },
        new() { ["nl"] = 5, ["en"] = 5 },
        new() { ["BE-VOV"] = 5, ["online"] = 5 });

    /// <summary>
    /// 2025 by hand: 17 referrals. By relation Partner 10, Parent 5, Sibling 2: the public variant hides Sibling (2 is
    /// under 5) and then Parent (the smallest published cell; otherwise 17 − 10 − 5 gives Sibling away).
    /// </summary>
    private static readonly Expected Year2025 = new(
        17,
        new() { ["Partner"] = 10, ["Parent"] = 5, ["Sibling"] = 2 },
        new() { ["AbuseImages"] = 7, ["HandsOnOffence"] = 5, ["Unknown"] = 5 },
        new() { ["Phone"] = 7, ["Email"] = 5, ["Chat"] = 5 },
        new() { ["nl"] = 12, ["fr"] = 5 },
        new() { ["BE-VAN"] = 12, ["BE-BRU"] = 5 },
        SuppressedInPublic: [("byRelation", "Sibling"), ("byRelation", "Parent")]);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Expected(
        long Total,
        Dictionary<string, long> ByRelation,
        Dictionary<string, long> ByConcern,
        Dictionary<string, long> ByChannel,
        Dictionary<string, long> ByLanguage,
        Dictionary<string, long> ByRegion,
        (string Breakdown, string Category)[]? SuppressedInPublic = null)
    {
        /// <summary>Every category of every breakdown, as the report keys them, with its exact count (zeros included).</summary>
        public IEnumerable<(string Breakdown, string Category, long Value)> Cells()
        {
            foreach (var (breakdown, counts, keys) in new[]
            {
                ("byRelation", ByRelation, Enum.GetNames<Relation>()),
                ("byConcern", ByConcern, Enum.GetNames<Concern>()),
                ("byChannel", ByChannel, Enum.GetNames<ReferralChannel>()),
                ("byLanguage", ByLanguage, Languages),
                ("byRegion", ByRegion, [.. RegionCodes.All]),
            })
            {
                counts.Keys.ShouldBeSubsetOf(keys, $"{breakdown}: a category the report does not have");
                counts.Values.Sum().ShouldBe(Total, $"{breakdown} adds up to the total");
                foreach (var key in keys)
                {
                    yield return (breakdown, key, counts.GetValueOrDefault(key));
                }
            }
        }

        public bool IsSuppressed(string breakdown, string category) =>
            SuppressedInPublic?.Contains((breakdown, category)) == true;
    }

    private sealed record Posted(string ReceivedOn, string Channel, string Relation, string Concern, string Language, string Region);

    private static IEnumerable<Posted> Referrals()
    {
        yield return new("2023-12-31", "Phone", "Other", "Unknown", "nl", "BE-VAN");
        foreach (var day in new[] { "2024-01-01", "2024-02-14", "2024-05-05", "2024-08-20", "2024-11-30" })
        {
            yield return new(day, "Website", "ExPartner", "AbuseImages", "nl", "BE-VOV");
        }

        foreach (var day in new[] { "2024-03-01", "2024-06-30", "2024-07-01", "2024-10-27", "2024-12-31" })
        {
            yield return new(day, "Professional", "Friend", "SexualFeelingsNoOffence", "en", "online");
        }

        foreach (var day in new[] { "2025-01-01", "2025-01-02", "2025-03-30", "2025-06-15", "2025-09-09" })
        {
            yield return new(day, "Phone", "Partner", "AbuseImages", "nl", "BE-VAN");
        }

        foreach (var day in new[] { "2025-02-02", "2025-04-04", "2025-10-26", "2025-12-30", "2025-12-31" })
        {
            yield return new(day, "Email", "Parent", "HandsOnOffence", "fr", "BE-BRU");
        }

        foreach (var day in new[] { "2025-05-01", "2025-05-02", "2025-07-21", "2025-08-15", "2025-11-11" })
        {
            yield return new(day, "Chat", "Partner", "Unknown", "nl", "BE-VAN");
        }

        foreach (var day in new[] { "2025-02-28", "2025-12-01" })
        {
            yield return new(day, "Phone", "Sibling", "AbuseImages", "nl", "BE-VAN");
        }

        yield return new("2026-01-01", "Email", "Parent", "HandsOnOffence", "fr", "BE-BRU");
    }

    /// <summary>Posts every referral once for the class (the tests only read).</summary>
    private static readonly SemaphoreSlim PostOnce = new(1, 1);
    private static ReferralApiApp? _posted;

    private async Task PostAllAsync()
    {
        await PostOnce.WaitAsync(Ct);
        try
        {
            if (ReferenceEquals(_posted, app))
            {
                return;
            }

            (await app.CountReferralsAsync()).ShouldBe(0, "the app's database starts empty");
            using var client = app.ApiClient(ReferralApiApp.HelplineKey);
            foreach (var referral in Referrals())
            {
                var body = ReferralApiApp.ValidReferral();
                body["receivedOn"] = referral.ReceivedOn;
                body["channel"] = referral.Channel;
                body["relation"] = referral.Relation;
                body["concern"] = referral.Concern;
                body["language"] = referral.Language;
                body["region"] = referral.Region;
                using var response = await ReferralApiApp.PostAsync(client, body.ToJsonString(), Guid.NewGuid().ToString(), Ct);
                response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
                var created = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
                created["receivedOn"]!.GetValue<string>().ShouldBe(referral.ReceivedOn);
            }

            (await app.CountReferralsAsync()).ShouldBe(29);
            _posted = app;
        }
        finally
        {
            PostOnce.Release();
        }
    }

    private async Task<JsonObject> PublicJsonAsync(int year)
    {
        using var client = app.ApiClient(ReferralApiApp.ReportKey);
        using var response = await client.GetAsync($"/api/reports/annual/{year}", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
        AnnualReportTests.Validate(document).ShouldBeEmpty();
        (document["year"]!.GetValue<int>(), document["variant"]!.GetValue<string>()).ShouldBe((year, "public"));
        return document;
    }

    private static void ShouldHold(JsonNode? cell, long value, bool suppressed, string where)
    {
        cell.ShouldNotBeNull(where);
        if (suppressed)
        {
            cell["value"].ShouldBeNull(where);
            cell["suppressed"]!.GetValue<bool>().ShouldBeTrue(where);
        }
        else
        {
            cell["value"]!.GetValue<long>().ShouldBe(value, where);
            cell["suppressed"].ShouldBeNull(where);
        }
    }

    public static TheoryData<int> Years => [2024, 2025];

    private static Expected For(int year) => year == 2024 ? Year2024 : Year2025;

    [Theory]
    [MemberData(nameof(Years))]
    public async Task PublicJson_PostedReferrals_LandInExactlyTheRightCells(int year)
    {
        await PostAllAsync();
        var expected = For(year);

        var received = (await PublicJsonAsync(year))["figures"]!["referralsReceived"]!.AsObject();

        ShouldHold(received["total"], expected.Total, false, $"{year} total");
        var shown = 0;
        foreach (var (breakdown, category, value) in expected.Cells())
        {
            ShouldHold(received[breakdown]![category], value, expected.IsSuppressed(breakdown, category), $"{year} {breakdown}.{category}");
            shown++;
        }

        // No cell the hand count does not know about.
        received.Select(p => p.Key).ShouldBe(["total", "byRelation", "byConcern", "byChannel", "byLanguage", "byRegion"], ignoreOrder: true);
        received.Where(p => p.Key != "total").Sum(p => p.Value!.AsObject().Count).ShouldBe(shown);
    }

    [Fact]
    public async Task PublicJson_TheSmallCell_IsSuppressedAndZerosAreNot()
    {
        await PostAllAsync();

        var relation = (await PublicJsonAsync(2025))["figures"]!["referralsReceived"]!["byRelation"]!;

        ShouldHold(relation["Sibling"], 2, suppressed: true, "2 siblings: under 5");
        ShouldHold(relation["Parent"], 5, suppressed: true, "5 parents: would give the siblings away");
        ShouldHold(relation["Partner"], 10, suppressed: false, "10 partners");
        ShouldHold(relation["Friend"], 0, suppressed: false, "a zero is not suppressed");
    }

    [Theory]
    [MemberData(nameof(Years))]
    public async Task InternalVariant_PostedReferrals_AreExactInEveryCell(int year)
    {
        await PostAllAsync();
        var expected = For(year);
        var service = app.Services.CreateScope().ServiceProvider.GetRequiredService<ReportService>();

        var document = await service.ExportAsync(year, ReportVariant.Internal, "referral-api-to-report-test", Ct);

        document["variant"]!.GetValue<string>().ShouldBe("internal");
        var received = document["figures"]!["referralsReceived"]!;
        ShouldHold(received["total"], expected.Total, false, $"{year} total");
        foreach (var (breakdown, category, value) in expected.Cells())
        {
            ShouldHold(received[breakdown]![category], value, false, $"{year} {breakdown}.{category} (internal)");
        }
    }

    [Theory]
    [MemberData(nameof(Years))]
    public async Task PublicCsv_PostedReferrals_SameNumbersInTheRightRows(int year)
    {
        await PostAllAsync();
        var expected = For(year);
        using var client = app.ApiClient(ReferralApiApp.ReportKey);

        using var response = await client.GetAsync($"/api/reports/annual/{year}?format=csv", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("figure;part;category;value");
        var rows = lines.Skip(1).Select(l => l.Split(';')).Where(f => f[0] == "referralsReceived")
            .ToDictionary(f => (f[1], f[2]), f => f[3]);

        rows[("total", "")].ShouldBe(expected.Total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (breakdown, category, value) in expected.Cells())
        {
            rows[(breakdown, category)].ShouldBe(
                expected.IsSuppressed(breakdown, category) ? "<5" : value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{year} {breakdown};{category}");
        }

        rows.Count.ShouldBe(1 + expected.Cells().Count());
    }

    [Fact]
    public async Task Database_PostedReferrals_KeepTheirDatesInBrussels()
    {
        await PostAllAsync();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);

        var byYear = await db.Set<Referral>().GroupBy(r => r.ReceivedOn.Year).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, Ct);

        byYear.ShouldBe(new Dictionary<int, int> { [2023] = 1, [2024] = 10, [2025] = 17, [2026] = 1 }, ignoreOrder: true);
    }
}
