using System.Collections.Concurrent;
using System.Data.Common;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Figures;
using Lotgenoten.Web.Tests.Features.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lotgenoten.Web.Tests.Features.Performance;

/// <summary>
/// Issue 9: the annual figures and the dashboard run as SQL. Both are computed for a year of the demo data on a context of
/// the app's own database that turns EF Core's query warnings (a row limit or <c>First</c> without an order, several
/// collections included in one query, <c>Distinct</c> after an order) into exceptions and records every log entry of
/// EF Core's query category, and that counts the rows each command reads. EF Core refuses client evaluation in a filter
/// or grouping outright; in the last projection it evaluates on the client without a word, so the row count is what
/// catches that: a query that loads a period's rows instead of counting them reads far more rows than any grouped
/// answer. The last test runs such queries through the same checks and shows that they fail.
/// </summary>
public sealed class ReportQueryTranslationTests(FiguresApp app) : IClassFixture<FiguresApp>, IAsyncLifetime
{
    private const int Year = 2025;

    /// <summary>Referrals added to the demo year, so that a query that loads a year's rows reads far more than a grouped one.</summary>
    private const int AddedReferrals = 1_200;

    /// <summary>
    /// The most rows one command of a figures query may read: a grouped answer has a row per category (or per group and
    /// month), never one per referral, meeting or attendance.
    /// </summary>
    private const int MaxRowsPerCommand = 400;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>();
        await using var db = await factory.CreateDbContextAsync(Ct);
        var from = new DateOnly(Year, 1, 1);
        if (await db.Set<Referral>().CountAsync(r => r.ReceivedOn >= from && r.ReceivedOn <= new DateOnly(Year, 12, 31), Ct) >= AddedReferrals)
        {
            return;
        }

        Relation[] relations = [Relation.Partner, Relation.Parent, Relation.Sibling];
        Region[] regions = [Region.Antwerp, Region.Brussels, Region.Limburg];
        for (var i = 0; i < AddedReferrals; i++)
        {
            var on = from.AddDays(i % 365);
            var at = new DateTimeOffset(on.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
            db.Add(Referral.Register(
                new ReferralDetails(on, ReferralChannel.Phone, relations[i % relations.Length], Concern.Unknown, Language.Nl,
                    regions[i % regions.Length], FormatPreference.Either, WeeklyAvailability.Of([new(DayOfWeek.Tuesday, DayPart.Evening)]),
                    ContactPreference.Code, true, "2025-01", null),
                "counsellor", at));
        }

        await db.SaveChangesAsync(Ct);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task FiguresQuery_DemoYear_RunsAsSqlWithoutQueryWarnings()
    {
        var probe = new QueryProbe();
        await using (var db = NewStrictContext(probe))
        {
            var figures = await FiguresQuery.ComputeAsync(db, FiguresPeriod.Year(Year), Ct);
            figures.ShouldNotBeNull();
        }

        probe.ShouldHaveRunAsSql();
    }

    [Fact]
    public async Task DashboardQuery_DemoYearAllGroups_RunsAsSqlWithoutQueryWarnings()
    {
        var probe = new QueryProbe();
        await using (var db = NewStrictContext(probe))
        {
            var figures = await DashboardQuery.ComputeAsync(db, FiguresPeriod.Year(Year), DashboardScope.All, FiguresApp.Now, Ct);
            figures.ShouldNotBeNull();
        }

        probe.ShouldHaveRunAsSql();
    }

    [Fact]
    public async Task Probe_QueriesThatLoadRowsOrLimitWithoutOrder_Fail()
    {
        // A row limit without an order: the strict context throws.
        await using (var db = NewStrictContext(new QueryProbe()))
        {
            await Should.ThrowAsync<InvalidOperationException>(() => db.Set<Referral>().Skip(1).Take(1).ToListAsync(Ct));
        }

        // A client-evaluated filter: EF Core refuses to translate it.
        await using (var db = NewStrictContext(new QueryProbe()))
        {
            await Should.ThrowAsync<InvalidOperationException>(() => db.Set<Referral>().Where(r => IsCounted(r)).CountAsync(Ct));
        }

        // Counting on the client after loading every row of the year (a client-evaluated last projection): EF Core is
        // silent, the probe is not.
        var probe = new QueryProbe();
        await using (var db = NewStrictContext(probe))
        {
            var dates = await db.Set<Referral>().AsNoTracking().Select(r => Describe(r.ReceivedOn)).ToListAsync(Ct);
            dates.Count(d => d.StartsWith("2025-", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(AddedReferrals);
        }

        Should.Throw<ShouldAssertException>(probe.ShouldHaveRunAsSql);
    }

    private static bool IsCounted(Referral referral) => referral.Id != Guid.Empty;

    private static string Describe(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A context on the app's database with the app's options, EF Core's query warnings as errors, and the probe.</summary>
    private LotgenotenDbContext NewStrictContext(QueryProbe probe) => app.Provider == DatabaseProvider.Postgres
        ? new PostgresLotgenotenDbContext(StrictOptions<PostgresLotgenotenDbContext>(probe))
        : new SqliteLotgenotenDbContext(StrictOptions<SqliteLotgenotenDbContext>(probe));

    private DbContextOptions<TContext> StrictOptions<TContext>(QueryProbe probe)
        where TContext : LotgenotenDbContext
    {
        var appOptions = app.Services.GetRequiredService<DbContextOptions<TContext>>();
        return new DbContextOptionsBuilder<TContext>(appOptions)
            .UseLoggerFactory(probe.Loggers)
            .AddInterceptors(probe)
            .ConfigureWarnings(w => w.Throw(
                CoreEventId.RowLimitingOperationWithoutOrderByWarning,
                CoreEventId.FirstWithoutOrderByAndFilterWarning,
                CoreEventId.DistinctAfterOrderByWithoutRowLimitingOperatorWarning,
                RelationalEventId.MultipleCollectionIncludeWarning))
            .Options;
    }

    /// <summary>Records EF Core's query-category log entries and how many rows each command read.</summary>
    private sealed class QueryProbe : DbCommandInterceptor, ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _warnings = new();
        private readonly ConcurrentQueue<(string Sql, int Rows)> _commands = new();

        public QueryProbe() => Loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(this));

        public ILoggerFactory Loggers { get; }

        public void ShouldHaveRunAsSql()
        {
            _warnings.ShouldBeEmpty();
            _commands.ShouldNotBeEmpty();
            var largest = _commands.MaxBy(c => c.Rows);
            largest.Rows.ShouldBeLessThanOrEqualTo(MaxRowsPerCommand, $"a figures command reads rows, not counts: {largest.Sql}");
        }

        public override InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            _commands.Enqueue((command.CommandText, eventData.ReadCount));
            return result;
        }

        public override ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            _commands.Enqueue((command.CommandText, eventData.ReadCount));
            return ValueTask.FromResult(result);
        }

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _warnings);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> warnings) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Warning && category.StartsWith("Microsoft.EntityFrameworkCore.Query", StringComparison.Ordinal))
                {
                    warnings.Enqueue($"{eventId.Name}: {formatter(state, exception)}");
                }
            }
        }
    }
}
