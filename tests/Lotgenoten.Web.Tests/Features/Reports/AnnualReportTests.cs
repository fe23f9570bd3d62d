using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Figures;
using Lotgenoten.Web.Features.Reports;

namespace Lotgenoten.Web.Tests.Features.Reports;

/// <summary>The export document of the annual figures: its shape (the schema), suppression, and the CSV.</summary>
public sealed class AnnualReportTests
{
    private static List<KeyValuePair<string, long>> Categories<TEnum>(params (TEnum Key, long Count)[] counts)
        where TEnum : struct, Enum =>
        [.. Enum.GetValues<TEnum>().Select(v => KeyValuePair.Create(v.ToString(), counts.Where(c => c.Key.Equals(v)).Sum(c => c.Count)))];

    /// <summary>22 referrals: 3 from ex-partners (suppressed), …; 6 withdrawals, 2 of them for practical reasons.</summary>
    public static PeriodFigures Figures() => new()
    {
        Period = FiguresPeriod.Year(2025),
        ReferralsReceived = new CountFigure(22, new Dictionary<string, IReadOnlyList<KeyValuePair<string, long>>>
        {
            ["byRelation"] = Categories((Relation.Partner, 12), (Relation.ExPartner, 3), (Relation.Parent, 7)),
            ["byConcern"] = Categories((Concern.AbuseImages, 22)),
            ["byChannel"] = Categories((ReferralChannel.Phone, 10), (ReferralChannel.Email, 6), (ReferralChannel.Chat, 6)),
            ["byLanguage"] = Categories((Language.Nl, 18), (Language.Fr, 4)),
            ["byRegion"] = Categories((Region.Antwerp, 15), (Region.Brussels, 7)),
        }),
        IntakesHeld = 20,
        Placed = 12,
        Joined = 10,
        StartedOfPlaced = 9,
        DaysToFirstMeeting = [20, 30, 40, 50, 60, 70],
        WaitingAtEnd = 3,
        LongestWaitDays = 120,
        GroupsStarted = 2,
        GroupsRunning = 3,
        GroupsClosed = 1,
        MeetingsHeld = 30,
        MeetingsCancelled = 2,
        Attendances = 150,
        ExpectedAttendances = 200,
        Completed = 8,
        Withdrawn = new CountFigure(6, new Dictionary<string, IReadOnlyList<KeyValuePair<string, long>>>
        {
            ["byReason"] = Categories((WithdrawalReason.NoLongerNeeded, 4), (WithdrawalReason.PracticalReasons, 2)),
        }),
        ConcernsRaised = 2,
        ConcernsHandled = 0,
    };

    private static JsonNode Cell(JsonObject document, string path) =>
        path.Split('.').Aggregate((JsonNode)document["figures"]!, (node, part) => node[part]!);

    [Fact]
    public void ToJson_Public_SuppressesSmallCountsAndWhatWouldGiveThemAway()
    {
        var document = AnnualReport.ToJson(2025, Figures(), ReportVariant.Public);

        document["schemaVersion"]!.GetValue<int>().ShouldBe(1);
        document["variant"]!.GetValue<string>().ShouldBe("public");
        Cell(document, "referralsReceived.total").ToJsonString().ShouldBe("""{"value":22}""");
        Cell(document, "referralsReceived.byRelation.ExPartner").ToJsonString().ShouldBe("""{"value":null,"suppressed":true}""");
        Cell(document, "referralsReceived.byRelation.Parent").ToJsonString().ShouldBe("""{"value":null,"suppressed":true}""", "3 = 22 − 12 − 7 otherwise");
        Cell(document, "referralsReceived.byRelation.Partner").ToJsonString().ShouldBe("""{"value":12}""");
        Cell(document, "referralsReceived.byRelation.Friend").ToJsonString().ShouldBe("""{"value":0}""", "zeros are shown");
        Cell(document, "referralsReceived.byLanguage.fr").ToJsonString().ShouldBe("""{"value":null,"suppressed":true}""");
        Cell(document, "referralsReceived.byLanguage.nl").ToJsonString().ShouldBe("""{"value":null,"suppressed":true}""");
        Cell(document, "referralsReceived.byRegion.BE-BRU").ToJsonString().ShouldBe("""{"value":7}""");
        Cell(document, "referralsReceived.byConcern.AbuseImages").ToJsonString().ShouldBe("""{"value":22}""");
        Cell(document, "waitingListAtEnd.total").ToJsonString().ShouldBe("""{"value":null,"suppressed":true}""");
        Cell(document, "waitingListAtEnd.longestWaitDays").ToJsonString().ShouldBe("""{"value":null,"suppressed":true}""", "a statistic on a suppressed count");
        Cell(document, "withdrawn.byReason.PracticalReasons").ToJsonString().ShouldBe("""{"value":null,"suppressed":true}""");
        Cell(document, "withdrawn.byReason.NoLongerNeeded").ToJsonString().ShouldBe("""{"value":null,"suppressed":true}""");
        Cell(document, "concernsRaised.total").ToJsonString().ShouldBe("""{"value":null,"suppressed":true}""");
        Cell(document, "concernsHandled.total").ToJsonString().ShouldBe("""{"value":0}""");
        Cell(document, "groupsStarted.total").ToJsonString().ShouldBe("""{"value":2}""", "groups are not people");
        Cell(document, "effectiveStart.rate").ToJsonString().ShouldBe("""{"value":0.75}""");
        Cell(document, "attendanceRate.rate").ToJsonString().ShouldBe("""{"value":0.75}""");
        Cell(document, "daysToFirstMeeting.median").ToJsonString().ShouldBe("""{"value":40}""");
        Cell(document, "daysToFirstMeeting.p90").ToJsonString().ShouldBe("""{"value":70}""");
    }

    [Fact]
    public void ToJson_Internal_IsTheRawCounts()
    {
        var document = AnnualReport.ToJson(2025, Figures(), ReportVariant.Internal);

        document["variant"]!.GetValue<string>().ShouldBe("internal");
        document.ToJsonString().ShouldNotContain("suppressed");
        Cell(document, "referralsReceived.byRelation.ExPartner").ToJsonString().ShouldBe("""{"value":3}""");
        Cell(document, "waitingListAtEnd.longestWaitDays").ToJsonString().ShouldBe("""{"value":120}""");
        Cell(document, "withdrawn.byReason.PracticalReasons").ToJsonString().ShouldBe("""{"value":2}""");
    }

    [Fact]
    public void ToJson_RateOnASmallCount_IsSuppressed()
    {
        var figures = Figures() with { StartedOfPlaced = 3, Attendances = 0, ExpectedAttendances = 0 };

        var document = AnnualReport.ToJson(2025, figures, ReportVariant.Public);

        Cell(document, "effectiveStart.rate").ToJsonString().ShouldBe("""{"value":null,"suppressed":true}""");
        Cell(document, "attendanceRate.rate").ToJsonString().ShouldBe("""{"value":null}""", "no meetings: no rate, nothing hidden");
    }

    [Theory]
    [InlineData(ReportVariant.Public)]
    [InlineData(ReportVariant.Internal)]
    public void ToJson_ValidatesAgainstTheSchema(ReportVariant variant)
    {
        var document = AnnualReport.ToJson(2025, Figures(), variant);

        Validate(document).ShouldBeEmpty();
    }

    [Fact]
    public void Schema_RejectsAWrongDocument()
    {
        var document = AnnualReport.ToJson(2025, Figures(), ReportVariant.Public);
        document["figures"]!["placed"]!["total"] = new JsonObject { ["value"] = -1 };
        document["figures"]!.AsObject().Remove("joined");

        Validate(document).ShouldNotBeEmpty();
    }

    /// <summary>The schema's complaints about a document (empty when it is valid).</summary>
    public static IReadOnlyList<string> Validate(JsonNode document)
    {
        var schema = Schema.Value;
        using var json = JsonDocument.Parse(document.ToJsonString());
        var result = schema.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))];
    }

    /// <summary>docs/annual-figures.schema.json, loaded once (the library registers a schema by its $id).</summary>
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(SchemaPath())));

    private static string SchemaPath()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Lotgenoten.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("No Lotgenoten.sln above the test."), "docs", "annual-figures.schema.json");
    }

    [Fact]
    public void ToCsv_BomSemicolonsDecimalCommaAndSuppressedAsLessThanFive()
    {
        var csv = AnnualReport.ToCsv(AnnualReport.ToJson(2025, Figures(), ReportVariant.Public));

        csv.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = Encoding.UTF8.GetString(csv, 3, csv.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("figure;part;category;value");
        lines.ShouldContain("referralsReceived;total;;22");
        lines.ShouldContain("referralsReceived;byRelation;ExPartner;<5");
        lines.ShouldContain("referralsReceived;byRelation;Friend;0");
        lines.ShouldContain("referralsReceived;byRegion;BE-BRU;7");
        lines.ShouldContain("effectiveStart;rate;;0,75");
        lines.ShouldContain("waitingListAtEnd;longestWaitDays;;<5");
        lines.ShouldAllBe(line => line.Split(';').Length == 4);
    }

    [Theory]
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=a;b", "\"'=a;b\"")]
    [InlineData("Partner", "Partner")]
    public void CsvField_FormulaPrefixesAndSeparators_BecomeHarmless(string value, string expected) =>
        AnnualReport.CsvField(value).ShouldBe(expected);
}
