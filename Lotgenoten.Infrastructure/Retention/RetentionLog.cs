using Microsoft.Extensions.Logging;

namespace Lotgenoten.Infrastructure.Retention;

/// <summary>The retention job's log: counts and error classes only; never an id, an address or a text.</summary>
internal static partial class RetentionLog
{
    [LoggerMessage(6600, LogLevel.Information,
        "Retention run: {Emails} e-mail address(es) erased, {Notes} note(s) erased, {Audit} audit event(s) deleted, " +
        "{Attendance} attendance row(s) unlinked, {Outbox} outbox message(s) deleted, {Idempotency} idempotency record(s) deleted")]
    public static partial void Ran(ILogger logger, int emails, int notes, int audit, int attendance, int outbox, int idempotency);

    [LoggerMessage(6601, LogLevel.Error, "Retention run failed ({ErrorClass}); the next run tries again")]
    public static partial void Failed(ILogger logger, string errorClass);

    [LoggerMessage(6602, LogLevel.Information, "Retention: next run at {NextRun:o}")]
    public static partial void Scheduled(ILogger logger, DateTimeOffset nextRun);

    [LoggerMessage(6603, LogLevel.Information, "Retention: the daily run is switched off (Retention:Enabled=false)")]
    public static partial void Disabled(ILogger logger);

    [LoggerMessage(6604, LogLevel.Information, "Retention: today's run was claimed by another instance")]
    public static partial void ClaimedElsewhere(ILogger logger);
}
