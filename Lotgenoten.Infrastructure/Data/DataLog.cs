using Microsoft.Extensions.Logging;

namespace Lotgenoten.Infrastructure.Data;

internal static partial class DataLog
{
    [LoggerMessage(1001, LogLevel.Information, "Database ({Provider}) is up to date; {Count} migration(s) applied")]
    public static partial void Migrated(ILogger logger, DatabaseProvider provider, int count);

    [LoggerMessage(1002, LogLevel.Information, "Demo data seeded")]
    public static partial void DemoSeeded(ILogger logger);

    [LoggerMessage(1003, LogLevel.Information, "Demo data not seeded: the database already has data")]
    public static partial void DemoSeedSkipped(ILogger logger);
}
