using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Figures;

namespace Lotgenoten.Web.Features.Dashboard;

/// <summary>Texts of the lists behind the dashboard's figures; see DashboardListTexts.resx.</summary>
public sealed class DashboardListTexts;

/// <summary>
/// Which list behind a dashboard figure, read from its address (<see cref="DashboardLinks"/>): a funnel stage of a period
/// (optionally of one relation or concern, or — for a facilitator — one of their groups), or the meetings held in a
/// period (optionally of one group).
/// </summary>
/// <param name="Kind">What is listed.</param>
/// <param name="Period">The period (whole days in Brussels).</param>
/// <param name="Stage">The funnel stage (a <see cref="DashboardListKind.Stage"/> list only).</param>
/// <param name="Relation">Only referrals (or memberships of referrals) of this relation.</param>
/// <param name="Concern">Only referrals (or memberships of referrals) of this concern.</param>
/// <param name="GroupId">Only this group (meetings; a facilitator's memberships). Must be in the user's scope.</param>
public sealed record DashboardListRequest(
    DashboardListKind Kind,
    FiguresPeriod Period,
    FunnelStage? Stage = null,
    Relation? Relation = null,
    Concern? Concern = null,
    Guid? GroupId = null);

/// <summary>Why a list cannot be shown (each has a localized message <c>Problem_{name}</c>).</summary>
public enum DashboardListProblem
{
    /// <summary>The <c>list</c> in the address is not a kind of list.</summary>
    UnknownList,

    /// <summary>A stage list without a stage, or with one that is not a <see cref="FunnelStage"/>.</summary>
    UnknownStage,

    /// <summary>The <c>relation</c> in the address is not a relation.</summary>
    UnknownRelation,

    /// <summary>The <c>concern</c> in the address is not a concern.</summary>
    UnknownConcern,

    /// <summary>The <c>group</c> in the address is not a group's id, or no such group exists.</summary>
    UnknownGroup,

    /// <summary>The period is inverted or outside the years the portal holds.</summary>
    InvalidPeriod,

    /// <summary>A facilitator asked for a stage before placement (received, intake, waiting, declined, unreachable).</summary>
    StageNotForGroups,

    /// <summary>A facilitator asked for a group that is not theirs.</summary>
    GroupNotInScope,
}

/// <summary>How a list may be sorted (the grid's columns); <see cref="Default"/> is each list's own order.</summary>
public enum DashboardListSort
{
    Default,
    Reference,
    ReceivedOn,
    Relation,
    Concern,
    Language,
    Region,
    Status,
    Group,
    PlacedAt,
    JoinedAt,
    FirstAttendedAt,
    Date,
}

/// <summary>A page of a list: the sort, the page (from 0) and its size (at most <see cref="MaxPageSize"/>).</summary>
public sealed record DashboardListPaging(DashboardListSort Sort = DashboardListSort.Default, bool Descending = false, int Page = 0, int PageSize = 25)
{
    public const int MaxPageSize = 50;
}

/// <summary>
/// What a user is about to see: whether the list is the coordinators' (referrals) or a group scope's (memberships),
/// the name of the group filtered on, or why the list cannot be shown.
/// </summary>
/// <param name="IsAll">A coordinator's view (everything); false for a facilitator's own groups.</param>
/// <param name="Problem">Why there are no rows to show; null when the list can be shown.</param>
/// <param name="GroupName">The name of the group filtered on, when there is one the user may see.</param>
public sealed record DashboardListView(bool IsAll, DashboardListProblem? Problem, string? GroupName);

/// <summary>One page of rows and the number of rows in the whole list (the figure behind it).</summary>
public sealed record DashboardListPage<TRow>(DashboardListProblem? Problem, int Total, IReadOnlyList<TRow> Rows)
{
    public static DashboardListPage<TRow> Refused(DashboardListProblem problem) => new(problem, 0, []);
}

/// <summary>A referral behind a coordinator's figure. Never an e-mail address or a remark.</summary>
public sealed record DashboardReferralRow(
    Guid Id,
    string Reference,
    DateOnly ReceivedOn,
    Relation Relation,
    Concern Concern,
    Language Language,
    Region Region,
    ReferralStatus Status,
    Guid? GroupId,
    string? GroupName);

/// <summary>A membership behind a facilitator's figure: the group and the pseudonym, never the referral's details.</summary>
/// <param name="Pseudonym">Null when the relative has not joined yet, or when the account was erased (<paramref name="Erased"/>).</param>
public sealed record DashboardMembershipRow(
    Guid Id,
    Guid GroupId,
    string GroupName,
    string? Pseudonym,
    bool Erased,
    DateTimeOffset PlacedAt,
    DateTimeOffset? JoinedAt,
    DateTimeOffset? FirstAttendedAt,
    MembershipStatus Status);

/// <summary>A meeting held in the period, with its attendances (present + late) and the members expected at it.</summary>
public sealed record DashboardMeetingRow(
    Guid Id,
    Guid GroupId,
    string GroupName,
    DateOnly Date,
    TimeOnly StartTime,
    int Attendances,
    int Expected)
{
    /// <summary>The meeting's register (attendance).</summary>
    public string Href => $"/groepen/{GroupId}/bijeenkomsten/{Id}";
}
