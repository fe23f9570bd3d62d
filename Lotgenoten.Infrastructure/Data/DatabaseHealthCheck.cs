using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lotgenoten.Infrastructure.Data;

/// <summary>Healthy when the configured database answers a query on its schema (no details in the result: they could reach an anonymous caller).</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<LotgenotenDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            // One query on a real table: connecting alone is not enough (SQLite "connects" to any file), and this also
            // proves the schema is there. Any failure lands in the catch below.
            _ = await db.DataProtectionKeys.AsNoTracking().AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
#pragma warning disable CA1031 // A health check reports every failure instead of throwing.
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The database does not answer.", ex);
        }
    }
}
