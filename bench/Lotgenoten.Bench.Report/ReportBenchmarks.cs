using System.Data.Common;
using BenchmarkDotNet.Attributes;
using Lotgenoten.Infrastructure;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Figures;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Lotgenoten.Bench.Report;

/// <summary>
/// The annual figures of one year: hand-written SQL (the baseline) against <see cref="FiguresQuery"/> on a context from the
/// app's own factory (as the app runs it), per database. BenchmarkDotNet runs this in a child process, so the databases
/// and the year come from the environment (<see cref="Settings"/>).
/// </summary>
[MemoryDiagnoser]
public class ReportBenchmarks
{
    private IHost? host;
    private IDbContextFactory<LotgenotenDbContext>? factory;
    private string connectionString = "";
    private FiguresPeriod period = FiguresPeriod.Year(2025);

    /// <summary>The databases given (Sqlite, Postgres).</summary>
    public static IEnumerable<DatabaseProvider> Providers() => Settings.Databases().Select(d => d.Provider);

    [ParamsSource(nameof(Providers))]
    public DatabaseProvider Provider { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        connectionString = Settings.Databases().Single(d => d.Provider == Provider).ConnectionString;
        period = FiguresPeriod.Year(Settings.Year());
        host = AppDatabase.Host(Provider, connectionString);
        factory = host.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>();
    }

    [GlobalCleanup]
    public void Cleanup() => host?.Dispose();

    [Benchmark(Baseline = true)]
    public async Task<PeriodFigures> HandSql()
    {
        await using var connection = AppDatabase.Connection(Provider, connectionString);
        return await HandWrittenFigures.ComputeAsync(connection, Provider, period, CancellationToken.None);
    }

    [Benchmark]
    public async Task<PeriodFigures> EfCore()
    {
        await using var db = await factory!.CreateDbContextAsync();
        return await FiguresQuery.ComputeAsync(db, period, CancellationToken.None);
    }
}

/// <summary>What the benchmark process passes to BenchmarkDotNet's child process.</summary>
public static class Settings
{
    public const string SqliteVariable = "LOTGENOTEN_BENCH_SQLITE";
    public const string PostgresVariable = "LOTGENOTEN_BENCH_POSTGRES";
    public const string YearVariable = "LOTGENOTEN_BENCH_YEAR";

    public static IReadOnlyList<(DatabaseProvider Provider, string ConnectionString)> Databases()
    {
        var list = new List<(DatabaseProvider, string)>();
        if (Environment.GetEnvironmentVariable(SqliteVariable) is { Length: > 0 } sqlite)
        {
            list.Add((DatabaseProvider.Sqlite, sqlite));
        }

        if (Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } postgres)
        {
            list.Add((DatabaseProvider.Postgres, postgres));
        }

        return list;
    }

    public static int Year() =>
        int.TryParse(Environment.GetEnvironmentVariable(YearVariable), out var year) ? year : 2025;
}

/// <summary>The app's database services, built as the web app builds them (<c>AddInfrastructure</c>).</summary>
public static class AppDatabase
{
    /// <summary>A host (not started) whose <see cref="IDbContextFactory{LotgenotenDbContext}"/> is the app's.</summary>
    public static IHost Host(DatabaseProvider provider, string connectionString, bool logSql = false)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Production",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Lotgenoten"] = connectionString,
            ["Database:MigrateOnStartup"] = "false",
            ["Demo:Seed"] = "false",
            ["DataProtection:KeyEncryptionKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["DataProtection:BlindIndexKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        });
        if (logSql)
        {
            builder.Logging.AddProvider(new SqlLog());
            builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information);
        }

        builder.AddInfrastructure();
        return builder.Build();
    }

    /// <summary>A new (pooled) ADO.NET connection to the same database.</summary>
    public static DbConnection Connection(DatabaseProvider provider, string connectionString) =>
        provider == DatabaseProvider.Postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);

    /// <summary>A SQLite connection string for a file path (a connection string is passed through).</summary>
    public static string SqliteConnectionString(string pathOrConnectionString) =>
        pathOrConnectionString.Contains('=', StringComparison.Ordinal)
            ? pathOrConnectionString
            : new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(pathOrConnectionString) }.ToString();
}
