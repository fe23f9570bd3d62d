using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Scheduling;
using Lotgenoten.Infrastructure.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Infrastructure.Tests.Scheduling;

/// <summary>The daily claim of a job: one winner per job and day, on both databases, also when claims race.</summary>
public abstract class DailyRunClaimsTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private static readonly DateOnly Day = new(2026, 11, 30);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 2, 30, 0, TimeSpan.Zero));

    private DailyRunClaims Claims => new(DbFactory, _clock);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        await db.Set<ScheduledRun>().ExecuteDeleteAsync(Ct);
    }

    [Fact]
    public async Task TryClaim_SameJobAndDayTwice_OnlyTheFirstWins()
    {
        (await Claims.TryClaimAsync("retention", Day, Ct)).ShouldBeTrue();
        (await Claims.TryClaimAsync("retention", Day, Ct)).ShouldBeFalse();
        (await Claims.TryClaimAsync("retention", Day.AddDays(1), Ct)).ShouldBeTrue();
        (await Claims.TryClaimAsync("other", Day, Ct)).ShouldBeTrue();

        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        var runs = await db.Set<ScheduledRun>().AsNoTracking().OrderBy(r => r.Job).ThenBy(r => r.Day).ToListAsync(Ct);
        runs.Select(r => (r.Job, r.Day)).ShouldBe([("other", Day), ("retention", Day), ("retention", Day.AddDays(1))]);
        runs.ShouldAllBe(r => r.ClaimedAt == _clock.GetUtcNow() && r.Instance == DailyRunClaims.InstanceId);
    }

    [Fact]
    public async Task TryClaim_TwentyAtOnceFromTwoHosts_ExactlyOneWins()
    {
        var other = new DailyRunClaims(CreateHost().Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>(), _clock);
        var claims = Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? Claims : other).TryClaimAsync("retention", Day, Ct));

        var won = await Task.WhenAll(claims);

        won.Count(w => w).ShouldBe(1);
    }

    [Fact]
    public async Task TryClaim_Won_DeletesClaimsOlderThanNinetyDays()
    {
        (await Claims.TryClaimAsync("retention", Day.AddDays(-91), Ct)).ShouldBeTrue();
        (await Claims.TryClaimAsync("retention", Day.AddDays(-90), Ct)).ShouldBeTrue();
        (await Claims.TryClaimAsync("other", Day.AddDays(-91), Ct)).ShouldBeTrue();

        (await Claims.TryClaimAsync("retention", Day, Ct)).ShouldBeTrue();

        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        (await db.Set<ScheduledRun>().AsNoTracking().OrderBy(r => r.Job).ThenBy(r => r.Day).Select(r => new { r.Job, r.Day }).ToListAsync(Ct))
            .Select(r => (r.Job, r.Day)).ShouldBe([("other", Day.AddDays(-91)), ("retention", Day.AddDays(-90)), ("retention", Day)]);
    }
}

public sealed class SqliteDailyRunClaimsTests(SqliteTestDatabase db) : DailyRunClaimsTests<SqliteTestDatabase>(db);

public sealed class PostgresDailyRunClaimsTests(PostgresTestDatabase db) : DailyRunClaimsTests<PostgresTestDatabase>(db);
