using System.Security.Claims;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Infrastructure.Retention;
using Lotgenoten.Web.Features.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Web.Features.Audit;

/// <summary>
/// The coordinators' audit log: filter, sort and page in the database, names instead of ids where the portal knows them.
/// Every call checks the Coordinator role again (a circuit keeps its user); <see cref="OpenAsync"/> records that the log
/// was viewed, once per page load, in the same SaveChanges that nothing else shares. Read-only: the audit log never
/// changes or deletes an event (only the retention job deletes old ones). One short-lived context per call.
/// </summary>
public sealed class AuditLogService(
    IDbContextFactory<LotgenotenDbContext> dbFactory,
    TimeProvider time,
    IOptions<RetentionOptions> retention,
    IStringLocalizer<AuditTexts> texts)
{
    /// <summary>The entity type of the "audit log viewed" event.</summary>
    public const string AuditLogEntity = "AuditLog";

    /// <summary>The entity id of the "audit log viewed" event (the page, not a record).</summary>
    public const string AuditLogViewId = "view";

    /// <summary>
    /// Opens the log for a coordinator: records an <see cref="AuditKind.AuditLogViewed"/> event and returns what the
    /// filters offer (staff by name, groups by name, the entity types that occur).
    /// </summary>
    public async Task<AuditLogChoices> OpenAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var actor = RequireCoordinator(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Add(AuditEvent.Record(actor, AuditKind.AuditLogViewed, AuditLogEntity, AuditLogViewId, time.GetUtcNow()));
        await db.SaveChangesAsync(ct);

        var staff = await db.Set<StaffMember>().AsNoTracking()
            .OrderBy(s => s.DisplayName).ThenBy(s => s.ObjectId)
            .Select(s => new AuditActorChoice(s.ObjectId, s.DisplayName))
            .ToListAsync(ct);
        var groups = await db.Set<PeerGroup>().AsNoTracking()
            .OrderBy(g => g.Name).ThenBy(g => g.Id)
            .Select(g => new AuditGroupChoice(g.Id, g.Name))
            .ToListAsync(ct);
        var types = await db.Set<AuditEvent>().AsNoTracking().Select(a => a.EntityType).Distinct().ToListAsync(ct);
        return new AuditLogChoices(
            [.. staff, new AuditActorChoice(RetentionJob.SystemActor, texts["Actor_System"])],
            groups,
            [.. types.Order(StringComparer.Ordinal)],
            retention.Value.AuditMonths);
    }

    /// <summary>One page of events that match the filters, newest first (or oldest first when asked).</summary>
    public async Task<AuditLogResult> SearchAsync(ClaimsPrincipal user, AuditLogQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        RequireCoordinator(user);
        if (query.From is { } f && query.To is { } t && f > t)
        {
            return new AuditLogResult([], 0, texts["Error_Range"]);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var events = db.Set<AuditEvent>().AsNoTracking();
        if (query.From is { } from)
        {
            var start = BrusselsTime.StartOfDay(from);
            events = events.Where(a => a.OccurredAt >= start);
        }

        if (query.To is { } to && to < DateOnly.MaxValue)
        {
            var end = BrusselsTime.StartOfDay(to.AddDays(1));
            events = events.Where(a => a.OccurredAt < end);
        }

        if (query.Kinds is { Count: > 0 } kinds)
        {
            var list = kinds.Distinct().ToList();
            events = events.Where(a => list.Contains(a.Kind));
        }

        if (!string.IsNullOrEmpty(query.ActorId))
        {
            events = events.Where(a => a.ActorId == query.ActorId);
        }

        if (query.GroupId is { } groupId)
        {
            events = events.Where(a => a.GroupId == groupId);
        }

        if (!string.IsNullOrEmpty(query.EntityType))
        {
            events = events.Where(a => a.EntityType == query.EntityType);
        }

        var total = await events.CountAsync(ct);
        var size = Math.Clamp(query.PageSize, 1, AuditLogQuery.MaxPageSize);
        var page = Math.Max(query.Page, 0);
        var ordered = query.Ascending
            ? events.OrderBy(a => a.OccurredAt).ThenBy(a => a.Id)
            : events.OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id);
        var rows = await ordered.Skip(page * size).Take(size).ToListAsync(ct);

        var actorIds = rows.Select(r => r.ActorId).Distinct().ToList();
        var staff = await db.Set<StaffMember>().AsNoTracking()
            .Where(s => actorIds.Contains(s.ObjectId))
            .Select(s => new { s.ObjectId, s.DisplayName })
            .ToDictionaryAsync(s => s.ObjectId, s => s.DisplayName, ct);
        var participants = (await db.Set<ParticipantUser>().AsNoTracking()
            .Where(u => actorIds.Contains(u.Id))
            .Select(u => u.Id)
            .ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var groupIds = rows.Where(r => r.GroupId != null).Select(r => r.GroupId!.Value).Distinct().ToList();
        var groups = await db.Set<PeerGroup>().AsNoTracking()
            .Where(g => groupIds.Contains(g.Id))
            .Select(g => new { g.Id, g.Name })
            .ToDictionaryAsync(g => g.Id, g => g.Name, ct);

        return new AuditLogResult(
            [.. rows.Select(r =>
            {
                var (kind, name) = Actor(r.ActorId, staff, participants);
                return new AuditLogRow(
                    r.Id, r.OccurredAt, BrusselsTime.ToLocal(r.OccurredAt), r.ActorId, kind, name, r.Kind, r.EntityType, r.EntityId,
                    ShortId(r.EntityId), Link(r.EntityType, r.EntityId, r.GroupId), r.GroupId,
                    r.GroupId is { } g && groups.TryGetValue(g, out var groupName) ? groupName : null);
            })],
            total);
    }

    /// <summary>
    /// A record id as the log shows it: a GUID's last eight characters (version 7 ids share their first ones for a while:
    /// they hold the time), other ids as they are (at most 24 characters).
    /// </summary>
    public static string ShortId(string entityId)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        if (Guid.TryParse(entityId, out var id))
        {
            return id.ToString("N")[^8..];
        }

        return entityId.Length > 24 ? entityId[..23] + "…" : entityId;
    }

    /// <summary>The coordinator's page of a record, where one exists.</summary>
    public static string? Link(string entityType, string entityId, Guid? groupId)
    {
        if (!Guid.TryParse(entityId, out var id))
        {
            return null;
        }

        return entityType switch
        {
            "PeerGroup" => $"/groepen/{id}",
            "Referral" => $"/doorverwijzingen/{id}",
            "Meeting" when groupId is { } g => $"/groepen/{g}/bijeenkomsten/{id}",
            _ => null,
        };
    }

    private (AuditActorKind Kind, string Name) Actor(string actorId, Dictionary<string, string> staff, HashSet<string> participants)
    {
        if (staff.TryGetValue(actorId, out var name))
        {
            return (AuditActorKind.Staff, name);
        }

        if (participants.Contains(actorId)
            || actorId is MyAccount.MyAccountService.ParticipantActor or MyAccount.MyAccountService.ErasedActor)
        {
            return (AuditActorKind.Participant, texts["Actor_Participant"]);
        }

        if (string.Equals(actorId, RetentionJob.SystemActor, StringComparison.Ordinal))
        {
            return (AuditActorKind.System, texts["Actor_System"]);
        }

        return (AuditActorKind.Unknown, actorId);
    }

    private static string RequireCoordinator(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var objectId = user.FindFirstValue(AuthSchemes.StaffClaims.ObjectId);
        if (user.Identity?.IsAuthenticated != true || !user.IsInRole(AppRoles.Coordinator) || string.IsNullOrEmpty(objectId))
        {
            throw new UnauthorizedAccessException("The audit log needs the Coordinator role.");
        }

        return objectId;
    }
}
