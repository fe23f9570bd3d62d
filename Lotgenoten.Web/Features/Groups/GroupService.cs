using System.Security.Claims;
using FluentValidation;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Web.Features.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lotgenoten.Web.Features.Groups;

/// <summary>Texts of the group pages; see GroupTexts.resx.</summary>
public sealed class GroupTexts;

/// <summary>
/// Groups for coordinators: the list, a group's details, create and edit, facilitators, and status moves. Every write
/// checks the Coordinator role again from the principal passed in (a circuit keeps its user for its whole life), is
/// validated again here before the domain checks it a third time, records its audit event in the same SaveChanges, and
/// reports a stale <c>Version</c> as someone else's change instead of overwriting it. Facilitators may read their own
/// groups (and nothing else). One short-lived context per call.
/// </summary>
public sealed class GroupService(
    IDbContextFactory<LotgenotenDbContext> dbFactory,
    IValidator<GroupInput> validator,
    TimeProvider time,
    IStringLocalizer<GroupTexts> texts)
{
    private const string GroupEntity = "PeerGroup";
    private const string FacilitatorEntity = "GroupFacilitator";

    /// <summary>One page of groups (open ones first, then by name): all of them for coordinators, only their own (read-only) for facilitators.</summary>
    public async Task<GroupPage> ListAsync(ClaimsPrincipal user, GroupQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (isCoordinator, staffId) = await RequireReaderAsync(db, user, ct);

        var groups = db.Set<PeerGroup>().AsNoTracking();
        if (!isCoordinator)
        {
            groups = groups.Where(g => g.Facilitators.Any(f => f.StaffMemberId == staffId));
        }

        if (query.Status is { } status)
        {
            groups = groups.Where(g => g.Status == status);
        }

        if (query.Language is { } language)
        {
            groups = groups.Where(g => g.Language == language);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim().ToLowerInvariant();
            groups = groups.Where(g => g.Name.ToLower().Contains(search));
        }

        var total = await groups.CountAsync(ct);
        var size = Math.Clamp(query.PageSize, 1, GroupQuery.MaxPageSize);
        var page = Math.Max(query.Page, 0);
        var rows = await groups
            .OrderBy(g => g.Status == GroupStatus.Closed).ThenBy(g => g.Name).ThenBy(g => g.Id)
            .Skip(page * size).Take(size)
            .Select(g => new
            {
                g.Id,
                g.Name,
                g.Status,
                g.Audience,
                g.Language,
                g.Format,
                g.MaximumSize,
                Members = g.Memberships.Count(m => m.Status == MembershipStatus.Joined || m.Status == MembershipStatus.Active),
                Invited = g.Memberships.Count(m => m.Status == MembershipStatus.Invited),
                Facilitators = g.Facilitators.Select(f => f.StaffMemberId).ToList(),
            })
            .ToListAsync(ct);

        var ids = rows.Select(r => r.Id).ToList();
        var next = await NextMeetingsAsync(db, ids, ct);
        var names = await NamesAsync(db, rows.SelectMany(r => r.Facilitators), ct);
        return new GroupPage(
            rows.Select(r => new GroupRow(
                r.Id, r.Name, r.Status, r.Audience, r.Language, r.Format, r.Members, r.Invited, r.MaximumSize,
                Next(next, r.Id), Facilitators(r.Facilitators, names))).ToList(),
            total,
            isCoordinator);
    }

    /// <summary>A group's details and member counts; null when it does not exist. Facilitators only see their own groups.</summary>
    public async Task<GroupDetailView?> GetAsync(ClaimsPrincipal user, Guid groupId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (isCoordinator, staffId) = await RequireReaderAsync(db, user, ct);
        var group = await db.Set<PeerGroup>().AsNoTracking().Include(g => g.Facilitators).FirstOrDefaultAsync(g => g.Id == groupId, ct);
        if (group is null)
        {
            return isCoordinator ? null : throw new UnauthorizedAccessException("Facilitators see only their own groups.");
        }

        if (!isCoordinator && (staffId is not { } id || !group.IsFacilitatedBy(id)))
        {
            throw new UnauthorizedAccessException("Facilitators see only their own groups.");
        }

        var counts = await db.Set<PeerGroup>().AsNoTracking().Where(g => g.Id == groupId)
            .SelectMany(g => g.Memberships)
            .GroupBy(m => m.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        int Count(MembershipStatus status) => counts.FirstOrDefault(c => c.Status == status)?.Count ?? 0;
        var facilitatorIds = group.Facilitators.Select(f => f.StaffMemberId).ToList();
        var names = await NamesAsync(db, facilitatorIds, ct);
        var next = await NextMeetingsAsync(db, [groupId], ct);
        return new GroupDetailView(
            group.Id, group.Name, group.Audience, group.Language, group.Format, group.Region, group.Address, group.OnlineLink,
            group.MinimumToStart, group.MaximumSize, group.Status, group.StartedOn, group.ClosedOn, group.Version,
            new MemberCounts(
                Count(MembershipStatus.Invited), Count(MembershipStatus.Joined), Count(MembershipStatus.Active),
                Count(MembershipStatus.Completed), Count(MembershipStatus.Withdrawn)),
            Next(next, groupId),
            Facilitators(facilitatorIds, names),
            isCoordinator);
    }

    /// <summary>Active staff who can be assigned as facilitator, by display name (coordinators only).</summary>
    public async Task<IReadOnlyList<FacilitatorView>> GetAssignableStaffAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        RequireCoordinator(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var staff = await db.Set<StaffMember>().AsNoTracking()
            .Where(s => s.IsActive)
            .Select(s => new FacilitatorView(s.Id, s.DisplayName))
            .ToListAsync(ct);
        return staff.OrderBy(s => s.DisplayName, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    /// <summary>Creates a planned group.</summary>
    public async Task<GroupResult> CreateAsync(ClaimsPrincipal user, GroupInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var actor = RequireCoordinator(user);
        if (await ValidateAsync(input, ct) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        try
        {
            var group = PeerGroup.Create(input.ToDetails(), now);
            db.Add(group);
            db.Add(AuditEvent.Record(actor, AuditKind.GroupCreated, GroupEntity, group.Id.ToString(), now, group.Id));
            await db.SaveChangesAsync(ct);
            return GroupResult.Ok(group.Id);
        }
        catch (DomainException e)
        {
            return FromDomain(e);
        }
    }

    /// <summary>Changes a group's details, if nobody changed it since <paramref name="version"/>.</summary>
    public async Task<GroupResult> EditAsync(ClaimsPrincipal user, Guid groupId, int version, GroupInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        RequireCoordinator(user);
        if (await ValidateAsync(input, ct) is { } invalid)
        {
            return invalid;
        }

        return await ChangeAsync(groupId, version, ct, (_, group, _) => group.Edit(input.ToDetails()));
    }

    /// <summary>Assigns an active member of staff as (one of at most two) facilitators.</summary>
    public async Task<GroupResult> AssignFacilitatorAsync(ClaimsPrincipal user, Guid groupId, int version, Guid staffMemberId, CancellationToken ct)
    {
        var actor = RequireCoordinator(user);
        return await ChangeAsync(groupId, version, ct, (db, group, now) =>
        {
            var active = db.Set<StaffMember>().Any(s => s.Id == staffMemberId && s.IsActive);
            if (!active)
            {
                throw new DomainException("group.facilitator.inactive", "Only active staff can facilitate.");
            }

            group.AssignFacilitator(staffMemberId, now);
            db.Add(AuditEvent.Record(actor, AuditKind.FacilitatorAssigned, FacilitatorEntity, staffMemberId.ToString(), now, group.Id));
        });
    }

    /// <summary>Removes a facilitator (a recruiting or running group keeps at least one).</summary>
    public async Task<GroupResult> RemoveFacilitatorAsync(ClaimsPrincipal user, Guid groupId, int version, Guid staffMemberId, CancellationToken ct)
    {
        var actor = RequireCoordinator(user);
        return await ChangeAsync(groupId, version, ct, (db, group, now) =>
        {
            group.RemoveFacilitator(staffMemberId);
            db.Add(AuditEvent.Record(actor, AuditKind.FacilitatorRemoved, FacilitatorEntity, staffMemberId.ToString(), now, group.Id));
        });
    }

    /// <summary>Planned → Recruiting → Running → Closed, by the domain's rules. Closing completes members and withdraws open invitations.</summary>
    public async Task<GroupResult> ChangeStatusAsync(ClaimsPrincipal user, Guid groupId, int version, GroupStatusAction action, CancellationToken ct)
    {
        var actor = RequireCoordinator(user);
        return await ChangeAsync(groupId, version, ct, (db, group, now) =>
        {
            switch (action)
            {
                case GroupStatusAction.StartRecruiting:
                    group.StartRecruiting();
                    break;
                case GroupStatusAction.Start:
                    group.Start(now);
                    break;
                case GroupStatusAction.Close:
                    group.Close(now);
                    break;
                default:
                    throw new DomainException("group.transition", "Unknown status move.");
            }

            db.Add(AuditEvent.Record(actor, AuditKind.GroupStatusChanged, GroupEntity, group.Id.ToString(), now, group.Id));
        });
    }

    private async Task<GroupResult> ChangeAsync(Guid groupId, int version, CancellationToken ct, Action<LotgenotenDbContext, PeerGroup, DateTimeOffset> change)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var group = await db.Set<PeerGroup>().Include(g => g.Facilitators).Include(g => g.Memberships).AsSplitQuery()
            .FirstOrDefaultAsync(g => g.Id == groupId, ct);
        if (group is null)
        {
            return GroupResult.Failed(texts["Error_NotFound"]);
        }

        // The version the page showed: if someone changed the group since, SaveChanges finds no row and says so.
        if (group.Version != version)
        {
            return GroupResult.Conflicted(texts["Error_Conflict"]);
        }

        db.Entry(group).Property(g => g.Version).OriginalValue = version;
        try
        {
            change(db, group, time.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return GroupResult.Ok(group.Id);
        }
        catch (DomainException e)
        {
            return FromDomain(e);
        }
        catch (DbUpdateConcurrencyException)
        {
            return GroupResult.Conflicted(texts["Error_Conflict"]);
        }
    }

    private async Task<GroupResult?> ValidateAsync(GroupInput input, CancellationToken ct)
    {
        var result = await validator.ValidateAsync(input, ct);
        if (result.IsValid)
        {
            return null;
        }

        var fields = result.Errors
            .GroupBy(e => e.PropertyName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().ErrorMessage, StringComparer.Ordinal);
        return GroupResult.Invalid(texts["Error_Invalid"], fields);
    }

    /// <summary>A domain rule's code as a message in the user's language, on its field when it has one.</summary>
    private GroupResult FromDomain(DomainException e)
    {
        var key = "Error_" + e.Code.Replace('.', '_').Replace('-', '_');
        var text = texts[key];
        var message = text.ResourceNotFound ? texts["Error_Generic"].Value : text.Value;
        var field = e.Code switch
        {
            _ when e.Code.StartsWith("group.name", StringComparison.Ordinal) => nameof(GroupInput.Name),
            _ when e.Code.StartsWith("group.address", StringComparison.Ordinal) => nameof(GroupInput.Address),
            _ when e.Code.StartsWith("group.online-link", StringComparison.Ordinal) => nameof(GroupInput.OnlineLink),
            _ when e.Code.StartsWith("group.capacity", StringComparison.Ordinal) => nameof(GroupInput.MaximumSize),
            _ => null,
        };
        return field is null
            ? GroupResult.Failed(message)
            : GroupResult.Invalid(message, new Dictionary<string, string>(StringComparer.Ordinal) { [field] = message });
    }

    private async Task<Dictionary<Guid, DateTime>> NextMeetingsAsync(LotgenotenDbContext db, IReadOnlyCollection<Guid> groupIds, CancellationToken ct)
    {
        if (groupIds.Count == 0)
        {
            return [];
        }

        var now = time.GetUtcNow();
        var upcoming = await db.Set<Meeting>().AsNoTracking()
            .Where(m => groupIds.Contains(m.GroupId) && m.Status == MeetingStatus.Scheduled && m.StartsAt > now)
            .Select(m => new { m.GroupId, m.StartsAt, m.Date, m.StartTime })
            .ToListAsync(ct);
        return upcoming.GroupBy(m => m.GroupId)
            .Select(g => g.MinBy(m => m.StartsAt)!)
            .ToDictionary(m => m.GroupId, m => m.Date.ToDateTime(m.StartTime));
    }

    private static DateTime? Next(Dictionary<Guid, DateTime> next, Guid groupId) =>
        next.TryGetValue(groupId, out var local) ? local : null;

    private static async Task<Dictionary<Guid, string>> NamesAsync(LotgenotenDbContext db, IEnumerable<Guid> staffIds, CancellationToken ct)
    {
        var ids = staffIds.Distinct().ToList();
        return ids.Count == 0
            ? []
            : await db.Set<StaffMember>().AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, ct);
    }

    private static List<FacilitatorView> Facilitators(IEnumerable<Guid> ids, Dictionary<Guid, string> names) =>
        ids.Select(id => new FacilitatorView(id, names.GetValueOrDefault(id, "?")))
            .OrderBy(f => f.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ToList();

    /// <summary>The actor id (the staff object id) of a coordinator; anyone else is refused.</summary>
    private static string RequireCoordinator(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var objectId = user.FindFirstValue(AuthSchemes.StaffClaims.ObjectId);
        if (user.Identity?.IsAuthenticated != true || !user.IsInRole(AppRoles.Coordinator) || string.IsNullOrEmpty(objectId))
        {
            throw new UnauthorizedAccessException("This needs the Coordinator role.");
        }

        return objectId;
    }

    /// <summary>Coordinators read every group; facilitators only theirs (their staff id, looked up now).</summary>
    private static async Task<(bool IsCoordinator, Guid? StaffId)> RequireReaderAsync(LotgenotenDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated == true && user.IsInRole(AppRoles.Coordinator))
        {
            return (true, null);
        }

        if (user.Identity?.IsAuthenticated == true && user.IsInRole(AppRoles.Facilitator))
        {
            var objectId = user.FindFirstValue(AuthSchemes.StaffClaims.ObjectId);
            var staffId = objectId is null
                ? null
                : await db.Set<StaffMember>().AsNoTracking().Where(s => s.ObjectId == objectId && s.IsActive).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
            return (false, staffId ?? Guid.Empty);
        }

        throw new UnauthorizedAccessException("Only coordinators and facilitators see groups.");
    }
}
