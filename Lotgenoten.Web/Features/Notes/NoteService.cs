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
using Lotgenoten.Web.Features.Safeguarding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lotgenoten.Web.Features.Notes;

/// <summary>
/// The one place that reads and writes facilitator notes, enforcing DOMAIN.md's matrix on every call from the
/// principal passed in and the database (a facilitator removed from the group is refused at once):
/// <list type="bullet">
/// <item>the group's facilitators read and write the session note and the member notes of the group's meetings;</item>
/// <item>coordinators read session notes (not member notes; the note behind a safeguarding concern is read through the
/// concern queue, <see cref="ConcernService"/>);</item>
/// <item>everyone else (facilitators of other groups, counsellors, participants, anonymous): nothing, and the same
/// refusal whether or not a note exists.</item>
/// </list>
/// Every read of a note's text writes a <see cref="AuditKind.NoteRead"/> event, every write a
/// <see cref="AuditKind.NoteWritten"/> event, in the same SaveChanges; never the content. Texts are protected with
/// <see cref="ProtectionPurposes.NoteText"/>, drafts included (a draft is the same row, <c>IsDraft</c>, so one purpose
/// serves the one kind of field). A stale <c>Version</c> is a conflict that returns the other person's text and saves
/// nothing. One short-lived context per call.
/// </summary>
public sealed class NoteService(
    IDbContextFactory<LotgenotenDbContext> dbFactory,
    IFieldProtector protector,
    TimeProvider time,
    IStringLocalizer<NoteTexts> texts,
    ConcernNotifier notifier,
    ConcernMail concernMail,
    ILogger<NoteService> logger)
{
    /// <summary>The audit trail's entity type of notes.</summary>
    public const string NoteEntity = "FacilitatorNote";

    /// <summary>
    /// Autosave writes a draft about once a second while someone types; the trail must not flood. At most one
    /// NoteWritten event per note, per actor, per this window is written for plain saves; finishing a note always writes
    /// one. So the trail still says who wrote which note and roughly when, without a row per keystroke pause.
    /// </summary>
    public static readonly TimeSpan WrittenAuditWindow = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The notes of one meeting that the caller may read: for the group's facilitators the session note and every
    /// member's notes of this meeting (with the members by pseudonym); for coordinators the session note only. Each
    /// note whose text is returned leaves one NoteRead event.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">Anyone else, or a meeting that is not this group's.</exception>
    public async Task<MeetingNotesView> GetMeetingNotesAsync(ClaimsPrincipal user, Guid groupId, Guid meetingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var caller = await CallerAsync(db, user, groupId, ct) ?? throw Denied();
        var meeting = await db.Set<Meeting>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId && m.GroupId == groupId, ct)
            ?? throw Denied();

        var notes = db.Set<FacilitatorNote>().AsNoTracking().Where(n => n.GroupId == groupId && n.MeetingId == meetingId);
        if (!caller.IsGroupFacilitator)
        {
            notes = notes.Where(n => n.Kind == NoteKind.Session);
        }

        var rows = await notes.ToListAsync(ct);
        var names = await NamesAsync(db, rows.Select(n => n.AuthorId), ct);
        var now = time.GetUtcNow();
        var views = rows.Select(n => Read(db, caller, n, names, now)).ToList();
        await db.SaveChangesAsync(ct);

        var session = views.FirstOrDefault(v => v.Kind == NoteKind.Session);
        IReadOnlyList<MemberNotesView> members = [];
        if (caller.IsGroupFacilitator)
        {
            members = await MembersAsync(db, groupId, meeting, views.Where(v => v.Kind == NoteKind.Member).ToList(), ct);
        }

        return new MeetingNotesView(groupId, meetingId, caller.IsGroupFacilitator, caller.IsGroupFacilitator, session, members);
    }

    /// <summary>
    /// Saves a note's text (a draft as the facilitator types, or finished with <see cref="NoteSave.Finish"/>). Only the
    /// group's facilitators write. Hostile text: line breaks and tabs are kept, everything is stored as plain text and
    /// shown as text (markup is never interpreted); text longer than <see cref="FacilitatorNote.TextMaxLength"/> or with
    /// invisible control or format characters (NUL, U+202E…) is refused with a message and nothing is saved.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">The caller is not a facilitator of this group.</exception>
    public async Task<NoteSaveResult> SaveAsync(ClaimsPrincipal user, NoteSave save, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(save);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var caller = await CallerAsync(db, user, save.GroupId, ct);
        if (caller is not { IsGroupFacilitator: true })
        {
            throw Denied();
        }

        if (!await db.Set<Meeting>().AnyAsync(m => m.Id == save.MeetingId && m.GroupId == save.GroupId, ct))
        {
            throw Denied();
        }

        string? text;
        try
        {
            text = Text.Clean(save.Text, FacilitatorNote.TextMaxLength, "note.text", allowLineBreaks: true);
        }
        catch (DomainException e)
        {
            return NoteSaveResult.Failed(Message(e));
        }

        if (text is null && save.Finish)
        {
            return NoteSaveResult.Failed(texts["Error_Empty"]);
        }

        if (save.Kind == NoteKind.Member
            && (save.MembershipId is not { } membershipId
                || !await db.Set<Membership>().AnyAsync(m => m.Id == membershipId && m.GroupId == save.GroupId && m.Pseudonym != null, ct)))
        {
            return NoteSaveResult.Failed(texts["Error_NotFound"]);
        }

        var now = time.GetUtcNow();
        return save.NoteId is null
            ? await CreateAsync(db, caller, save, text, now, ct)
            : await UpdateAsync(db, caller, save, text ?? string.Empty, now, ct);
    }

    /// <summary>
    /// Flags a note because a child may be at risk: the concern enters the coordinators' queue, a NoteFlagged event and
    /// (when configured) a content-free notification mail are written in the same SaveChanges, and open navigation
    /// badges refresh. Only the group's facilitators flag.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">The caller is not a facilitator of this group.</exception>
    public async Task<FlagResult> FlagAsync(ClaimsPrincipal user, Guid groupId, Guid noteId, int version, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var caller = await CallerAsync(db, user, groupId, ct);
        if (caller is not { IsGroupFacilitator: true })
        {
            throw Denied();
        }

        var note = await db.Set<FacilitatorNote>().FirstOrDefaultAsync(n => n.Id == noteId && n.GroupId == groupId, ct);
        if (note is null)
        {
            return FlagResult.Failed(texts["Error_NotFound"]);
        }

        if (note.IsSafeguardingConcern)
        {
            return FlagResult.Failed(texts["Error_note_concern_duplicate"]);
        }

        if (note.Version != version)
        {
            return FlagResult.Conflicted(texts["Error_Conflict"]);
        }

        db.Entry(note).Property(n => n.Version).OriginalValue = version;
        var now = time.GetUtcNow();
        try
        {
            var concern = note.FlagSafeguarding(caller.ActorId, now);
            db.Add(concern);
            db.Add(AuditEvent.Record(caller.ActorId, AuditKind.NoteFlagged, NoteEntity, note.Id.ToString(), now, groupId));
            concernMail.EnqueueNewConcern(db);
            await db.SaveChangesAsync(ct);
            NotesLog.NoteFlagged(logger, note.Id, concern.Id);
            notifier.Notify();
            return FlagResult.Ok(note.Version, concern.Id);
        }
        catch (DomainException e)
        {
            return FlagResult.Failed(Message(e));
        }
        catch (DbUpdateConcurrencyException)
        {
            return FlagResult.Conflicted(texts["Error_Conflict"]);
        }
        catch (DbUpdateException)
        {
            // The unique index on the concern's note: someone flagged it at the same moment.
            return FlagResult.Failed(texts["Error_note_concern_duplicate"]);
        }
    }

    private async Task<NoteSaveResult> CreateAsync(LotgenotenDbContext db, Caller caller, NoteSave save, string? text, DateTimeOffset now, CancellationToken ct)
    {
        if (save.Kind == NoteKind.Session
            && await db.Set<FacilitatorNote>().AnyAsync(n => n.MeetingId == save.MeetingId && n.Kind == NoteKind.Session, ct))
        {
            // Someone else started the session note since this editor opened: theirs stands, this text stays on screen.
            return await ConflictAsync(caller, save, ct);
        }

        if (text is null)
        {
            return NoteSaveResult.Ok(null, 0, null, isDraft: true); // nothing typed yet: nothing to keep
        }

        var ciphertext = protector.Protect(ProtectionPurposes.NoteText, text);
        var note = save.Kind == NoteKind.Session
            ? FacilitatorNote.SessionNote(save.GroupId, save.MeetingId, ciphertext, caller.ActorId, now)
            : FacilitatorNote.MemberNote(save.GroupId, save.MembershipId!.Value, save.MeetingId, ciphertext, caller.ActorId, now);
        if (save.Finish)
        {
            note.Finish(now);
        }

        db.Add(note);
        db.Add(AuditEvent.Record(caller.ActorId, AuditKind.NoteWritten, NoteEntity, note.Id.ToString(), now, save.GroupId));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (save.Kind == NoteKind.Session)
        {
            // The unique session-note index: two facilitators started it at the same moment.
            return await ConflictAsync(caller, save, ct);
        }

        NotesLog.NoteWritten(logger, note.Id, note.IsDraft);
        return NoteSaveResult.Ok(note.Id, note.Version, now, note.IsDraft);
    }

    private async Task<NoteSaveResult> UpdateAsync(LotgenotenDbContext db, Caller caller, NoteSave save, string text, DateTimeOffset now, CancellationToken ct)
    {
        var note = await db.Set<FacilitatorNote>().FirstOrDefaultAsync(
            n => n.Id == save.NoteId && n.GroupId == save.GroupId && n.MeetingId == save.MeetingId && n.Kind == save.Kind
                 && (save.Kind == NoteKind.Session || n.MembershipId == save.MembershipId),
            ct);
        if (note is null)
        {
            return NoteSaveResult.Failed(texts["Error_NotFound"]);
        }

        if (note.Version != save.Version)
        {
            return await ConflictAsync(caller, save, ct);
        }

        db.Entry(note).Property(n => n.Version).OriginalValue = save.Version;
        try
        {
            note.Update(protector.Protect(ProtectionPurposes.NoteText, text), save.Version, now);
            if (save.Finish)
            {
                note.Finish(now);
            }
        }
        catch (DomainException e)
        {
            return NoteSaveResult.Failed(Message(e));
        }

        // Coalesced: see WrittenAuditWindow.
        var since = now - WrittenAuditWindow;
        var id = note.Id.ToString();
        var recentlyAudited = await db.Set<AuditEvent>().AnyAsync(
            a => a.EntityType == NoteEntity && a.EntityId == id && a.ActorId == caller.ActorId && a.Kind == AuditKind.NoteWritten && a.OccurredAt > since,
            ct);
        if (save.Finish || !recentlyAudited)
        {
            db.Add(AuditEvent.Record(caller.ActorId, AuditKind.NoteWritten, NoteEntity, id, now, save.GroupId));
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConflictAsync(caller, save, ct);
        }

        NotesLog.NoteWritten(logger, note.Id, note.IsDraft);
        return NoteSaveResult.Ok(note.Id, note.Version, now, note.IsDraft);
    }

    /// <summary>The note as the other person left it (a read, so audited), for the conflict message; nothing of the caller's text is saved.</summary>
    private async Task<NoteSaveResult> ConflictAsync(Caller caller, NoteSave save, CancellationToken ct)
    {
        NotesLog.NoteConflict(logger, save.NoteId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var current = save.Kind == NoteKind.Session
            ? await db.Set<FacilitatorNote>().AsNoTracking().FirstOrDefaultAsync(n => n.MeetingId == save.MeetingId && n.Kind == NoteKind.Session && n.GroupId == save.GroupId, ct)
            : await db.Set<FacilitatorNote>().AsNoTracking().FirstOrDefaultAsync(n => n.Id == save.NoteId && n.GroupId == save.GroupId, ct);
        NoteView? view = null;
        if (current is not null)
        {
            var names = await NamesAsync(db, [current.AuthorId], ct);
            view = Read(db, caller, current, names, time.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }

        return NoteSaveResult.Conflicted(texts["Error_Conflict"], view);
    }

    /// <summary>Decrypts a note for a caller who may read it and adds its NoteRead event (not for an erased note: nothing is read).</summary>
    private NoteView Read(LotgenotenDbContext db, Caller caller, FacilitatorNote note, Dictionary<string, string> names, DateTimeOffset now)
    {
        var text = string.Empty;
        if (note.TextCiphertext is { } ciphertext)
        {
            try
            {
                text = protector.Unprotect(ProtectionPurposes.NoteText, ciphertext);
            }
            catch (CryptographicException)
            {
                NotesLog.NoteUnreadable(logger, note.Id);
                text = texts["Note_Unreadable"];
            }

            db.Add(AuditEvent.Record(caller.ActorId, AuditKind.NoteRead, NoteEntity, note.Id.ToString(), now, note.GroupId));
        }

        return new NoteView(
            note.Id, note.Kind, note.MembershipId, text, note.IsDraft, note.IsSafeguardingConcern, note.ErasedAt is not null,
            note.UpdatedAt, names.GetValueOrDefault(note.AuthorId, texts["Author_Unknown"]), note.Version);
    }

    /// <summary>The members a facilitator can write about at this meeting (by pseudonym), with their notes of it, newest first.</summary>
    private async Task<IReadOnlyList<MemberNotesView>> MembersAsync(
        LotgenotenDbContext db, Guid groupId, Meeting meeting, List<NoteView> notes, CancellationToken ct)
    {
        var withNotes = notes.Select(n => n.MembershipId).OfType<Guid>().Distinct().ToList();
        var start = meeting.StartsAt;
        var members = await db.Set<Membership>().AsNoTracking()
            .Where(m => m.GroupId == groupId && m.Pseudonym != null && m.JoinedAt != null
                && ((m.EndedAt == null || m.EndedAt >= start) || withNotes.Contains(m.Id)))
            .Select(m => new { m.Id, m.Pseudonym })
            .ToListAsync(ct);
        var byMember = notes.ToLookup(n => n.MembershipId);
        var known = members.Select(m => m.Id).ToHashSet();
        var rows = members
            .Select(m => new MemberNotesView(m.Id, m.Pseudonym!, byMember[m.Id].OrderByDescending(n => n.UpdatedAt).ToList()))
            .OrderBy(m => m.Pseudonym, StringComparer.CurrentCultureIgnoreCase)
            .ToList();

        // Notes about a member who has since erased their account stay readable to the facilitators, as a former member.
        rows.AddRange(withNotes.Where(id => !known.Contains(id))
            .Select(id => new MemberNotesView(id, texts["Member_Former"], byMember[id].OrderByDescending(n => n.UpdatedAt).ToList())));
        return rows;
    }

    private static async Task<Dictionary<string, string>> NamesAsync(LotgenotenDbContext db, IEnumerable<string> objectIds, CancellationToken ct)
    {
        var ids = objectIds.Distinct(StringComparer.Ordinal).ToList();
        return ids.Count == 0
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : await db.Set<StaffMember>().AsNoTracking().Where(s => ids.Contains(s.ObjectId))
                .ToDictionaryAsync(s => s.ObjectId, s => s.DisplayName, StringComparer.Ordinal, ct);
    }

    /// <summary>A domain rule's code as a message in the user's language.</summary>
    private string Message(DomainException e)
    {
        var text = texts["Error_" + e.Code.Replace('.', '_').Replace('-', '_')];
        return text.ResourceNotFound ? texts["Error_Generic"].Value : text.Value;
    }

    private static UnauthorizedAccessException Denied() =>
        new("Only the group's facilitators (and, for session notes, coordinators) may see this meeting's notes.");

    /// <summary>
    /// Who the caller is for this group, looked up now: an active staff member who facilitates the group, and/or a
    /// coordinator (role from the sign-in token, as everywhere). Null for anyone else.
    /// </summary>
    internal static async Task<Caller?> CallerAsync(LotgenotenDbContext db, ClaimsPrincipal user, Guid groupId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var objectId = user.FindFirstValue(AuthSchemes.StaffClaims.ObjectId);
        if (user.Identity?.IsAuthenticated != true || string.IsNullOrEmpty(objectId) || user.IsInRole(AppRoles.Participant))
        {
            return null;
        }

        var facilitates = user.IsInRole(AppRoles.Facilitator)
            && await (from s in db.Set<StaffMember>()
                      join f in db.Set<GroupFacilitator>() on s.Id equals f.StaffMemberId
                      where s.ObjectId == objectId && s.IsActive && f.GroupId == groupId
                      select f).AnyAsync(ct);
        var coordinates = user.IsInRole(AppRoles.Coordinator);
        return facilitates || coordinates ? new Caller(objectId, facilitates, coordinates) : null;
    }

    /// <summary>The caller as far as one group's notes go.</summary>
    internal sealed record Caller(string ActorId, bool IsGroupFacilitator, bool IsCoordinator);
}
