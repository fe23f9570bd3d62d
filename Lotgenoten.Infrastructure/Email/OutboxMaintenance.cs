using Lotgenoten.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Lotgenoten.Infrastructure.Email;

/// <summary>A failed outbox message as coordinators see it: no recipient, no subject, no body.</summary>
public sealed record FailedOutboxMessage(Guid Id, DateTimeOffset CreatedAt, string Kind, int Attempts, string? LastError, DateTimeOffset? FailedAt, bool Erased);

/// <summary>
/// The failed messages and their retry. Checks no rights: the caller (the coordinators' page service) must.
/// </summary>
public sealed class OutboxMaintenance(IDbContextFactory<LotgenotenDbContext> dbFactory, TimeProvider clock, ILogger<OutboxMaintenance> logger)
{
    /// <summary>Failed messages, newest first (at most <paramref name="max"/>).</summary>
    public async Task<IReadOnlyList<FailedOutboxMessage>> FailedAsync(int max, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Failed)
            .OrderByDescending(m => m.Id)
            .Take(max)
            .Select(m => new FailedOutboxMessage(m.Id, m.CreatedAt, m.Kind, m.Attempts, m.LastError, m.FailedAt, m.ErasedAt != null))
            .ToListAsync(cancellationToken);
        return rows;
    }

    /// <summary>Makes one failed message pending again, attempts from zero.</summary>
    /// <returns>False when it is not (or no longer) failed, was erased, or someone changed it at the same time.</returns>
    public async Task<bool> RetryAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var message = await db.Set<OutboxMessage>().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null || !message.Retry(clock.GetUtcNow()))
        {
            return false;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }

        OutboxLog.Retried(logger, id);
        return true;
    }

    /// <summary>Retries every failed message that still has its content.</summary>
    /// <returns>How many were set to retry.</returns>
    public async Task<int> RetryAllFailedAsync(CancellationToken cancellationToken)
    {
        List<Guid> ids;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            ids = await db.Set<OutboxMessage>().AsNoTracking()
                .Where(m => m.Status == OutboxStatus.Failed && m.ErasedAt == null)
                .Select(m => m.Id)
                .ToListAsync(cancellationToken);
        }

        var count = 0;
        foreach (var id in ids)
        {
            if (await RetryAsync(id, cancellationToken))
            {
                count++;
            }
        }

        return count;
    }
}
