using System.Globalization;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Figures;

namespace Lotgenoten.Web.Features.Dashboard;

/// <summary>What the list behind a dashboard figure lists.</summary>
public enum DashboardListKind
{
    /// <summary>The cohort at a funnel stage (referrals for coordinators, memberships of own groups for facilitators).</summary>
    Stage,

    /// <summary>The meetings held in the period (optionally of one group).</summary>
    Meetings,
}

/// <summary>
/// The addresses of the dashboard and of the lists behind its figures; the only place that spells their query strings
/// (the pages read the same names). Dates are ISO (yyyy-MM-dd), enums by name. No personal data ever goes in a URL.
/// </summary>
public static class DashboardLinks
{
    public const string DashboardPath = "/dashboard";
    public const string ListPath = "/dashboard/lijst";
    public const string WaitingListPath = "/wachtlijst";

    // Query-string names, shared by the pages' [SupplyParameterFromQuery(Name = …)].
    public const string From = "from";
    public const string To = "to";
    public const string List = "list";
    public const string Stage = "stage";
    public const string Relation = "relation";
    public const string Concern = "concern";
    public const string Group = "group";
    public const string Tab = "tab";
    public const string Language = "language";
    public const string Region = "region";

    public static string Dashboard(FiguresPeriod period) => $"{DashboardPath}?{Dates(period)}";

    /// <summary>The cohort at <paramref name="stage"/>, optionally of one relation or concern.</summary>
    public static string StageList(FiguresPeriod period, FunnelStage stage, Relation? relation = null, Concern? concern = null) =>
        $"{ListPath}?{List}={DashboardListKind.Stage}&{Stage}={stage}&{Dates(period)}"
        + (relation is { } r ? $"&{Relation}={r}" : string.Empty)
        + (concern is { } c ? $"&{Concern}={c}" : string.Empty);

    /// <summary>The meetings held in <paramref name="period"/> (a month of the chart, say), optionally of one group.</summary>
    public static string MeetingsList(FiguresPeriod period, Guid? groupId = null) =>
        $"{ListPath}?{List}={DashboardListKind.Meetings}&{Dates(period)}" + (groupId is { } g ? $"&{Group}={g}" : string.Empty);

    /// <summary>The waiting list's "Wachtend" tab, optionally filtered by language or region.</summary>
    public static string WaitingList(Language? language = null, Region? region = null) =>
        $"{WaitingListPath}?{Tab}=Waiting"
        + (language is { } l ? $"&{Language}={l}" : string.Empty)
        + (region is { } r ? $"&{Region}={r}" : string.Empty);

    public static string GroupPage(Guid groupId) => $"/groepen/{groupId}";

    /// <summary>A date as it goes in a query string.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Reads a query-string date; null when absent or not a date.</summary>
    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>Reads a query-string enum by name (case-insensitive, names only, never numbers); null when absent or unknown.</summary>
    public static TEnum? ParseEnum<TEnum>(string? text)
        where TEnum : struct, Enum =>
        !string.IsNullOrEmpty(text) && !char.IsAsciiDigit(text[0]) && text[0] != '-'
        && Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : null;

    private static string Dates(FiguresPeriod period) => $"{From}={Date(period.From)}&{To}={Date(period.To)}";
}
