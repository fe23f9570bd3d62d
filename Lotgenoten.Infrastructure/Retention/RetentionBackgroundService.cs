using Lotgenoten.Domain.Common;
using Lotgenoten.Infrastructure.Scheduling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Infrastructure.Retention;

/// <summary>
/// Runs the retention job every day at <see cref="RetentionOptions.RunAtLocalTime"/> (Brussels), waiting on the
/// <see cref="TimeProvider"/> so that a fake clock drives it in tests. A failed run is logged (its error class only) and
/// the app keeps running; the next day tries again. Off with <c>Retention:Enabled=false</c>. With several instances on one
/// database, each due run is first claimed through <see cref="IDailyRunClaims"/> (job <see cref="JobName"/>, the Brussels
/// day of the run): one instance runs it, the others log that it was claimed elsewhere and wait for the next day. (The
/// job is idempotent besides, see <see cref="RetentionJob"/>.) Without <paramref name="claims"/> (unit tests) every due
/// run runs.
/// </summary>
public sealed class RetentionBackgroundService(
    IRetentionJob job,
    TimeProvider time,
    IOptions<RetentionOptions> options,
    ILogger<RetentionBackgroundService> logger,
    IDailyRunClaims? claims = null) : BackgroundService
{
    /// <summary>The job name of the retention run's daily claim (<see cref="ScheduledRun.Job"/>).</summary>
    public const string JobName = "retention";

    /// <summary>The first run time after <paramref name="now"/>: today's or tomorrow's <paramref name="at"/> in Brussels.</summary>
    public static DateTimeOffset NextRun(DateTimeOffset now, TimeOnly at)
    {
        var today = BrusselsTime.Today(now);
        for (var day = today; ; day = day.AddDays(1))
        {
            var local = day.ToDateTime(at);

            // A time in the spring gap (e.g. 02:30 on the last Sunday of March) does not exist: run an hour later that day.
            if (BrusselsTime.IsNonexistent(local))
            {
                local = local.AddHours(1);
            }

            var instant = BrusselsTime.ToUtc(local);
            if (instant > now)
            {
                return instant;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            RetentionLog.Disabled(logger);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = NextRun(now, options.Value.RunAtLocalTime);
            try
            {
                // The timer exists before the log says so (a test waits for the log before moving the clock).
                var wait = Task.Delay(next - now, time, stoppingToken);
                RetentionLog.Scheduled(logger, next);
                await wait;
                if (claims is null || await claims.TryClaimAsync(JobName, BrusselsTime.Today(next), stoppingToken))
                {
                    await job.RunAsync(stoppingToken);
                }
                else
                {
                    RetentionLog.ClaimedElsewhere(logger);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The database may be away or a statement may fail: log the class only (a message may hold values) and
                // try again tomorrow. Never let the exception stop the app.
                RetentionLog.Failed(logger, ex.GetType().Name);
            }
        }
    }
}
