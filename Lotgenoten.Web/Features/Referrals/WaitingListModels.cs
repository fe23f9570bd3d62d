using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Referrals;

namespace Lotgenoten.Web.Features.Referrals;

/// <summary>Texts of the waiting list and of a referral's page; see WaitingListTexts.resx.</summary>
public sealed class WaitingListTexts;

/// <summary>The tabs of the waiting list, each a group of statuses.</summary>
public enum WaitingListTab
{
    /// <summary>"Intake te plannen": received, no intake planned yet.</summary>
    ToPlan,

    /// <summary>"Intake gepland": an intake is planned (sorted by its time).</summary>
    Planned,

    /// <summary>"Wachtend": intake done, waiting for a group — the waiting list proper.</summary>
    Waiting,

    /// <summary>"Uitgenodigd": placed in a group, invitation open.</summary>
    Invited,
}

/// <summary>What the waiting list can be sorted by.</summary>
public enum WaitingListSort
{
    /// <summary>Received on; ascending is the longest wait first.</summary>
    ReceivedOn,
    IntakePlannedFor,
    Relation,
    Concern,
    Language,
    Region,
    Format,
}

/// <summary>
/// One page of the waiting list: a tab, optional filters, a search by short reference (the first 8 hex digits of the
/// id), a sort (the tab's own order when none is given), and a page of at most <see cref="MaxPageSize"/> rows.
/// </summary>
public sealed record WaitingListQuery(
    WaitingListTab Tab = WaitingListTab.Waiting,
    Relation? Relation = null,
    Concern? Concern = null,
    Language? Language = null,
    Region? Region = null,
    FormatPreference? Format = null,
    string? Search = null,
    WaitingListSort? Sort = null,
    bool Descending = false,
    int Page = 0,
    int PageSize = 25)
{
    public const int MaxPageSize = 50;

    /// <summary>Whether any filter or search narrows the list.</summary>
    public bool IsFiltered =>
        Relation is not null || Concern is not null || Language is not null || Region is not null || Format is not null
        || !string.IsNullOrWhiteSpace(Search);
}

/// <summary>One referral on the waiting list. <see cref="IntakePlannedForLocal"/> is Brussels wall-clock time.</summary>
public sealed record WaitingListRow(
    Guid Id,
    string Reference,
    DateOnly ReceivedOn,
    int DaysWaiting,
    Relation Relation,
    Concern Concern,
    Language Language,
    Region Region,
    FormatPreference Format,
    WeeklyAvailability Availability,
    ReferralStatus Status,
    DateTime? IntakePlannedForLocal,
    bool WarnAge,
    bool NearWarning);

/// <summary>How many referrals each tab holds (under the current filters).</summary>
public sealed record WaitingListCounts(int ToPlan, int Planned, int Waiting, int Invited)
{
    public int For(WaitingListTab tab) => tab switch
    {
        WaitingListTab.ToPlan => ToPlan,
        WaitingListTab.Planned => Planned,
        WaitingListTab.Waiting => Waiting,
        _ => Invited,
    };
}

/// <summary>The whole waiting list at a glance (unfiltered "Wachtend" tab): how many wait, the median and the longest wait in days.</summary>
public sealed record WaitingListSummary(int Waiting, double? MedianDays, int? LongestDays, int PastWarning);

/// <summary>One page of rows, the number that match in all, the counts per tab, and the summary.</summary>
public sealed record WaitingListView(
    IReadOnlyList<WaitingListRow> Rows,
    int Total,
    WaitingListCounts Counts,
    WaitingListSummary Summary,
    int WarningDays);

/// <summary>Searching by a referral's short reference (<see cref="Domain.Referrals.Referral.Reference"/>, e.g. "K7PX3MRD").</summary>
public static class ReferralReference
{
    public const int Length = Domain.Referrals.Referral.ReferenceLength;

    /// <summary>
    /// A typed reference (or its beginning) in stored form: upper case, a leading '#', dashes and spaces dropped; null
    /// when it cannot be one (then nothing matches). Letters and digits only, so that references made before the
    /// readable alphabet (hex) are found too.
    /// </summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var text = new string([.. typed.Trim().TrimStart('#').Where(c => c is not ('-' or ' '))]).ToUpperInvariant();
        return text.Length is > 0 and <= Length && text.All(char.IsAsciiLetterOrDigit) ? text : null;
    }
}

/// <summary>The waiting warnings: past the configured age, or within a week of it.</summary>
public static class WaitingAge
{
    public const int NearDays = 7;

    public static bool Warn(int days, int warningDays) => days >= warningDays;

    public static bool Near(int days, int warningDays) => days < warningDays && days >= warningDays - NearDays;
}

/// <summary>Availability as compact text, grouped by part of day: "di do avond · ma voormiddag", with the shared enum texts.</summary>
public static class AvailabilityText
{
    public static string Compact(WeeklyAvailability availability, Func<DayOfWeek, string> day, Func<DayPart, string> part)
    {
        ArgumentNullException.ThrowIfNull(day);
        ArgumentNullException.ThrowIfNull(part);
        var slots = availability.Slots.ToList();
        return string.Join(" · ", Enum.GetValues<DayPart>()
            .OrderByDescending(p => p) // evenings first: most groups meet then
            .Select(p => (Part: p, Days: slots.Where(s => s.Part == p).Select(s => day(s.Day)).ToList()))
            .Where(g => g.Days.Count > 0)
            .Select(g => $"{string.Join(" ", g.Days)} {part(g.Part)}"));
    }
}

/// <summary>Dates and times as the waiting list and the referral page show them.</summary>
internal static class ReferralDisplay
{
    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", System.Globalization.CultureInfo.CurrentCulture);

    public static string DateTime(DateTime local) => local.ToString("ddd d MMM yyyy · HH:mm", System.Globalization.CultureInfo.CurrentCulture);

    public static string Instant(DateTimeOffset instant) => DateTime(BrusselsTime.ToLocal(instant));
}
