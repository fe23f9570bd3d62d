using System.Globalization;

namespace Lotgenoten.Infrastructure.Retention;

/// <summary>What one retention run did, as counts only.</summary>
/// <param name="EmailsErased">Referrals whose e-mail address (ciphertext and blind index) was erased.</param>
/// <param name="NotesErased">Facilitator notes whose text was erased (the rows stay).</param>
/// <param name="AuditEventsDeleted">Audit events older than the audit period, deleted.</param>
/// <param name="AttendanceUnlinked">Attendance rows unlinked from an ended membership (the rows stay).</param>
/// <param name="OutboxMessagesDeleted">Sent outbox messages past their period, deleted.</param>
/// <param name="IdempotencyRecordsDeleted">API idempotency records past their period, deleted.</param>
public sealed record RetentionResult(
    int EmailsErased,
    int NotesErased,
    int AuditEventsDeleted,
    int AttendanceUnlinked,
    int OutboxMessagesDeleted,
    int IdempotencyRecordsDeleted)
{
    public static RetentionResult None { get; } = new(0, 0, 0, 0, 0, 0);

    public int Total => EmailsErased + NotesErased + AuditEventsDeleted + AttendanceUnlinked + OutboxMessagesDeleted + IdempotencyRecordsDeleted;

    /// <summary>
    /// The counts as the <c>RetentionRun</c> audit event's entity id, e.g. <c>e=3 n=2 a=10 u=5 o=1 i=0</c> (e-mails, notes,
    /// audit events, unlinked attendance, outbox, idempotency): numbers only, never a record.
    /// </summary>
    public string ToEntityId() => string.Create(
        CultureInfo.InvariantCulture,
        $"e={EmailsErased} n={NotesErased} a={AuditEventsDeleted} u={AttendanceUnlinked} o={OutboxMessagesDeleted} i={IdempotencyRecordsDeleted}");

    /// <summary>Reads <see cref="ToEntityId"/> back; null when <paramref name="entityId"/> is not in that form.</summary>
    public static RetentionResult? FromEntityId(string? entityId)
    {
        if (string.IsNullOrEmpty(entityId))
        {
            return null;
        }

        var values = new Dictionary<char, int>();
        foreach (var part in entityId.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Length < 3 || part[1] != '=' || !int.TryParse(part.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return null;
            }

            values[part[0]] = n;
        }

        int Get(char key) => values.GetValueOrDefault(key);
        return values.Count == 6 && "enauoi".All(values.ContainsKey)
            ? new RetentionResult(Get('e'), Get('n'), Get('a'), Get('u'), Get('o'), Get('i'))
            : null;
    }
}
