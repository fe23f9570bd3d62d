using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Lotgenoten.Bench.Report;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Figures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// The report benchmark (issue 9, measurement 2). Two modes:
//   --sqlite PATH --postgres CONNSTRING --year 2025      EF Core ÷ hand-written SQL (BenchmarkDotNet, short run job)
//   ... --log-sql 1                                      instead of the benchmark: EF Core's commands with their times
//   --api URL --year 2025 [--requests 30] [--name sqlite] p95 of sequential GET /api/reports/annual/{year}
// Every RESULT line: RESULT <name> <value> target <target> PASS|MISS.
var options = ParseArguments(args);
var year = int.Parse(options.GetValueOrDefault("year", "2025"), CultureInfo.InvariantCulture);

if (options.TryGetValue("api", out var baseUrl))
{
    return await ApiAsync(baseUrl, year, int.Parse(options.GetValueOrDefault("requests", "30"), CultureInfo.InvariantCulture), options.GetValueOrDefault("name", "sqlite"));
}

if (options.TryGetValue("sqlite", out var sqlite))
{
    Environment.SetEnvironmentVariable(Settings.SqliteVariable, AppDatabase.SqliteConnectionString(sqlite));
}

if (options.TryGetValue("postgres", out var postgres))
{
    Environment.SetEnvironmentVariable(Settings.PostgresVariable, postgres);
}

Environment.SetEnvironmentVariable(Settings.YearVariable, year.ToString(CultureInfo.InvariantCulture));
if (Settings.Databases().Count == 0)
{
    await Console.Error.WriteLineAsync("Usage: --sqlite PATH and/or --postgres CONNSTRING [--year 2025]; or --api URL [--year 2025] [--requests 30] [--name sqlite]");
    return 2;
}

// First: both give identical figures on each database.
foreach (var (provider, connectionString) in Settings.Databases())
{
    var (hand, ef, handMs, efMs) = await ComputeBothAsync(provider, connectionString, FiguresPeriod.Year(year));
    var (handJson, efJson) = (JsonSerializer.Serialize(hand), JsonSerializer.Serialize(ef));
    Console.WriteLine($"{provider}: hand-written SQL {handMs} ms, EF Core {efMs} ms (first run); referrals received {hand.ReferralsReceived.Total}, expected attendances {hand.ExpectedAttendances}");
    if (handJson != efJson)
    {
        await Console.Error.WriteLineAsync($"{provider}: the figures differ.\nhand: {handJson}\nef:   {efJson}");
        return 1;
    }
}

Console.WriteLine("Both give identical figures on every database.");
if (options.ContainsKey("log-sql"))
{
    // Diagnosis only: EF Core's commands with their times, once per database, instead of the benchmark.
    foreach (var (provider, connectionString) in Settings.Databases())
    {
        using var host = AppDatabase.Host(provider, connectionString, logSql: true);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync();
        await FiguresQuery.ComputeAsync(db, FiguresPeriod.Year(year), CancellationToken.None);
    }

    return 0;
}

var summary = BenchmarkRunner.Run<ReportBenchmarks>(
    DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance)).WithOptions(ConfigOptions.DisableOptimizationsValidator));

var exit = 0;
foreach (var (provider, _) in Settings.Databases())
{
    double? Median(string method) => summary.Reports
        .Where(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method
            && Equals(r.BenchmarkCase.Parameters["Provider"], provider))
        .Select(r => r.ResultStatistics?.Median)
        .FirstOrDefault();
    var (handNs, efNs) = (Median(nameof(ReportBenchmarks.HandSql)), Median(nameof(ReportBenchmarks.EfCore)));
    var name = provider == DatabaseProvider.Postgres ? "postgres" : "sqlite";
    if (handNs is not > 0 || efNs is null)
    {
        Console.WriteLine($"RESULT report-ef-vs-sql-{name} NaN target 1.3 MISS");
        exit = 1;
        continue;
    }

    var ratio = efNs.Value / handNs.Value;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"# {name}: hand-written SQL {handNs.Value / 1e6:0.0} ms, EF Core {efNs.Value / 1e6:0.0} ms (medians)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"RESULT report-ef-vs-sql-{name} {ratio:0.00} target 1.3 {(ratio <= 1.3 ? "PASS" : "MISS")}"));
}

return exit;

static async Task<(PeriodFigures Hand, PeriodFigures Ef, long HandMs, long EfMs)> ComputeBothAsync(DatabaseProvider provider, string connectionString, FiguresPeriod period)
{
    using var host = AppDatabase.Host(provider, connectionString);
    var watch = Stopwatch.StartNew();
    PeriodFigures hand;
    await using (var connection = AppDatabase.Connection(provider, connectionString))
    {
        hand = await HandWrittenFigures.ComputeAsync(connection, provider, period, CancellationToken.None);
    }

    var handMs = watch.ElapsedMilliseconds;
    watch.Restart();
    await using var db = await host.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync();
    var ef = await FiguresQuery.ComputeAsync(db, period, CancellationToken.None);
    return (hand, ef, handMs, watch.ElapsedMilliseconds);
}

static async Task<int> ApiAsync(string baseUrl, int year, int requests, string name)
{
    using var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
    client.DefaultRequestHeaders.Add("X-Api-Key", "dev-report-key");
    var path = $"/api/reports/annual/{year}";

    // Warm-up: the first requests compile the queries and fill the pools.
    for (var i = 0; i < 5; i++)
    {
        using var warm = await client.GetAsync(path);
        if (!warm.IsSuccessStatusCode)
        {
            await Console.Error.WriteLineAsync($"GET {path} answered {(int)warm.StatusCode}");
            return 1;
        }

        await warm.Content.ReadAsByteArrayAsync();
    }

    var times = new List<double>();
    for (var i = 0; i < requests; i++)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync(path);
        await response.Content.ReadAsByteArrayAsync();
        times.Add(watch.Elapsed.TotalMilliseconds);
        response.EnsureSuccessStatusCode();
    }

    times.Sort();
    var p95 = times[Math.Clamp((int)Math.Ceiling(0.95 * times.Count), 1, times.Count) - 1];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"# api {name}: {requests} sequential requests, min {times[0]:0.0} ms, median {times[times.Count / 2]:0.0} ms, max {times[^1]:0.0} ms"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"RESULT report-api-p95-ms-{name} {p95:0} target 200 {(p95 < 200 ? "PASS" : "MISS")}"));
    return 0;
}

static Dictionary<string, string> ParseArguments(string[] args)
{
    var options = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        if (!args[i].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Expected an option, found '{args[i]}'.");
        }

        options[args[i][2..]] = args[i + 1];
    }

    return options;
}
