using System.ComponentModel.DataAnnotations;

namespace Lotgenoten.Infrastructure.Retention;

/// <summary>
/// Options of section <c>Retention</c>: how long personal data is kept (defaults from DOMAIN.md "Keeping data no longer
/// than needed") and when the daily job runs. Validated at start.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Whether the daily background run is on (the job can always be run by hand).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>An e-mail address is erased this many days after the membership ended or the referral closed without placement.</summary>
    [Range(1, 3650)]
    public int EmailDays { get; set; } = 30;

    /// <summary>Note texts are erased this many months after their group closed (never a note behind an open concern).</summary>
    [Range(1, 120)]
    public int NoteMonths { get; set; } = 12;

    /// <summary>Audit events are deleted when older than this many months.</summary>
    [Range(1, 240)]
    public int AuditMonths { get; set; } = 24;

    /// <summary>Attendance rows lose their link to the member this many days after the membership ended (the rows stay).</summary>
    [Range(1, 3650)]
    public int AttendanceUnlinkDays { get; set; } = 30;

    /// <summary>Sent outbox messages are deleted this many days after sending (their recipient and body went earlier).</summary>
    [Range(1, 3650)]
    public int OutboxSentDays { get; set; } = 30;

    /// <summary>API idempotency records are deleted this many days after the first request (the API promises at least 7).</summary>
    [Range(7, 3650)]
    public int IdempotencyDays { get; set; } = 30;

    /// <summary>The Brussels wall-clock time of the daily run (a time in the spring gap runs an hour later that day).</summary>
    public TimeOnly RunAtLocalTime { get; set; } = new(3, 30);

    /// <summary>Rows changed per statement: short statements keep locks short for the app's users.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 500;
}
