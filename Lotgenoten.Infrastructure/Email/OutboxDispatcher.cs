using System.Net.Sockets;
using System.Security.Cryptography;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Protection;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Infrastructure.Email;

/// <summary>
/// Sends the outbox. Each pass (<see cref="DispatchDueAsync"/>) claims due messages one by one — status
/// <see cref="OutboxStatus.Sending"/> with a lease, saved under the <see cref="OutboxMessage.Version"/> concurrency token,
/// so of two app instances on one database only one wins each claim — sends them, and marks them sent, or due again
/// after an exponential backoff, or failed after <see cref="SmtpOptions.MaxAttempts"/>. A dispatcher that dies after
/// sending and before marking leaves the claim to expire; the message is then sent again with the same Message-Id
/// (derived from the outbox id), which receivers use to drop the duplicate. At-least-once delivery with a stable
/// identity is the best SMTP allows: it has no transaction to join.
/// Every pass also erases the recipient and content of messages sent or failed more than
/// <see cref="SmtpOptions.EraseAfterDays"/> days ago. The loop waits on <see cref="TimeProvider"/>; with
/// <c>Smtp:DispatcherEnabled=false</c> it does not run, and tests call the passes themselves.
/// </summary>
public sealed class OutboxDispatcher(
    IDbContextFactory<LotgenotenDbContext> dbFactory,
    IFieldProtector protector,
    TimeProvider clock,
    IOptions<SmtpOptions> options,
    IHostEnvironment environment,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    /// <summary>Whether mails go to the pickup folder (no <c>Smtp:Host</c>) rather than to an SMTP server.</summary>
    public bool UsesPickupFolder => string.IsNullOrWhiteSpace(options.Value.Host);

    /// <summary>The pickup folder (absolute).</summary>
    public string PickupDirectory => Path.Combine(environment.ContentRootPath, options.Value.PickupDirectory);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatcherEnabled)
        {
            return;
        }

        if (UsesPickupFolder)
        {
            OutboxLog.PickupMode(logger);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchDueAsync(stoppingToken);
                await EraseExpiredAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be briefly away (or not yet migrated): try again next time, never stop the app.
                // The exception text may hold values: log its class only.
                OutboxLog.PassFailed(logger, ErrorClass(ex));
            }

            try
            {
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>One pass: claims up to <see cref="SmtpOptions.BatchSize"/> due messages and sends them.</summary>
    /// <returns>The number of messages sent.</returns>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        List<Guid> due;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            due = await db.Set<OutboxMessage>().AsNoTracking()
                .Where(m => m.ErasedAt == null
                    && ((m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
                        || (m.Status == OutboxStatus.Sending && m.LockedUntil <= now)))
                .OrderBy(m => m.NextAttemptAt)
                .Select(m => m.Id)
                .Take(settings.BatchSize)
                .ToListAsync(cancellationToken);
        }

        if (due.Count == 0)
        {
            return 0;
        }

        var sent = 0;
        var failed = 0;
        await using var transport = CreateTransport();
        foreach (var id in due)
        {
            var message = await ClaimAsync(id, cancellationToken);
            if (message is null)
            {
                continue;
            }

            try
            {
                var recipient = protector.Unprotect(ProtectionPurposes.OutboxRecipient, message.RecipientCiphertext!);
                var body = message.TextBodyCiphertext is { } cipher ? protector.Unprotect(ProtectionPurposes.OutboxBody, cipher) : "";
                var mime = OutboxMime.Build(message, recipient, body, settings);
                await transport.SendAsync(message.Id, mime, cancellationToken);
            }
            catch (Exception ex) when (IsSendFailure(ex, cancellationToken))
            {
                failed++;
                await RecordFailureAsync(message, ErrorClass(ex), cancellationToken);
                continue;
            }

            sent++;
            if (await SaveAsync(message, m => m.MarkSent(clock.GetUtcNow()), cancellationToken))
            {
                OutboxLog.Sent(logger, message.Id, message.Attempts);
            }
            else
            {
                OutboxLog.MarkLost(logger, message.Id);
            }
        }

        OutboxLog.Pass(logger, sent, failed);
        return sent;
    }

    /// <summary>Erases the recipient and content of messages sent or failed more than <see cref="SmtpOptions.EraseAfterDays"/> ago.</summary>
    /// <returns>The number of messages erased.</returns>
    public async Task<int> EraseExpiredAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cutoff = now.AddDays(-options.Value.EraseAfterDays);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var expired = await db.Set<OutboxMessage>()
            .Where(m => m.ErasedAt == null
                && ((m.Status == OutboxStatus.Sent && m.SentAt <= cutoff)
                    || (m.Status == OutboxStatus.Failed && m.FailedAt <= cutoff)))
            .OrderBy(m => m.Id)
            .Take(500)
            .ToListAsync(cancellationToken);
        if (expired.Count == 0)
        {
            return 0;
        }

        foreach (var message in expired)
        {
            message.Erase(now);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A coordinator retried one of them, or another instance erased them first: the next pass looks again.
            return 0;
        }

        OutboxLog.Erased(logger, expired.Count);
        return expired.Count;
    }

    /// <summary>Claims one message if it is still due; null when it is not, or another dispatcher claimed it first.</summary>
    internal async Task<OutboxMessage?> ClaimAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var message = await db.Set<OutboxMessage>().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null || !message.IsDue(now))
        {
            return null;
        }

        message.Claim(now, options.Value.Lease);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return message;
        }
        catch (DbUpdateConcurrencyException)
        {
            OutboxLog.ClaimLost(logger, id);
            return null;
        }
    }

    private async Task RecordFailureAsync(OutboxMessage message, string errorClass, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        DateTimeOffset? next = message.Attempts >= settings.MaxAttempts ? null : now + Backoff(message.Attempts, settings);
        if (!await SaveAsync(message, m => m.MarkAttemptFailed(errorClass, now, next), cancellationToken))
        {
            OutboxLog.ClaimLost(logger, message.Id);
        }
        else if (next is { } at)
        {
            OutboxLog.Rescheduled(logger, message.Id, message.Attempts, errorClass, at);
        }
        else
        {
            OutboxLog.FailedForGood(logger, message.Id, message.Attempts, errorClass);
        }
    }

    /// <summary>The wait after failed attempt number <paramref name="attempts"/>: base × 2^(attempts−1), at most the maximum.</summary>
    internal static TimeSpan Backoff(int attempts, SmtpOptions settings)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var ticks = settings.BackoffBase.Ticks * Math.Pow(2, exponent);
        return ticks >= settings.BackoffMax.Ticks ? settings.BackoffMax : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Applies <paramref name="change"/> to a claimed message under its version; false when the claim was lost.</summary>
    private async Task<bool> SaveAsync(OutboxMessage message, Action<OutboxMessage> change, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Attach(message);
        change(message);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    private IOutboxTransport CreateTransport() =>
        UsesPickupFolder ? new PickupOutboxTransport(PickupDirectory) : new SmtpOutboxTransport(options.Value);

    private static bool IsSendFailure(Exception ex, CancellationToken cancellationToken) =>
        !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested);

    /// <summary>A short class of an error, safe to store and log: never the exception's message (it may name an address).</summary>
    internal static string ErrorClass(Exception ex) => ex switch
    {
        SmtpCommandException command => $"smtp-{(int)command.StatusCode}",
        SmtpProtocolException => "smtp-protocol",
        AuthenticationException => "smtp-auth",
        SslHandshakeException => "tls-handshake",
        ServiceNotConnectedException => "smtp-not-connected",
        SocketException socket => $"socket-{socket.SocketErrorCode}",
        IOException { InnerException: SocketException socket } => $"socket-{socket.SocketErrorCode}",
        CryptographicException => "recipient-unreadable",
        TimeoutException or OperationCanceledException => "timeout",
        IOException => "io",
        _ => ex.GetType().Name,
    };
}
