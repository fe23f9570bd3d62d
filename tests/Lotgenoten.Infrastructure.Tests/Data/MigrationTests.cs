using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lotgenoten.Infrastructure.Tests.Data;

/// <summary>The migrations of each provider build the whole model on an empty database.</summary>
public abstract class MigrationTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InitializeDatabase_EmptyDatabase_AppliesEveryMigration()
    {
        using (var off = TestHost.Build(database, [new("Database:MigrateOnStartup", "false")]))
        {
            await off.Services.InitializeDatabaseAsync(Ct);
            await using var db = await Factory(off).CreateDbContextAsync(Ct);
            (await db.Database.GetAppliedMigrationsAsync(Ct)).ShouldBeEmpty("MigrateOnStartup=false must not migrate");
        }

        using var host = TestHost.Build(database);
        await host.Services.InitializeDatabaseAsync(Ct);

        await using (var db = await Factory(host).CreateDbContextAsync(Ct))
        {
            db.Database.GetMigrations().ShouldNotBeEmpty();
            (await db.Database.GetAppliedMigrationsAsync(Ct)).ShouldBe(db.Database.GetMigrations());
            (await db.Database.GetPendingMigrationsAsync(Ct)).ShouldBeEmpty();

            // Every table of the model exists and answers a query.
            (await db.Users.CountAsync(Ct)).ShouldBe(0);
            (await db.DataProtectionKeys.CountAsync(Ct)).ShouldBe(0);
            foreach (var entityType in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()))
            {
                if (entityType.HasSharedClrType)
                {
                    continue;
                }

                var query = (IQueryable<object>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!
                    .MakeGenericMethod(entityType.ClrType).Invoke(db, null)!;
                await query.AnyAsync(Ct);
            }
        }

        // Running it again (the next start-up) changes nothing.
        await host.Services.InitializeDatabaseAsync(Ct);
    }

    [Fact]
    public void Model_HasNoChangesMissingFromTheMigrations()
    {
        using var host = TestHost.Build(database);
        using var db = Factory(host).CreateDbContext();
        db.Database.HasPendingModelChanges().ShouldBeFalse(
            $"The {database.Provider} model has changes that no migration covers: run scripts/add-migration.sh <Name> " +
            "(or scripts/add-migration.sh --reset Initial before the first release).");
    }

    private static IDbContextFactory<LotgenotenDbContext> Factory(Microsoft.Extensions.Hosting.IHost host) =>
        host.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>();
}

public sealed class SqliteMigrationTests(SqliteTestDatabase database) : MigrationTests<SqliteTestDatabase>(database);

public sealed class PostgresMigrationTests(PostgresTestDatabase database) : MigrationTests<PostgresTestDatabase>(database);
