using Microsoft.Extensions.Logging;

namespace Lotgenoten.Infrastructure.Email;

/// <summary>The outbox's log: ids, counts and error classes only; never an address, subject or body.</summary>
internal static partial class OutboxLog
{
    [LoggerMessage(3001, LogLevel.Debug, "Outbox message {MessageId} ({Kind}) enqueued")]
    public static partial void Enqueued(ILogger logger, Guid messageId, string kind);

    [LoggerMessage(3002, LogLevel.Information, "Outbox message {MessageId} sent (attempt {Attempt})")]
    public static partial void Sent(ILogger logger, Guid messageId, int attempt);

    [LoggerMessage(3003, LogLevel.Warning, "Outbox message {MessageId} attempt {Attempt} failed ({ErrorClass}); next attempt at {NextAttemptAt:o}")]
    public static partial void Rescheduled(ILogger logger, Guid messageId, int attempt, string errorClass, DateTimeOffset nextAttemptAt);

    [LoggerMessage(3004, LogLevel.Error, "Outbox message {MessageId} failed for good after {Attempts} attempt(s) ({ErrorClass})")]
    public static partial void FailedForGood(ILogger logger, Guid messageId, int attempts, string errorClass);

    [LoggerMessage(3005, LogLevel.Debug, "Outbox message {MessageId} was claimed by another dispatcher")]
    public static partial void ClaimLost(ILogger logger, Guid messageId);

    [LoggerMessage(3006, LogLevel.Information, "Outbox pass: {Sent} sent, {Failed} failed attempt(s)")]
    public static partial void Pass(ILogger logger, int sent, int failed);

    [LoggerMessage(3007, LogLevel.Information, "Outbox: erased recipient and content of {Count} message(s)")]
    public static partial void Erased(ILogger logger, int count);

    [LoggerMessage(3008, LogLevel.Error, "Outbox pass failed ({ErrorClass})")]
    public static partial void PassFailed(ILogger logger, string errorClass);

    [LoggerMessage(3009, LogLevel.Information, "Outbox: no Smtp:Host configured; mails are written to the pickup folder, nothing is sent")]
    public static partial void PickupMode(ILogger logger);

    [LoggerMessage(3010, LogLevel.Information, "Outbox message {MessageId} set to retry")]
    public static partial void Retried(ILogger logger, Guid messageId);

    [LoggerMessage(3011, LogLevel.Warning, "Outbox message {MessageId} was sent but could not be marked (lease lost); a resend carries the same Message-Id")]
    public static partial void MarkLost(ILogger logger, Guid messageId);
}
