using System.Security.Cryptography;
using Lotgenoten.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Lotgenoten.Infrastructure.Scheduling;

/// <summary>Lets one of several app instances on one database run a daily job on a given day.</summary>
public interface IDailyRunClaims
{
    /// <summary>
    /// Claims the run of <paramref name="job"/> on <paramref name="day"/>: true for exactly one caller across every
    /// instance on the database, false for all others (and for the same instance asking again).
    /// </summary>
    Task<bool> TryClaimAsync(string job, DateOnly day, CancellationToken cancellationToken);
}

/// <summary>
/// <see cref="IDailyRunClaims"/> by inserting a <see cref="ScheduledRun"/> row: its primary key (job, day) makes the
/// insert the atomic claim on SQLite and PostgreSQL alike, without locks held across the run. A run that dies after its
/// claim is not repeated that day; the next day's run finds what is still due (the jobs are idempotent). Rows older
/// than <see cref="KeepDays"/> days are deleted by the claim that wins.
/// </summary>
public sealed class DailyRunClaims(IDbContextFactory<LotgenotenDbContext> dbFactory, TimeProvider time) : IDailyRunClaims
{
    /// <summary>How long claims are kept (for a diagnosis: which instance ran which day).</summary>
    public const int KeepDays = 90;

    /// <summary>A random id of this process, stored with its claims (no host name or address).</summary>
    public static string InstanceId { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <inheritdoc />
    public async Task<bool> TryClaimAsync(string job, DateOnly day, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            db.Add(ScheduledRun.Create(job, day, time.GetUtcNow(), InstanceId));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another instance inserted the key first, or the database failed: tell the two apart by looking.
                await using var check = await dbFactory.CreateDbContextAsync(cancellationToken);
                if (await check.Set<ScheduledRun>().AsNoTracking().AnyAsync(r => r.Job == job && r.Day == day, cancellationToken))
                {
                    return false;
                }

                throw;
            }

            var oldest = day.AddDays(-KeepDays);
            await db.Set<ScheduledRun>().Where(r => r.Job == job && r.Day < oldest).ExecuteDeleteAsync(cancellationToken);
        }

        return true;
    }
}
