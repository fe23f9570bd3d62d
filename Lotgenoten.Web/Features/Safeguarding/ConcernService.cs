using System.Security.Claims;
using System.Security.Cryptography;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Notes;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Web.Features.Account;
using Lotgenoten.Web.Features.Notes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lotgenoten.Web.Features.Safeguarding;

/// <summary>
/// The coordinators' safeguarding queue: the concerns that wait (open and in progress, oldest first) and those handled;
/// opening one (the flagged note's text is read: ConcernRead and NoteRead events), taking it (ConcernTaken) and closing
/// it with what was done (protected with <see cref="ProtectionPurposes.ConcernAction"/>; ConcernHandled). Coordinators
/// only, checked on every call. Nothing here deletes anything: a concern stays, open or handled.
/// </summary>
public sealed class ConcernService(
    IDbContextFactory<LotgenotenDbContext> dbFactory,
    IFieldProtector protector,
    TimeProvider time,
    IStringLocalizer<SafeguardingTexts> texts,
    ConcernNotifier notifier)
{
    /// <summary>The audit trail's entity type of concerns.</summary>
    public const string ConcernEntity = "SafeguardingConcern";

    /// <summary>The longest "what was done" text.</summary>
    public const int ActionMaxLength = 4000;

    /// <summary>How many concerns wait for a coordinator (open or in progress): the navigation badge.</summary>
    public async Task<int> CountWaitingAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        RequireCoordinator(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<SafeguardingConcern>().CountAsync(c => c.Status != ConcernStatus.Handled, ct);
    }

    /// <summary>Every concern that waits (open or in progress), oldest first.</summary>
    public async Task<IReadOnlyList<ConcernRow>> ListWaitingAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        RequireCoordinator(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var concerns = await db.Set<SafeguardingConcern>().AsNoTracking()
            .Where(c => c.Status != ConcernStatus.Handled)
            .ToListAsync(ct);
        return await RowsAsync(db, [.. concerns.OrderBy(c => c.RaisedAt).ThenBy(c => c.Id)], ct);
    }

    /// <summary>One page of handled concerns, most recently handled first.</summary>
    public async Task<HandledConcernPage> ListHandledAsync(ClaimsPrincipal user, int page, int pageSize, CancellationToken ct)
    {
        RequireCoordinator(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var handled = db.Set<SafeguardingConcern>().AsNoTracking().Where(c => c.Status == ConcernStatus.Handled);
        var total = await handled.CountAsync(ct);
        var size = Math.Clamp(pageSize, 1, 50);
        var concerns = await handled.OrderByDescending(c => c.HandledAt).ThenBy(c => c.Id)
            .Skip(Math.Max(page, 0) * size).Take(size).ToListAsync(ct);
        return new HandledConcernPage(await RowsAsync(db, concerns, ct), total);
    }

    /// <summary>
    /// Opens a concern: the flagged note's text, the meeting and the member it is about, and what was done. The read
    /// writes a ConcernRead and a NoteRead event. Null when there is no such concern.
    /// </summary>
    public async Task<ConcernDetail?> OpenAsync(ClaimsPrincipal user, Guid concernId, CancellationToken ct)
    {
        var actor = RequireCoordinator(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var concern = await db.Set<SafeguardingConcern>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == concernId, ct);
        if (concern is null)
        {
            return null;
        }

        var note = await db.Set<FacilitatorNote>().AsNoTracking().SingleAsync(n => n.Id == concern.NoteId, ct);
        var meetingDate = note.MeetingId is { } meetingId
            ? await db.Set<Meeting>().AsNoTracking().Where(m => m.Id == meetingId).Select(m => (DateOnly?)m.Date).FirstOrDefaultAsync(ct)
            : null;
        var pseudonym = note.MembershipId is { } membershipId
            ? await db.Set<Membership>().AsNoTracking().Where(m => m.Id == membershipId).Select(m => m.Pseudonym).FirstOrDefaultAsync(ct)
                ?? texts["Member_Former"]
            : null;

        var now = time.GetUtcNow();
        db.Add(AuditEvent.Record(actor, AuditKind.ConcernRead, ConcernEntity, concern.Id.ToString(), now, concern.GroupId));
        var noteText = string.Empty;
        if (note.TextCiphertext is { } ciphertext)
        {
            noteText = Unprotect(ProtectionPurposes.NoteText, ciphertext);
            db.Add(AuditEvent.Record(actor, AuditKind.NoteRead, NoteService.NoteEntity, note.Id.ToString(), now, concern.GroupId));
        }

        var action = concern.ActionCiphertext is { } actionCiphertext ? Unprotect(ProtectionPurposes.ConcernAction, actionCiphertext) : null;
        await db.SaveChangesAsync(ct);
        var row = (await RowsAsync(db, [concern], ct))[0];
        return new ConcernDetail(row, noteText, note.ErasedAt is not null, meetingDate, pseudonym, action, concern.TakenBy == actor);
    }

    /// <summary>Takes an open concern: this coordinator follows it up (ConcernTaken).</summary>
    public async Task<ConcernResult> TakeAsync(ClaimsPrincipal user, Guid concernId, int version, CancellationToken ct)
    {
        var actor = RequireCoordinator(user);
        return await ChangeAsync(concernId, version, ct, (db, concern, now) =>
        {
            concern.Take(actor, now);
            db.Add(AuditEvent.Record(actor, AuditKind.ConcernTaken, ConcernEntity, concern.Id.ToString(), now, concern.GroupId));
        });
    }

    /// <summary>Records what was done and closes the concern (ConcernHandled). The text is required and protected.</summary>
    public async Task<ConcernResult> HandleAsync(ClaimsPrincipal user, Guid concernId, int version, string? whatWasDone, CancellationToken ct)
    {
        var actor = RequireCoordinator(user);
        string action;
        try
        {
            action = Text.Required(whatWasDone, ActionMaxLength, "concern.action", allowLineBreaks: true);
        }
        catch (DomainException e)
        {
            return ConcernResult.Failed(Message(e));
        }

        return await ChangeAsync(concernId, version, ct, (db, concern, now) =>
        {
            concern.Handle(protector.Protect(ProtectionPurposes.ConcernAction, action), actor, now);
            db.Add(AuditEvent.Record(actor, AuditKind.ConcernHandled, ConcernEntity, concern.Id.ToString(), now, concern.GroupId));
        });
    }

    private async Task<ConcernResult> ChangeAsync(
        Guid concernId, int version, CancellationToken ct, Action<LotgenotenDbContext, SafeguardingConcern, DateTimeOffset> change)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var concern = await db.Set<SafeguardingConcern>().FirstOrDefaultAsync(c => c.Id == concernId, ct);
        if (concern is null)
        {
            return ConcernResult.Failed(texts["Error_NotFound"]);
        }

        if (concern.Version != version)
        {
            return ConcernResult.Conflicted(texts["Error_Conflict"]);
        }

        db.Entry(concern).Property(c => c.Version).OriginalValue = version;
        try
        {
            change(db, concern, time.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException e)
        {
            return ConcernResult.Failed(Message(e));
        }
        catch (DbUpdateConcurrencyException)
        {
            return ConcernResult.Conflicted(texts["Error_Conflict"]);
        }

        notifier.Notify();
        return ConcernResult.Ok(concern.Version);
    }

    private async Task<IReadOnlyList<ConcernRow>> RowsAsync(LotgenotenDbContext db, IReadOnlyList<SafeguardingConcern> concerns, CancellationToken ct)
    {
        if (concerns.Count == 0)
        {
            return [];
        }

        var groupIds = concerns.Select(c => c.GroupId).Distinct().ToList();
        var groups = await db.Set<PeerGroup>().AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var noteIds = concerns.Select(c => c.NoteId).ToList();
        var kinds = await db.Set<FacilitatorNote>().AsNoTracking().Where(n => noteIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, n => n.Kind, ct);
        var actors = concerns.SelectMany(c => new[] { c.RaisedBy, c.TakenBy, c.HandledBy }).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var names = await db.Set<StaffMember>().AsNoTracking().Where(s => actors.Contains(s.ObjectId))
            .ToDictionaryAsync(s => s.ObjectId, s => s.DisplayName, StringComparer.Ordinal, ct);
        string Name(string? id) => id is null ? string.Empty : names.GetValueOrDefault(id, texts["Staff_Unknown"]);
        return concerns.Select(c => new ConcernRow(
            c.Id, c.GroupId, groups.GetValueOrDefault(c.GroupId, "?"), kinds.GetValueOrDefault(c.NoteId), c.RaisedAt, Name(c.RaisedBy), c.Status,
            c.TakenBy is null ? null : Name(c.TakenBy), c.TakenAt, c.HandledBy is null ? null : Name(c.HandledBy), c.HandledAt, c.Version)).ToList();
    }

    private string Unprotect(string purpose, string ciphertext)
    {
        try
        {
            return protector.Unprotect(purpose, ciphertext);
        }
        catch (CryptographicException)
        {
            return texts["Text_Unreadable"];
        }
    }

    private string Message(DomainException e)
    {
        var text = texts["Error_" + e.Code.Replace('.', '_').Replace('-', '_')];
        return text.ResourceNotFound ? texts["Error_Generic"].Value : text.Value;
    }

    /// <summary>The actor id (staff object id) of a coordinator; anyone else is refused.</summary>
    private static string RequireCoordinator(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var objectId = user.FindFirstValue(AuthSchemes.StaffClaims.ObjectId);
        if (user.Identity?.IsAuthenticated != true || !user.IsInRole(AppRoles.Coordinator) || string.IsNullOrEmpty(objectId))
        {
            throw new UnauthorizedAccessException("The safeguarding queue is for coordinators.");
        }

        return objectId;
    }
}
