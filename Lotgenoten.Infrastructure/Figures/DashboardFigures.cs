using Lotgenoten.Domain.Groups;

namespace Lotgenoten.Infrastructure.Figures;

/// <summary>
/// Whose figures a dashboard shows: everything (coordinators), or only what belongs to some groups (a facilitator's own
/// groups). A scope of groups never shows referral-level figures that precede placement (received, intake, waiting,
/// declined, unreachable, the waiting list).
/// </summary>
public sealed record DashboardScope(IReadOnlyList<Guid>? GroupIds)
{
    public static DashboardScope All { get; } = new((IReadOnlyList<Guid>?)null);

    public static DashboardScope Groups(IEnumerable<Guid> groupIds) => new([.. groupIds.Distinct()]);

    /// <summary>Everything (a coordinator's view).</summary>
    public bool IsAll => GroupIds is null;
}

/// <summary>The steps of a referral's path, in order, then the ways out.</summary>
public enum FunnelStage
{
    /// <summary>Received in the period (the cohort).</summary>
    Received,

    /// <summary>Of those: an intake was held.</summary>
    Intake,

    /// <summary>Of those: went onto the waiting list (ever entered Waiting).</summary>
    Waiting,

    /// <summary>Of those: placed in a group (an invitation sent; a referral placed twice counts once).</summary>
    Placed,

    /// <summary>Of those: joined (created their account).</summary>
    Joined,

    /// <summary>Of those: attended at least one meeting.</summary>
    Started,

    /// <summary>Of those: completed (as the annual figure: membership completed, attended ≥ 50 % of the meetings held while a member).</summary>
    Completed,

    /// <summary>A way out: the referral (coordinators) or the membership (a group scope) is withdrawn now.</summary>
    Withdrawn,

    /// <summary>A way out: declined at intake (coordinators only).</summary>
    Declined,

    /// <summary>A way out: could not be reached (coordinators only).</summary>
    Unreachable,
}

/// <summary>How many of the cohort reached a stage (up to now).</summary>
public sealed record FunnelStep(FunnelStage Stage, long Count);

/// <summary>
/// The waiting list now (not at the period's end): referrals with status Waiting, the median and longest wait in days
/// since received (today in Brussels), and the same count by language and by region (every enum value, zeros included, in
/// enum order, keyed by the enum name).
/// </summary>
public sealed record WaitingNow(
    long Count,
    int? MedianDays,
    int? LongestDays,
    IReadOnlyList<KeyValuePair<string, long>> ByLanguage,
    IReadOnlyList<KeyValuePair<string, long>> ByRegion);

/// <summary>
/// One group of the scope that was not closed before the period began: its places now (members Invited, Joined or Active
/// against its maximum size) and its attendance in the period (as the annual figure: present + late ÷ expected at held meetings).
/// </summary>
public sealed record GroupFill(
    Guid GroupId,
    string Name,
    GroupStatus Status,
    int Members,
    int Capacity,
    int MeetingsHeld,
    long Attendances,
    long ExpectedAttendances)
{
    /// <summary>Attendances ÷ expected; null when no one was expected.</summary>
    public double? AttendanceRate => ExpectedAttendances == 0 ? null : (double)Attendances / ExpectedAttendances;
}

/// <summary>Attendance at the meetings held in one calendar month (Brussels) of the period; every month the period touches is listed, empty ones too.</summary>
public sealed record MonthAttendance(int Year, int Month, int MeetingsHeld, long Attendances, long ExpectedAttendances)
{
    public double? Rate => ExpectedAttendances == 0 ? null : (double)Attendances / ExpectedAttendances;
}

/// <summary>
/// A dashboard: the period's cohort as a funnel, the waiting list now, the groups, attendance per month, and the cohort
/// by relation and by concern. Computed in the database by <see cref="DashboardQuery"/>.
/// </summary>
public sealed record DashboardFigures
{
    public required FiguresPeriod Period { get; init; }

    public required DashboardScope Scope { get; init; }

    /// <summary>
    /// All scope: every <see cref="FunnelStage"/> in enum order, the cohort being the referrals received in the period.
    /// Group scope: Placed, Joined, Started, Completed, Withdrawn, the cohort being the memberships of those groups placed in the period.
    /// </summary>
    public required IReadOnlyList<FunnelStep> Funnel { get; init; }

    /// <summary>The waiting list now; null for a group scope.</summary>
    public required WaitingNow? WaitingList { get; init; }

    /// <summary>The groups in scope not closed before the period began, by name.</summary>
    public required IReadOnlyList<GroupFill> Groups { get; init; }

    /// <summary>Every month the period touches, in order.</summary>
    public required IReadOnlyList<MonthAttendance> AttendanceByMonth { get; init; }

    /// <summary>The cohort by relation (every enum value, zeros included, in enum order, keyed by the enum name).</summary>
    public required IReadOnlyList<KeyValuePair<string, long>> ByRelation { get; init; }

    /// <summary>The cohort by concern (every enum value, zeros included, in enum order, keyed by the enum name).</summary>
    public required IReadOnlyList<KeyValuePair<string, long>> ByConcern { get; init; }
}
