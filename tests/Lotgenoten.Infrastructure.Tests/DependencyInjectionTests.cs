using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Infrastructure.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Infrastructure.Tests;

public sealed class DependencyInjectionTests : IDisposable
{
    private readonly string contentRoot = Path.Combine(Path.GetTempPath(), "lotgenoten-tests", Guid.NewGuid().ToString("N"));

    public DependencyInjectionTests() => Directory.CreateDirectory(contentRoot);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void AddInfrastructure_NothingConfigured_UsesSqliteFileUnderAppData()
    {
        using var host = TestHost.Build(contentRoot: contentRoot);
        using var db = host.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContext();

        db.ShouldBeOfType<SqliteLotgenotenDbContext>();
        new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource
            .ShouldBe(Path.Combine(contentRoot, "App_Data", "lotgenoten.db"));
        Directory.Exists(Path.Combine(contentRoot, "App_Data")).ShouldBeTrue();
    }

    [Fact]
    public void AddInfrastructure_RelativeSqliteFile_IsUnderTheContentRoot()
    {
        using var host = TestHost.Build(
            settings: [new("ConnectionStrings:Lotgenoten", "Data Source=data/x.db;Pooling=False")], contentRoot: contentRoot);
        using var db = host.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContext();

        var connection = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        connection.DataSource.ShouldBe(Path.Combine(contentRoot, "data", "x.db"));
        connection.Pooling.ShouldBeFalse();
    }

    [Fact]
    public void AddInfrastructure_Postgres_ResolvesThePostgresContext()
    {
        using var host = TestHost.Build(settings:
        [
            new("Database:Provider", "Postgres"),
            new("ConnectionStrings:Lotgenoten", "Host=db.invalid;Database=lotgenoten;Username=app"),
        ]);
        using var db = host.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContext();

        db.ShouldBeOfType<PostgresLotgenotenDbContext>();
        db.Database.GetConnectionString()!.ShouldContain("db.invalid");
    }

    [Fact]
    public async Task AddInfrastructure_PostgresWithoutConnectionString_StopsStartUp()
    {
        using var host = TestHost.Build(settings: [new("Database:Provider", "Postgres")]);
        (await Should.ThrowAsync<OptionsValidationException>(() => host.Services.InitializeDatabaseAsync(Ct)))
            .Message.ShouldContain("ConnectionStrings:Lotgenoten is not set");
    }

    [Fact]
    public void AddInfrastructure_RegistersSystemClock_UnlessOneIsRegistered()
    {
        using (var host = TestHost.Build(contentRoot: contentRoot))
        {
            host.Services.GetRequiredService<TimeProvider>().ShouldBeSameAs(TimeProvider.System);
        }

        var fake = new FakeTimeProvider();
        using (var host = TestHost.Build(contentRoot: contentRoot, services: s => s.AddSingleton<TimeProvider>(fake)))
        {
            host.Services.GetRequiredService<TimeProvider>().ShouldBeSameAs(fake);
        }
    }

    [Fact]
    public void AddInfrastructure_Options_BindFromConfiguration()
    {
        using var host = TestHost.Build(contentRoot: contentRoot, settings:
        [
            new("Database:MigrateOnStartup", "false"),
            new("Demo:Seed", "true"),
        ]);

        host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup.ShouldBeFalse();
        host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider.ShouldBe(DatabaseProvider.Sqlite);
        host.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Seed.ShouldBe(true);
        host.Services.GetRequiredService<IFieldProtector>().ShouldNotBeNull();
    }

    [Fact]
    public async Task DatabaseCheck_DatabaseDoesNotAnswer_Unhealthy()
    {
        using var host = TestHost.Build(
            settings:
            [
                new("Database:Provider", "Postgres"),
                new("ConnectionStrings:Lotgenoten", "Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=3"),
            ],
            services: s => s.AddHealthChecks().AddDatabaseCheck());

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct);
        report.Status.ShouldBe(HealthStatus.Unhealthy);
    }

    [Fact]
    public async Task DatabaseCheck_SqliteFileMissing_Unhealthy()
    {
        using var host = TestHost.Build(contentRoot: contentRoot, services: s => s.AddHealthChecks().AddDatabaseCheck());

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct);
        report.Status.ShouldBe(HealthStatus.Unhealthy);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(contentRoot))
        {
            Directory.Delete(contentRoot, recursive: true);
        }
    }
}
