using System.Linq.Expressions;
using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Notes;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Api;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Infrastructure.Retention;

/// <summary>Runs retention once; the background service calls it daily, tests call it directly.</summary>
public interface IRetentionJob
{
    Task<RetentionResult> RunAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Keeps personal data no longer than needed (DOMAIN.md): erases e-mail addresses and note texts, deletes old audit
/// events, sent outbox messages and API idempotency records, and unlinks attendance from ended memberships. It never
/// changes a count the annual figures use: rows that figures count stay (notes, attendance, referrals, memberships,
/// concerns); only their personal content or their link to a person goes.
/// <para>
/// Set-based: each batch is one <c>UPDATE</c> or <c>DELETE</c> statement (atomic on its own) of at most
/// <see cref="RetentionOptions.BatchSize"/> rows, which re-checks the rule in its own <c>WHERE</c> (unlinking attendance
/// is two statements in one transaction); each kind runs on its own, one after another. So the job is idempotent: a
/// second run, a run that died half-way and is started again, or two app instances running it at the same moment find
/// only what is still due, and a row is never changed twice.
/// </para>
/// <para>
/// This is the only code path that deletes audit events (a test scans the code base for others). A run that changed
/// something records one <see cref="AuditKind.RetentionRun"/> event whose entity id holds the counts and nothing else;
/// a run that found nothing changes nothing at all, not even the audit trail. The log holds counts only.
/// </para>
/// </summary>
public sealed class RetentionJob(
    IDbContextFactory<LotgenotenDbContext> dbFactory,
    TimeProvider time,
    IOptions<RetentionOptions> options,
    ILogger<RetentionJob> logger) : IRetentionJob
{
    /// <summary>The actor of the job's audit event.</summary>
    public const string SystemActor = "system";

    /// <summary>The entity type of the job's audit event.</summary>
    public const string RunEntityType = "Retention";

    private const string ConcernEntityType = "SafeguardingConcern";
    private const string NoteEntityType = "FacilitatorNote";

    private static readonly MembershipStatus[] OpenMembership = [MembershipStatus.Invited, MembershipStatus.Joined, MembershipStatus.Active];
    private static readonly ReferralStatus[] PlacedNotClosed = [ReferralStatus.Joined, ReferralStatus.Active];

    /// <inheritdoc />
    public async Task<RetentionResult> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var today = BrusselsTime.Today(now);

        var result = new RetentionResult(
            EmailsErased: await EraseEmailsAsync(now, today, settings, cancellationToken),
            NotesErased: await EraseNotesAsync(now, today, settings, cancellationToken),
            AuditEventsDeleted: await DeleteAuditEventsAsync(now, settings, cancellationToken),
            AttendanceUnlinked: await UnlinkAttendanceAsync(now, settings, cancellationToken),
            OutboxMessagesDeleted: await DeleteSentOutboxAsync(now, settings, cancellationToken),
            IdempotencyRecordsDeleted: await DeleteIdempotencyRecordsAsync(now, settings, cancellationToken));

        if (result.Total > 0)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            // Counts of up to seven digits each fit the entity id; a first run on a very large database may not (the log has them).
            var entityId = result.ToEntityId();
            db.Add(AuditEvent.Record(SystemActor, AuditKind.RetentionRun, RunEntityType,
                entityId.Length <= AuditEvent.EntityIdMaxLength ? entityId : "run", now));
            await db.SaveChangesAsync(cancellationToken);
        }

        RetentionLog.Ran(logger, result.EmailsErased, result.NotesErased, result.AuditEventsDeleted, result.AttendanceUnlinked,
            result.OutboxMessagesDeleted, result.IdempotencyRecordsDeleted);
        return result;
    }

    /// <summary>
    /// E-mail addresses of referrals with no open membership and no membership that ended within the period, that either
    /// closed (completed, declined, withdrawn, unreachable) at least <see cref="RetentionOptions.EmailDays"/> days ago, or
    /// are placed and joined but their membership ended (a group that closed). A referral back on the waiting list keeps
    /// its address: it is still needed for the next invitation. Does what <see cref="Referral.EraseEmail"/> does.
    /// </summary>
    private Task<int> EraseEmailsAsync(DateTimeOffset now, DateOnly today, RetentionOptions settings, CancellationToken ct)
    {
        var cutoff = now.AddDays(-settings.EmailDays);
        var cutoffDate = today.AddDays(-settings.EmailDays);
        return InBatchesAsync<Referral>(
            db =>
            {
                var memberships = db.Set<Membership>();
                return db.Set<Referral>().Where(r =>
                    (r.EmailCiphertext != null || r.EmailBlindIndex != null)
                    && !memberships.Any(m => m.ReferralId == r.Id && OpenMembership.Contains(m.Status))
                    && !memberships.Any(m => m.ReferralId == r.Id && m.EndedAt != null && m.EndedAt > cutoff)
                    && ((r.ClosedOn != null && r.ClosedOn <= cutoffDate)
                        || (PlacedNotClosed.Contains(r.Status) && memberships.Any(m => m.ReferralId == r.Id && m.EndedAt != null))));
            },
            r => r.Id,
            (query, token) => query.ExecuteUpdateAsync(
                s => s
                    .SetProperty(r => r.EmailCiphertext, (string?)null)
                    .SetProperty(r => r.EmailBlindIndex, (string?)null)
                    .SetProperty(r => r.EmailErasedAt, now)
                    .SetProperty(r => r.ContactPreference, r => r.ContactPreference == ContactPreference.Email ? ContactPreference.Code : r.ContactPreference)
                    .SetProperty(r => r.Version, r => r.Version + 1),
                token),
            settings.BatchSize,
            ct);
    }

    /// <summary>
    /// Texts of notes whose group closed at least <see cref="RetentionOptions.NoteMonths"/> months ago, except a note behind
    /// a concern that is still open (open or in progress). The rows stay. Does what <see cref="FacilitatorNote.Erase"/> does.
    /// Concerns themselves are never touched here.
    /// </summary>
    private Task<int> EraseNotesAsync(DateTimeOffset now, DateOnly today, RetentionOptions settings, CancellationToken ct)
    {
        var cutoffDate = today.AddMonths(-settings.NoteMonths);
        return InBatchesAsync<FacilitatorNote>(
            db =>
            {
                var closedGroups = db.Set<PeerGroup>().Where(g => g.Status == GroupStatus.Closed && g.ClosedOn != null && g.ClosedOn <= cutoffDate);
                var openConcerns = db.Set<SafeguardingConcern>().Where(c => c.Status != ConcernStatus.Handled);
                return db.Set<FacilitatorNote>().Where(n =>
                    n.ErasedAt == null
                    && closedGroups.Any(g => g.Id == n.GroupId)
                    && !openConcerns.Any(c => c.NoteId == n.Id));
            },
            n => n.Id,
            (query, token) => query.ExecuteUpdateAsync(
                s => s
                    .SetProperty(n => n.TextCiphertext, (string?)null)
                    .SetProperty(n => n.ErasedAt, now)
                    .SetProperty(n => n.Version, n => n.Version + 1),
                token),
            settings.BatchSize,
            ct);
    }

    /// <summary>
    /// Audit events older than <see cref="RetentionOptions.AuditMonths"/> months, except the trail of a concern that is still
    /// open (events about the concern or its note): nothing about an open concern is deleted.
    /// </summary>
    private async Task<int> DeleteAuditEventsAsync(DateTimeOffset now, RetentionOptions settings, CancellationToken ct)
    {
        var cutoff = now.AddMonths(-settings.AuditMonths);
        List<string> keep;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var open = await db.Set<SafeguardingConcern>().AsNoTracking()
                .Where(c => c.Status != ConcernStatus.Handled)
                .Select(c => new { c.Id, c.NoteId })
                .ToListAsync(ct);

            // Audit events name records by Guid.ToString() (the "D" format), as every service writes them.
            keep = [.. open.SelectMany(c => new[] { c.Id.ToString(), c.NoteId.ToString() })];
        }

        return await InBatchesAsync<AuditEvent>(
            db => db.Set<AuditEvent>().Where(a =>
                a.OccurredAt < cutoff
                && !((a.EntityType == ConcernEntityType || a.EntityType == NoteEntityType) && keep.Contains(a.EntityId))),
            a => a.Id,
            (query, token) => query.ExecuteDeleteAsync(token),
            settings.BatchSize,
            ct);
    }

    /// <summary>
    /// Attendance of memberships that ended at least <see cref="RetentionOptions.AttendanceUnlinkDays"/> days ago loses its
    /// link to the member; the rows (and so every count) stay. Before its rows are unlinked, the membership keeps how many
    /// meetings it attended (<see cref="Membership.AttendedMeetings"/>), so that "completed" (attended at least half) of a
    /// past year never changes; both happen in one transaction per batch of memberships. The number is kept once (as
    /// <see cref="Membership.KeepAttendedMeetings"/> does), so two runs at once cannot count twice. Does what
    /// <see cref="Membership.KeepAttendedMeetings"/> and <see cref="AttendanceRecord.Unlink"/> do.
    /// </summary>
    private async Task<int> UnlinkAttendanceAsync(DateTimeOffset now, RetentionOptions settings, CancellationToken ct)
    {
        var cutoff = now.AddDays(-settings.AttendanceUnlinkDays);
        var total = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var attendance = db.Set<AttendanceRecord>();
            var batch = await db.Set<Membership>()
                .Where(m => m.EndedAt != null && m.EndedAt <= cutoff
                    && (m.AttendedMeetings == null || attendance.Any(a => a.MembershipId == m.Id)))
                .OrderBy(m => m.Id)
                .Select(m => m.Id)
                .Take(settings.BatchSize)
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                return total;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Set<Membership>()
                .Where(m => batch.Contains(m.Id) && m.AttendedMeetings == null)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(
                        m => m.AttendedMeetings,
                        m => attendance.Count(a => a.MembershipId == m.Id
                            && (a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Late))),
                    ct);
            total += await attendance
                .Where(a => a.MembershipId != null && batch.Contains(a.MembershipId.Value))
                .ExecuteUpdateAsync(
                    s => s
                        .SetProperty(a => a.MembershipId, (Guid?)null)
                        .SetProperty(a => a.Version, a => a.Version + 1),
                    ct);
            await transaction.CommitAsync(ct);
            if (batch.Count < settings.BatchSize)
            {
                return total;
            }
        }
    }

    /// <summary>Sent outbox messages older than <see cref="RetentionOptions.OutboxSentDays"/> days. Failed ones stay for the coordinators' page.</summary>
    private Task<int> DeleteSentOutboxAsync(DateTimeOffset now, RetentionOptions settings, CancellationToken ct)
    {
        var cutoff = now.AddDays(-settings.OutboxSentDays);
        return InBatchesAsync<OutboxMessage>(
            db => db.Set<OutboxMessage>().Where(m => m.Status == OutboxStatus.Sent && m.SentAt != null && m.SentAt <= cutoff),
            m => m.Id,
            (query, token) => query.ExecuteDeleteAsync(token),
            settings.BatchSize,
            ct);
    }

    /// <summary>API idempotency records older than <see cref="RetentionOptions.IdempotencyDays"/> days.</summary>
    private Task<int> DeleteIdempotencyRecordsAsync(DateTimeOffset now, RetentionOptions settings, CancellationToken ct)
    {
        var cutoff = now.AddDays(-settings.IdempotencyDays);
        return InBatchesAsync<ApiIdempotencyRecord>(
            db => db.Set<ApiIdempotencyRecord>().Where(r => r.CreatedAt <= cutoff),
            r => r.CreatedAt,
            (query, token) => query.ExecuteDeleteAsync(token),
            settings.BatchSize,
            ct);
    }

    /// <summary>
    /// Applies <paramref name="change"/> (one set-based statement) to the first <paramref name="batchSize"/> rows of
    /// <paramref name="due"/> in <paramref name="order"/>, again and again, each in a fresh context, until none is due.
    /// </summary>
    private async Task<int> InBatchesAsync<T>(
        Func<LotgenotenDbContext, IQueryable<T>> due,
        Expression<Func<T, object>> order,
        Func<IQueryable<T>, CancellationToken, Task<int>> change,
        int batchSize,
        CancellationToken ct)
        where T : class
    {
        var total = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var changed = await change(due(db).OrderBy(order).Take(batchSize), ct);
            total += changed;
            if (changed < batchSize)
            {
                return total;
            }
        }
    }
}
