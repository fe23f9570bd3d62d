using System.Text.Json;
using Lotgenoten.Bench.Report;
using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Infrastructure.Figures;
using Lotgenoten.Infrastructure.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Lotgenoten.Infrastructure.Tests.Figures;

/// <summary>
/// The report benchmark's baseline (<see cref="HandWrittenFigures"/>, linked from bench/Lotgenoten.Bench.Report) gives
/// exactly the figures of <see cref="FiguresQuery"/> on the hand-worked world of <see cref="FiguresQueryTests{TDatabase}"/>:
/// every field of every year around it, before and after retention keeps the attended counts and unlinks the rows.
/// </summary>
public abstract class HandWrittenFiguresTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private static readonly int[] Years = [2023, 2024, 2025, 2026];

    private async Task<(PeriodFigures Hand, PeriodFigures Ef)> BothAsync(int year)
    {
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        var ef = await FiguresQuery.ComputeAsync(db, FiguresPeriod.Year(year), Ct);
        var hand = await HandWrittenFigures.ComputeAsync(db.Database.GetDbConnection(), Database.Provider, FiguresPeriod.Year(year), Ct);
        return (hand, ef);
    }

    private async Task AssertEveryYearEqualAsync(string when)
    {
        foreach (var year in Years)
        {
            var (hand, ef) = await BothAsync(year);
            JsonSerializer.Serialize(hand).ShouldBe(JsonSerializer.Serialize(ef), $"the figures of {year} {when}");
        }
    }

    /// <summary>One test (the class's database holds one world).</summary>
    [Fact]
    public async Task Compute_HandWorkedWorld_EveryFieldEqualsFiguresQuery()
    {
        await using (var db = await DbFactory.CreateDbContextAsync(Ct))
        {
            db.AddRange(FiguresQueryTests<TDatabase>.Build().Entities);
            await db.SaveChangesAsync(Ct);
        }

        var (hand, _) = await BothAsync(2025);
        hand.ShouldSatisfyAllConditions(
            () => hand.ReferralsReceived.Total.ShouldBe(6),
            () => hand.ReferralsReceived.Breakdowns["byRegion"].Single(x => x.Key == "Antwerp").Value.ShouldBe(3),
            () => hand.IntakesHeld.ShouldBe(6),
            () => hand.Placed.ShouldBe(5),
            () => hand.Joined.ShouldBe(3),
            () => hand.StartedOfPlaced.ShouldBe(3),
            () => hand.DaysToFirstMeeting.ShouldBe([46, 53, 328]),
            () => hand.WaitingAtEnd.ShouldBe(1),
            () => hand.LongestWaitDays.ShouldBe(301),
            () => hand.GroupsRunning.ShouldBe(2),
            () => hand.Attendances.ShouldBe(7),
            () => hand.ExpectedAttendances.ShouldBe(11),
            () => hand.Completed.ShouldBe(1),
            () => hand.Withdrawn.Breakdowns["byReason"].Single(x => x.Key == "PracticalReasons").Value.ShouldBe(1),
            () => hand.ConcernsRaised.ShouldBe(1));
        await AssertEveryYearEqualAsync("as seeded");

        // Retention keeps each ended membership's attended count and unlinks its rows: the completed count then comes
        // from the kept number.
        await using (var db = await DbFactory.CreateDbContextAsync(Ct))
        {
            foreach (var membership in await db.Set<Membership>().Where(m => m.EndedAt != null).ToListAsync(Ct))
            {
                var rows = await db.Set<AttendanceRecord>().Where(a => a.MembershipId == membership.Id).ToListAsync(Ct);
                membership.KeepAttendedMeetings(rows.Count(a => a.Attended));
                rows.ForEach(a => a.Unlink());
            }

            await db.SaveChangesAsync(Ct);
        }

        await AssertEveryYearEqualAsync("after unlinking");
        (await BothAsync(2025)).Hand.Completed.ShouldBe(1);
    }
}

public sealed class SqliteHandWrittenFiguresTests(SqliteTestDatabase database) : HandWrittenFiguresTests<SqliteTestDatabase>(database);

public sealed class PostgresHandWrittenFiguresTests(PostgresTestDatabase database) : HandWrittenFiguresTests<PostgresTestDatabase>(database);
