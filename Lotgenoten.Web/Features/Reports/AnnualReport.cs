using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Figures;
using Lotgenoten.Infrastructure.Figures;

namespace Lotgenoten.Web.Features.Reports;

/// <summary>Which numbers an export holds.</summary>
public enum ReportVariant
{
    /// <summary>Small counts suppressed (the default; what leaves the organisation).</summary>
    Public,

    /// <summary>Exact counts; coordinators only.</summary>
    Internal,
}

/// <summary>
/// The annual figures as the shared report takes them: a JSON document with a documented, versioned schema
/// (docs/annual-figures.schema.json) and the same cells as CSV for Belgian Excel. Every count is a cell
/// <c>{"value": n}</c>, or <c>{"value": null, "suppressed": true}</c> in the public variant (<see cref="SmallNumberSuppression"/>);
/// rates are cells too, suppressed when a count they are built on is.
/// <para>
/// Counts of people (referrals, intakes, placements, members, attendances, concerns) are suppressed; counts of groups
/// and meetings are not: they say nothing about a person. Breakdowns are keyed as the referral API names the values:
/// enum names for relation, concern, channel and withdrawal reason, <c>nl</c>/<c>fr</c>/<c>en</c> for language and ISO
/// 3166-2 codes (or <c>online</c>) for region.
/// </para>
/// </summary>
public static class AnnualReport
{
    public const int SchemaVersion = 1;

    /// <summary>The CSV's columns.</summary>
    public static readonly IReadOnlyList<string> CsvColumns = ["figure", "part", "category", "value"];

    /// <summary>Builds the JSON document.</summary>
    public static JsonObject ToJson(int year, PeriodFigures figures, ReportVariant variant)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var exact = variant == ReportVariant.Internal;

        var received = Table(figures.ReferralsReceived, exact, KeyForReferralBreakdown);
        var withdrawn = Table(figures.Withdrawn, exact, (_, key) => key);
        var placed = Count(figures.Placed, exact);
        var started = Count(figures.StartedOfPlaced, exact);
        var attendances = Count(figures.Attendances, exact);
        var expected = Count(figures.ExpectedAttendances, exact);
        var starters = Count(figures.DaysToFirstMeeting.Count, exact);
        var waiting = Count(figures.WaitingAtEnd, exact);

        var result = new JsonObject
        {
            ["schemaVersion"] = SchemaVersion,
            ["year"] = year,
            ["variant"] = variant == ReportVariant.Public ? "public" : "internal",
            ["period"] = new JsonObject
            {
                ["from"] = figures.Period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["to"] = figures.Period.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["timeZone"] = "Europe/Brussels",
            },
            ["figures"] = new JsonObject
            {
                ["referralsReceived"] = received,
                ["intakesHeld"] = Total(Count(figures.IntakesHeld, exact)),
                ["placed"] = Total(placed),
                ["joined"] = Total(Count(figures.Joined, exact)),
                ["effectiveStart"] = new JsonObject
                {
                    ["started"] = Cell(started),
                    ["placed"] = Cell(placed),
                    ["rate"] = RateCell(started, placed),
                },
                ["daysToFirstMeeting"] = new JsonObject
                {
                    ["members"] = Cell(starters),
                    ["median"] = StatisticCell(figures.MedianDaysToFirstMeeting, starters),
                    ["p90"] = StatisticCell(figures.P90DaysToFirstMeeting, starters),
                },
                ["waitingListAtEnd"] = new JsonObject
                {
                    ["total"] = Cell(waiting),
                    ["longestWaitDays"] = StatisticCell(figures.LongestWaitDays, waiting),
                },
                ["groupsStarted"] = Total(PublishedCount.Of(figures.GroupsStarted)),
                ["groupsRunning"] = Total(PublishedCount.Of(figures.GroupsRunning)),
                ["groupsClosed"] = Total(PublishedCount.Of(figures.GroupsClosed)),
                ["meetingsHeld"] = Total(PublishedCount.Of(figures.MeetingsHeld)),
                ["meetingsCancelled"] = Total(PublishedCount.Of(figures.MeetingsCancelled)),
                ["attendances"] = Total(attendances),
                ["expectedAttendances"] = Total(expected),
                ["attendanceRate"] = new JsonObject { ["rate"] = RateCell(attendances, expected) },
                ["completed"] = Total(Count(figures.Completed, exact)),
                ["withdrawn"] = withdrawn,
                ["concernsRaised"] = Total(Count(figures.ConcernsRaised, exact)),
                ["concernsHandled"] = Total(Count(figures.ConcernsHandled, exact)),
            },
        };
        return result;
    }

    /// <summary>
    /// The same cells as CSV: UTF-8 with a byte order mark (Excel), <c>;</c> between fields and <c>,</c> as decimal
    /// separator (Belgian Excel), <c>&lt;5</c> for a suppressed count, and no field that a spreadsheet could run as a
    /// formula.
    /// </summary>
    public static byte[] ToCsv(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = new StringBuilder();
        text.Append(string.Join(';', CsvColumns)).Append("\r\n");
        foreach (var (figure, node) in document["figures"]!.AsObject())
        {
            foreach (var (part, value) in node!.AsObject())
            {
                if (IsCell(value))
                {
                    Row(text, figure, part, string.Empty, value!.AsObject());
                    continue;
                }

                foreach (var (category, cell) in value!.AsObject())
                {
                    Row(text, figure, part, category, cell!.AsObject());
                }
            }
        }

        var preamble = Encoding.UTF8.GetPreamble();
        var body = Encoding.UTF8.GetBytes(text.ToString());
        return [.. preamble, .. body];
    }

    /// <summary>A field that cannot start a formula in Excel, LibreOffice or Google Sheets, quoted when it must be.</summary>
    public static string CsvField(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var safe = value.Length > 0 && "=+-@\t\r\n|%".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return safe.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    private static void Row(StringBuilder text, string figure, string part, string category, JsonObject cell)
    {
        var value = cell["value"] switch
        {
            null => cell["suppressed"]?.GetValue<bool>() == true ? "<5" : string.Empty,
            JsonValue v => Number(v.ToJsonString()),
            _ => string.Empty,
        };
        text.Append(CsvField(figure)).Append(';').Append(CsvField(part)).Append(';')
            .Append(CsvField(category)).Append(';').Append(CsvField(value)).Append("\r\n");
    }

    /// <summary>A whole number as it is; a fraction with a decimal comma (Belgian Excel).</summary>
    private static string Number(string json) =>
        json.IndexOfAny(['.', 'e', 'E']) < 0
            ? json
            : double.Parse(json, CultureInfo.InvariantCulture).ToString("0.####", CultureInfo.GetCultureInfo("nl-BE"));

    private static bool IsCell(JsonNode? node) => node is JsonObject o && o.ContainsKey("value");

    private static PublishedCount Count(long count, bool exact) => exact ? PublishedCount.Of(count) : SmallNumberSuppression.Single(count);

    private static JsonObject Total(PublishedCount count) => new() { ["total"] = Cell(count) };

    private static JsonObject Cell(PublishedCount count) =>
        count.Value is { } value ? new JsonObject { ["value"] = value } : new JsonObject { ["value"] = null, ["suppressed"] = true };

    private static JsonObject RateCell(PublishedCount numerator, PublishedCount denominator)
    {
        if (numerator.Suppressed || denominator.Suppressed)
        {
            return new JsonObject { ["value"] = null, ["suppressed"] = true };
        }

        var rate = SmallNumberSuppression.Rate(numerator, denominator);
        return new JsonObject { ["value"] = rate is { } r ? Math.Round(r, 4) : null };
    }

    /// <summary>A statistic about the people counted in <paramref name="basis"/>: hidden when that count is.</summary>
    private static JsonObject StatisticCell(int? value, PublishedCount basis) =>
        basis.Suppressed ? new JsonObject { ["value"] = null, ["suppressed"] = true } : new JsonObject { ["value"] = value };

    private static JsonObject Table(CountFigure figure, bool exact, Func<string, string, string> key)
    {
        var names = figure.Breakdowns.Keys.ToList();
        var cells = names.Select(n => (IReadOnlyList<long>)figure.Breakdowns[n].Select(c => c.Value).ToList()).ToList();
        var table = exact
            ? new SuppressedTable(PublishedCount.Of(figure.Total), cells.Select(c => (IReadOnlyList<PublishedCount>)c.Select(PublishedCount.Of).ToList()).ToList())
            : SmallNumberSuppression.Apply(figure.Total, cells);
        var result = new JsonObject { ["total"] = Cell(table.Total) };
        for (var i = 0; i < names.Count; i++)
        {
            var breakdown = new JsonObject();
            var categories = figure.Breakdowns[names[i]];
            for (var j = 0; j < categories.Count; j++)
            {
                breakdown[key(names[i], categories[j].Key)] = Cell(table.Breakdowns[i][j]);
            }

            result[names[i]] = breakdown;
        }

        return result;
    }

    /// <summary>Language and region as the referral API writes them; other dimensions by enum name.</summary>
    private static string KeyForReferralBreakdown(string breakdown, string enumName) => breakdown switch
    {
        "byLanguage" => Enum.Parse<Language>(enumName).ToCode(),
        "byRegion" => Enum.Parse<Region>(enumName).ToCode(),
        _ => enumName,
    };

    /// <summary>Options for writing the document (indented, as people read it too).</summary>
    public static JsonSerializerOptions WriteOptions { get; } = new() { WriteIndented = true };
}
