using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Infrastructure;

/// <summary>Start-up work on the database: migrations, then demo data.</summary>
public static class DatabaseInitializer
{
    /// <summary>
    /// Checks the configuration (a missing key-encryption key stops here), applies pending migrations when
    /// <c>Database:MigrateOnStartup</c> is on (default), then, when <c>Demo:Seed</c> is on (default: in Development only)
    /// and the database has no data yet, calls <see cref="DemoDataSeeder.SeedAsync"/>. Call it on the built app's
    /// services before it starts serving: <c>await app.Services.InitializeDatabaseAsync();</c>
    /// </summary>
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);

        // Fail fast on bad options (e.g. no key-encryption key outside Development) before touching the database.
        services.GetService<IStartupValidator>()?.Validate();

        await using var scope = services.CreateAsyncScope();
        var scoped = scope.ServiceProvider;
        var logger = scoped.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer).FullName!);
        var database = scoped.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var demo = scoped.GetRequiredService<IOptions<DemoOptions>>().Value;
        var environment = scoped.GetRequiredService<IHostEnvironment>();
        var db = scoped.GetRequiredService<LotgenotenDbContext>();

        if (database.MigrateOnStartup)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
            await db.Database.MigrateAsync(ct);
            DataLog.Migrated(logger, database.Provider, pending);
        }

        if (demo.Seed ?? environment.IsDevelopment())
        {
            if (await HasAnyDataAsync(db, ct))
            {
                DataLog.DemoSeedSkipped(logger);
            }
            else
            {
                await DemoDataSeeder.SeedAsync(scoped, ct);
                DataLog.DemoSeeded(logger);
            }
        }
    }

    /// <summary>
    /// True when any table of the model holds a row, not counting the Data Protection key ring (written as soon as
    /// anything is protected) and tables whose rows come from the migrations themselves (<c>HasData</c>).
    /// </summary>
    internal static async Task<bool> HasAnyDataAsync(LotgenotenDbContext db, CancellationToken ct)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        // The design-time model keeps the seed data (HasData) that the read-optimised runtime model drops.
        var tables = db.GetService<IDesignTimeModel>().Model.GetEntityTypes()
            .Where(e => e.ClrType != typeof(DataProtectionKey) && !e.GetSeedData().Any())
            .Select(e => (Name: e.GetTableName(), Schema: e.GetSchema()))
            .Where(t => t.Name is not null)
            .Distinct();

        foreach (var (name, schema) in tables)
        {
            // Table names come from the model, never from input.
#pragma warning disable EF1003
            var any = await db.Database
                .SqlQueryRaw<int>("SELECT 1 AS " + sql.DelimitIdentifier("Value") + " FROM " + sql.DelimitIdentifier(name!, schema))
                .AnyAsync(ct);
#pragma warning restore EF1003
            if (any)
            {
                return true;
            }
        }

        return false;
    }
}
