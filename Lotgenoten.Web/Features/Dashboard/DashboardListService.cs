using System.Linq.Expressions;
using System.Security.Claims;
using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Figures;
using Microsoft.EntityFrameworkCore;

namespace Lotgenoten.Web.Features.Dashboard;

/// <summary>
/// The lists behind the dashboard's figures. Who is behind a figure is defined once, by <see cref="DashboardQuery"/>
/// (<see cref="DashboardQuery.ReferralsAt"/>, <see cref="DashboardQuery.MembershipsAt"/>,
/// <see cref="DashboardQuery.HeldMeetings"/>), so a list's count is the figure's. Every call looks up the caller's scope
/// again (<see cref="DashboardAccess.ScopeAsync"/>: a circuit keeps its user), checks the group asked for against it
/// (a facilitator never sees another group's rows, whatever the address says), opens one short-lived context, and pages
/// and sorts in the database.
/// </summary>
public sealed class DashboardListService(IDbContextFactory<LotgenotenDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Today in Brussels.</summary>
    public DateOnly Today => BrusselsTime.Today(time.GetUtcNow());

    /// <summary>The period when the address has none: this year up to today.</summary>
    public FiguresPeriod DefaultPeriod => new(new DateOnly(Today.Year, 1, 1), Today);

    /// <summary>
    /// Reads a list's address (the names of <see cref="DashboardLinks"/>). A missing list is a stage list; a missing or
    /// unreadable date falls back to this year up to today; anything else that cannot be read is a problem to show.
    /// </summary>
    public (DashboardListRequest Request, DashboardListProblem? Problem) Parse(
        string? list, string? stage, string? from, string? to, string? relation, string? concern, string? group)
    {
        var fallback = DefaultPeriod;
        var period = new FiguresPeriod(DashboardLinks.ParseDate(from) ?? fallback.From, DashboardLinks.ParseDate(to) ?? fallback.To);
        var kind = string.IsNullOrEmpty(list) ? DashboardListKind.Stage : DashboardLinks.ParseEnum<DashboardListKind>(list);
        var parsedStage = DashboardLinks.ParseEnum<FunnelStage>(stage);
        var parsedRelation = DashboardLinks.ParseEnum<Relation>(relation);
        var parsedConcern = DashboardLinks.ParseEnum<Concern>(concern);
        Guid? groupId = Guid.TryParseExact(group, "D", out var g) ? g : null;
        var request = new DashboardListRequest(kind ?? DashboardListKind.Stage, period, parsedStage, parsedRelation, parsedConcern, groupId);
        DashboardListProblem? problem =
            kind is null ? DashboardListProblem.UnknownList
            : kind == DashboardListKind.Stage && parsedStage is null ? DashboardListProblem.UnknownStage
            : !string.IsNullOrEmpty(relation) && parsedRelation is null ? DashboardListProblem.UnknownRelation
            : !string.IsNullOrEmpty(concern) && parsedConcern is null ? DashboardListProblem.UnknownConcern
            : !string.IsNullOrEmpty(group) && groupId is null ? DashboardListProblem.UnknownGroup
            : !period.IsValid ? DashboardListProblem.InvalidPeriod
            : null;
        return (request, problem);
    }

    /// <summary>
    /// What <paramref name="user"/> will see for <paramref name="request"/>: a coordinator's list of referrals or a
    /// facilitator's list of memberships, the name of the group asked for, or why nothing can be shown.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">Neither a coordinator nor a facilitator (checked in the database).</exception>
    public async Task<DashboardListView> OpenAsync(ClaimsPrincipal user, DashboardListRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await DashboardAccess.ScopeAsync(db, user, ct);
        var problem = Check(scope, request);
        string? groupName = null;
        if (problem is null && UsesGroup(scope, request) && request.GroupId is { } groupId)
        {
            groupName = await db.Set<PeerGroup>().AsNoTracking().Where(x => x.Id == groupId).Select(x => x.Name).FirstOrDefaultAsync(ct);
            problem = groupName is null ? DashboardListProblem.UnknownGroup : null;
        }

        return new DashboardListView(scope.IsAll, problem, groupName);
    }

    /// <summary>
    /// A coordinator's stage list: the referrals received in the period that reached the stage (as the funnel counts
    /// them), optionally of one relation or concern.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">Not a coordinator.</exception>
    public async Task<DashboardListPage<DashboardReferralRow>> ReferralsAsync(
        ClaimsPrincipal user, DashboardListRequest request, DashboardListPaging paging, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(paging);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await DashboardAccess.ScopeAsync(db, user, ct);
        if (!scope.IsAll)
        {
            throw new UnauthorizedAccessException("The referrals behind a figure are for coordinators.");
        }

        if (request.Kind != DashboardListKind.Stage)
        {
            return DashboardListPage<DashboardReferralRow>.Refused(DashboardListProblem.UnknownList);
        }

        if (Check(scope, request) is { } problem)
        {
            return DashboardListPage<DashboardReferralRow>.Refused(problem);
        }

        var referrals = DashboardQuery.ReferralsAt(db, request.Period, request.Stage!.Value, time.GetUtcNow()).AsNoTracking();
        if (request.Relation is { } relation)
        {
            referrals = referrals.Where(r => r.Relation == relation);
        }

        if (request.Concern is { } concern)
        {
            referrals = referrals.Where(r => r.Concern == concern);
        }

        var total = await referrals.CountAsync(ct);
        var groups = db.Set<PeerGroup>().AsNoTracking();
        var (page, size) = Window(paging);
        var rows = await SortReferrals(referrals, paging)
            .Skip(page * size).Take(size)
            .Select(r => new DashboardReferralRow(
                r.Id, r.Reference, r.ReceivedOn, r.Relation, r.Concern, r.Language, r.Region, r.Status, r.PlacedGroupId,
                groups.Where(x => x.Id == r.PlacedGroupId).Select(x => x.Name).FirstOrDefault()))
            .ToListAsync(ct);
        return new DashboardListPage<DashboardReferralRow>(null, total, rows);
    }

    /// <summary>
    /// A facilitator's stage list: the memberships of their groups (or of one of them) placed in the period that reached
    /// the stage, optionally of referrals of one relation or concern. Only the group and the pseudonym are shown.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">Not a facilitator (a coordinator's stage list is of referrals).</exception>
    public async Task<DashboardListPage<DashboardMembershipRow>> MembershipsAsync(
        ClaimsPrincipal user, DashboardListRequest request, DashboardListPaging paging, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(paging);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await DashboardAccess.ScopeAsync(db, user, ct);
        if (scope.GroupIds is not { } own)
        {
            throw new UnauthorizedAccessException("A coordinator's stage list is of referrals.");
        }

        if (request.Kind != DashboardListKind.Stage)
        {
            return DashboardListPage<DashboardMembershipRow>.Refused(DashboardListProblem.UnknownList);
        }

        if (Check(scope, request) is { } problem)
        {
            return DashboardListPage<DashboardMembershipRow>.Refused(problem);
        }

        IReadOnlyList<Guid> groupIds = request.GroupId is { } one ? [one] : own;
        var memberships = DashboardQuery.MembershipsAt(db, request.Period, groupIds, request.Stage!.Value, time.GetUtcNow()).AsNoTracking();

        // Defence in depth: whatever the query is given, only the caller's own groups.
        var ownIds = own.ToArray();
        memberships = memberships.Where(m => ownIds.Contains(m.GroupId));
        var referrals = db.Set<Referral>().AsNoTracking();
        if (request.Relation is { } relation)
        {
            memberships = memberships.Where(m => referrals.Any(r => r.Id == m.ReferralId && r.Relation == relation));
        }

        if (request.Concern is { } concern)
        {
            memberships = memberships.Where(m => referrals.Any(r => r.Id == m.ReferralId && r.Concern == concern));
        }

        var total = await memberships.CountAsync(ct);
        var groups = db.Set<PeerGroup>().AsNoTracking();
        var (page, size) = Window(paging);
        var rows = await SortMemberships(memberships, groups, paging)
            .Skip(page * size).Take(size)
            .Select(m => new DashboardMembershipRow(
                m.Id, m.GroupId, groups.Where(x => x.Id == m.GroupId).Select(x => x.Name).First(),
                m.Pseudonym, m.ErasedAt != null, m.PlacedAt, m.JoinedAt, m.FirstAttendedAt, m.Status))
            .ToListAsync(ct);
        return new DashboardListPage<DashboardMembershipRow>(null, total, rows);
    }

    /// <summary>
    /// The meetings held in the period of the caller's scope (or of one group in it), each with its attendances (present
    /// and late) and the members expected at it (as the annual figure counts them).
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">Neither a coordinator nor a facilitator.</exception>
    public async Task<DashboardListPage<DashboardMeetingRow>> MeetingsAsync(
        ClaimsPrincipal user, DashboardListRequest request, DashboardListPaging paging, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(paging);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await DashboardAccess.ScopeAsync(db, user, ct);
        if (request.Kind != DashboardListKind.Meetings)
        {
            return DashboardListPage<DashboardMeetingRow>.Refused(DashboardListProblem.UnknownList);
        }

        if (Check(scope, request) is { } problem)
        {
            return DashboardListPage<DashboardMeetingRow>.Refused(problem);
        }

        var shown = request.GroupId is { } one ? DashboardScope.Groups([one]) : scope;
        var meetings = DashboardQuery.HeldMeetings(db, request.Period, shown).AsNoTracking();
        if (scope.GroupIds is { } own)
        {
            var ownIds = own.ToArray();
            meetings = meetings.Where(m => ownIds.Contains(m.GroupId));
        }

        var total = await meetings.CountAsync(ct);
        var groups = db.Set<PeerGroup>().AsNoTracking();
        var attendance = db.Set<AttendanceRecord>().AsNoTracking();
        var memberships = db.Set<Membership>().AsNoTracking();
        var (page, size) = Window(paging);
        var rows = await SortMeetings(meetings, groups, paging)
            .Skip(page * size).Take(size)
            .Select(m => new DashboardMeetingRow(
                m.Id, m.GroupId, groups.Where(x => x.Id == m.GroupId).Select(x => x.Name).First(), m.Date, m.StartTime,
                attendance.Count(a => a.MeetingId == m.Id && (a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Late)),

                // Expected as FiguresQuery counts ExpectedAttendances: the members joined before the meeting ended and not gone before it started.
                memberships.Count(ms => ms.GroupId == m.GroupId && ms.JoinedAt != null && ms.JoinedAt <= m.EndsAt
                    && (ms.EndedAt == null || ms.EndedAt >= m.StartsAt))))
            .ToListAsync(ct);
        return new DashboardListPage<DashboardMeetingRow>(null, total, rows);
    }

    /// <summary>Whether the request's group filter applies for this scope (meetings; a facilitator's memberships).</summary>
    private static bool UsesGroup(DashboardScope scope, DashboardListRequest request) =>
        request.Kind == DashboardListKind.Meetings || !scope.IsAll;

    /// <summary>The object-level checks: a stage a group scope has, a group in the scope, a valid period.</summary>
    private static DashboardListProblem? Check(DashboardScope scope, DashboardListRequest request)
    {
        if (!request.Period.IsValid)
        {
            return DashboardListProblem.InvalidPeriod;
        }

        if (request.Kind == DashboardListKind.Stage)
        {
            if (request.Stage is not { } stage || !Enum.IsDefined(stage))
            {
                return DashboardListProblem.UnknownStage;
            }

            if (!scope.IsAll && !DashboardQuery.GroupStages.Contains(stage))
            {
                return DashboardListProblem.StageNotForGroups;
            }
        }

        if (scope.GroupIds is { } own && UsesGroup(scope, request) && request.GroupId is { } groupId && !own.Contains(groupId))
        {
            return DashboardListProblem.GroupNotInScope;
        }

        return null;
    }

    private static (int Page, int Size) Window(DashboardListPaging paging) =>
        (Math.Max(paging.Page, 0), Math.Clamp(paging.PageSize, 1, DashboardListPaging.MaxPageSize));

    private static IQueryable<Referral> SortReferrals(IQueryable<Referral> referrals, DashboardListPaging paging) => paging.Sort switch
    {
        DashboardListSort.Reference => By(referrals, r => r.Reference, paging.Descending).ThenBy(r => r.Id),
        DashboardListSort.Relation => By(referrals, r => r.Relation, paging.Descending).ThenBy(r => r.ReceivedOn).ThenBy(r => r.Id),
        DashboardListSort.Concern => By(referrals, r => r.Concern, paging.Descending).ThenBy(r => r.ReceivedOn).ThenBy(r => r.Id),
        DashboardListSort.Language => By(referrals, r => r.Language, paging.Descending).ThenBy(r => r.ReceivedOn).ThenBy(r => r.Id),
        DashboardListSort.Region => By(referrals, r => r.Region, paging.Descending).ThenBy(r => r.ReceivedOn).ThenBy(r => r.Id),
        DashboardListSort.Status => By(referrals, r => r.Status, paging.Descending).ThenBy(r => r.ReceivedOn).ThenBy(r => r.Id),
        _ => By(referrals, r => r.ReceivedOn, paging.Descending).ThenBy(r => r.Reference).ThenBy(r => r.Id),
    };

    private static IQueryable<Membership> SortMemberships(IQueryable<Membership> memberships, IQueryable<PeerGroup> groups, DashboardListPaging paging) =>
        paging.Sort switch
        {
            DashboardListSort.Group => By(memberships, m => groups.Where(g => g.Id == m.GroupId).Select(g => g.Name).First(), paging.Descending)
                .ThenBy(m => m.PlacedAt).ThenBy(m => m.Id),
            DashboardListSort.JoinedAt => By(memberships, m => m.JoinedAt, paging.Descending).ThenBy(m => m.PlacedAt).ThenBy(m => m.Id),
            DashboardListSort.FirstAttendedAt => By(memberships, m => m.FirstAttendedAt, paging.Descending).ThenBy(m => m.PlacedAt).ThenBy(m => m.Id),
            DashboardListSort.Status => By(memberships, m => m.Status, paging.Descending).ThenBy(m => m.PlacedAt).ThenBy(m => m.Id),
            _ => By(memberships, m => m.PlacedAt, paging.Descending).ThenBy(m => m.Id),
        };

    private static IQueryable<Meeting> SortMeetings(IQueryable<Meeting> meetings, IQueryable<PeerGroup> groups, DashboardListPaging paging) =>
        paging.Sort switch
        {
            DashboardListSort.Group => By(meetings, m => groups.Where(g => g.Id == m.GroupId).Select(g => g.Name).First(), paging.Descending)
                .ThenBy(m => m.Date).ThenBy(m => m.StartTime).ThenBy(m => m.Id),
            _ => paging.Descending
                ? meetings.OrderByDescending(m => m.Date).ThenByDescending(m => m.StartTime).ThenBy(m => m.Id)
                : meetings.OrderBy(m => m.Date).ThenBy(m => m.StartTime).ThenBy(m => m.Id),
        };

    private static IOrderedQueryable<T> By<T, TKey>(IQueryable<T> source, Expression<Func<T, TKey>> key, bool descending) =>
        descending ? source.OrderByDescending(key) : source.OrderBy(key);
}
