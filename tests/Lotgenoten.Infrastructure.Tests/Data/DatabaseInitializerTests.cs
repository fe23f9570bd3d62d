using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Tests.TestSupport;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lotgenoten.Infrastructure.Tests.Data;

/// <summary>Start-up seeding and the health check, on each provider.</summary>
public abstract class DatabaseInitializerTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private const string Seeded = "Demo data seeded";
    private const string Skipped = "Demo data not seeded: the database already has data";

    protected override void ConfigureServices(IServiceCollection services) => services.AddHealthChecks().AddDatabaseCheck();

    [Fact]
    public async Task InitializeDatabase_DemoSeed_SeedsOnlyWhileTheDatabaseHasNoData()
    {
        await using (var db = await DbFactory.CreateDbContextAsync(Ct))
        {
            (await DatabaseInitializer.HasAnyDataAsync(db, Ct)).ShouldBeFalse();

            // The key ring alone does not count as data (Data Protection writes it as soon as anything is protected).
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "k", Xml = "<key/>" });
            await db.SaveChangesAsync(Ct);
            (await DatabaseInitializer.HasAnyDataAsync(db, Ct)).ShouldBeFalse();
        }

        // Not configured: off outside Development…
        var log = new CapturingLoggerProvider();
        await CreateHost([new("Demo:Seed", null)], "Production", log).Services.InitializeDatabaseAsync(Ct);
        log.AllText.ShouldNotContain("Demo data");
        await using (var db = await DbFactory.CreateDbContextAsync(Ct))
        {
            (await DatabaseInitializer.HasAnyDataAsync(db, Ct)).ShouldBeFalse();
        }

        // …and on in Development.
        log = new CapturingLoggerProvider();
        await CreateHost([new("Demo:Seed", null)], "Development", log).Services.InitializeDatabaseAsync(Ct);
        log.AllText.ShouldContain(Seeded);
        await using (var db = await DbFactory.CreateDbContextAsync(Ct))
        {
            (await DatabaseInitializer.HasAnyDataAsync(db, Ct)).ShouldBeTrue();
        }

        // Once there is data, never again.
        log = new CapturingLoggerProvider();
        await CreateHost([new("Demo:Seed", "true")], "Production", log).Services.InitializeDatabaseAsync(Ct);
        log.AllText.ShouldContain(Skipped);
        log.AllText.ShouldNotContain(Seeded);
    }

    [Fact]
    public async Task DatabaseCheck_DatabaseAnswers_Healthy()
    {
        var report = await Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct);
        report.Status.ShouldBe(HealthStatus.Healthy);
        report.Entries.Keys.ShouldContain("database");
    }
}

public sealed class SqliteDatabaseInitializerTests(SqliteTestDatabase database) : DatabaseInitializerTests<SqliteTestDatabase>(database);

public sealed class PostgresDatabaseInitializerTests(PostgresTestDatabase database) : DatabaseInitializerTests<PostgresTestDatabase>(database);

/// <summary>The health check reads the schema: a file that is not a database, or a database without our tables, is unhealthy.</summary>
public sealed class DatabaseCheckFailureTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lotgenoten-health-").FullName;

    [Theory]
    [InlineData("not a database at all, just text")]
    [InlineData(null)]
    public async Task DatabaseCheck_FileIsNoDatabaseOrHasNoSchema_Unhealthy(string? contents)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db");
        if (contents is not null)
        {
            await File.WriteAllTextAsync(path, contents, TestContext.Current.CancellationToken);
        }

        using var host = TestHost.Build(
            settings: [new("Database:Provider", "Sqlite"), new("ConnectionStrings:Lotgenoten", $"Data Source={path};Pooling=False")],
            services: s => s.AddHealthChecks().AddDatabaseCheck());
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);

        report.Status.ShouldBe(HealthStatus.Unhealthy);
    }

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
        GC.SuppressFinalize(this);
    }
}
