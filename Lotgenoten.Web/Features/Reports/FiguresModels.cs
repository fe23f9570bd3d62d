using System.Globalization;
using System.Text.Json.Nodes;
using Lotgenoten.Domain.Common;
using Lotgenoten.Infrastructure.Figures;

namespace Lotgenoten.Web.Features.Reports;

/// <summary>The texts of the annual figures page (FiguresTexts.resx, .fr, .en).</summary>
public sealed class FiguresTexts;

/// <summary>The figures of one year as the page shows them.</summary>
/// <param name="Year">The calendar year.</param>
/// <param name="IsRunning">Whether the year is the current one (its figures still change).</param>
/// <param name="Figures">The exact figures (for the order of the breakdowns' categories).</param>
/// <param name="Document">The export document of the chosen variant: what the page shows, cell by cell.</param>
public sealed record FiguresYear(int Year, bool IsRunning, PeriodFigures Figures, JsonObject Document)
{
    /// <summary>A cell of the document: <c>figures[figure][part]</c>, or <c>figures[figure][part][category]</c> of a breakdown.</summary>
    public FigureCell Cell(string figure, string part, string? category = null)
    {
        var node = Document["figures"]?[figure]?[part];
        if (category is not null)
        {
            node = node?[category];
        }

        return FigureCell.From(node as JsonObject);
    }

    /// <summary>
    /// The categories of a breakdown in enum order: the enum value's name and its key in the document (language and region
    /// as the referral API writes them, as <see cref="AnnualReport"/> keys them).
    /// </summary>
    public IReadOnlyList<(string Name, string Key)> Categories(string figure, string breakdown)
    {
        var count = figure switch
        {
            "referralsReceived" => Figures.ReferralsReceived,
            "withdrawn" => Figures.Withdrawn,
            _ => throw new ArgumentOutOfRangeException(nameof(figure), figure, "No breakdowns."),
        };
        return [.. count.Breakdowns[breakdown].Select(c => (c.Key, breakdown switch
        {
            "byLanguage" => Enum.Parse<Language>(c.Key).ToCode(),
            "byRegion" => Enum.Parse<Region>(c.Key).ToCode(),
            _ => c.Key,
        }))];
    }
}

/// <summary>The annual figures page: the chosen year first, then the (up to) two years before it.</summary>
public sealed record FiguresPageModel(int Year, ReportVariant Variant, IReadOnlyList<FiguresYear> Years)
{
    /// <summary>
    /// The same years shown in another variant: only the suppression is applied again, the counts already computed are
    /// kept (switching between exact and public needs no query; the exact counts are already on this coordinator's screen).
    /// </summary>
    public FiguresPageModel WithVariant(ReportVariant variant) => variant == Variant
        ? this
        : this with
        {
            Variant = variant,
            Years = [.. Years.Select(y => y with { Document = AnnualReport.ToJson(y.Year, y.Figures, variant) })],
        };

    public FiguresYear Chosen => Years[0];

    public IReadOnlyList<FiguresYear> Previous => [.. Years.Skip(1)];
}

/// <summary>One published cell: a value, suppressed ("&lt;5"), or empty (no value, e.g. a rate over zero).</summary>
public readonly record struct FigureCell(double? Value, bool Suppressed)
{
    public static FigureCell From(JsonObject? cell)
    {
        if (cell is null)
        {
            return new(null, false);
        }

        var suppressed = cell["suppressed"]?.GetValue<bool>() == true;
        var value = cell["value"] is JsonValue v ? double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture) : (double?)null;
        return new(value, suppressed);
    }

    /// <summary>The cell as text: a count, a percentage or a number of days, "&lt;5" when suppressed, "–" when empty.</summary>
    public string Format(FigureKind kind, CultureInfo culture) => (Value, Suppressed) switch
    {
        (_, true) => "<5",
        (null, _) => "–",
        ({ } rate, _) when kind == FigureKind.Rate => rate.ToString("P0", culture),
        ({ } n, _) => n.ToString("N0", culture),
    };
}

/// <summary>What a figure is: a count, a rate (0–1) or a number of days.</summary>
public enum FigureKind
{
    Count,
    Rate,
    Days,
}

/// <summary>A row of the page: a figure's text key, where its cell is in the export document, and its kind.</summary>
/// <param name="Key">The text keys <c>Fig_{Key}</c> (name) and <c>Def_{Key}</c> (definition).</param>
public sealed record FigureRow(string Key, string Figure, string Part, FigureKind Kind = FigureKind.Count);

/// <summary>A breakdown table: the figure, the breakdown's name in the document and its text key.</summary>
public sealed record BreakdownTable(string Key, string Figure, string Breakdown);

/// <summary>The page's sections, in the order of the annual report.</summary>
public static class FiguresLayout
{
    public static readonly IReadOnlyList<FigureRow> AtAGlance =
    [
        new("ReferralsReceived", "referralsReceived", "total"),
        new("IntakesHeld", "intakesHeld", "total"),
        new("Placed", "placed", "total"),
        new("Joined", "joined", "total"),
        new("EffectiveStart", "effectiveStart", "rate", FigureKind.Rate),
        new("WaitingAtEnd", "waitingListAtEnd", "total"),
        new("MeetingsHeld", "meetingsHeld", "total"),
        new("AttendanceRate", "attendanceRate", "rate", FigureKind.Rate),
    ];

    public static readonly IReadOnlyList<FigureRow> Referrals =
    [
        new("ReferralsReceived", "referralsReceived", "total"),
        new("IntakesHeld", "intakesHeld", "total"),
        new("Placed", "placed", "total"),
        new("Started", "effectiveStart", "started"),
        new("EffectiveStart", "effectiveStart", "rate", FigureKind.Rate),
        new("Joined", "joined", "total"),
        new("WaitingAtEnd", "waitingListAtEnd", "total"),
        new("LongestWait", "waitingListAtEnd", "longestWaitDays", FigureKind.Days),
    ];

    public static readonly IReadOnlyList<BreakdownTable> ReferralBreakdowns =
    [
        new("ByRelation", "referralsReceived", "byRelation"),
        new("ByConcern", "referralsReceived", "byConcern"),
        new("ByChannel", "referralsReceived", "byChannel"),
        new("ByLanguage", "referralsReceived", "byLanguage"),
        new("ByRegion", "referralsReceived", "byRegion"),
    ];

    public static readonly IReadOnlyList<FigureRow> GroupsAndMeetings =
    [
        new("GroupsStarted", "groupsStarted", "total"),
        new("GroupsRunning", "groupsRunning", "total"),
        new("GroupsClosed", "groupsClosed", "total"),
        new("MeetingsHeld", "meetingsHeld", "total"),
        new("MeetingsCancelled", "meetingsCancelled", "total"),
        new("Attendances", "attendances", "total"),
        new("ExpectedAttendances", "expectedAttendances", "total"),
        new("AttendanceRate", "attendanceRate", "rate", FigureKind.Rate),
    ];

    public static readonly IReadOnlyList<FigureRow> Members =
    [
        new("Completed", "completed", "total"),
        new("Withdrawn", "withdrawn", "total"),
        new("Starters", "daysToFirstMeeting", "members"),
        new("MedianDays", "daysToFirstMeeting", "median", FigureKind.Days),
        new("P90Days", "daysToFirstMeeting", "p90", FigureKind.Days),
    ];

    public static readonly BreakdownTable WithdrawnByReason = new("ByReason", "withdrawn", "byReason");

    public static readonly IReadOnlyList<FigureRow> Safeguarding =
    [
        new("ConcernsRaised", "concernsRaised", "total"),
        new("ConcernsHandled", "concernsHandled", "total"),
    ];
}
