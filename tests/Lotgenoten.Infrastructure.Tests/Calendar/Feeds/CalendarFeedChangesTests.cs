using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Calendar.Feeds;
using Lotgenoten.Infrastructure.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lotgenoten.Infrastructure.Tests.Calendar.Feeds;

/// <summary>
/// The change signal behind the feed cache, on the contexts <c>AddInfrastructure</c> builds: every kind of write moves it
/// (so a cached feed lookup is never served stale on this instance), and a read does not (so polls stay in memory).
/// </summary>
public abstract class CalendarFeedChangesTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private CalendarFeedChanges Changes => Services.GetRequiredService<CalendarFeedChanges>();

    [Fact]
    public async Task Read_AnyQuery_GenerationUnchanged()
    {
        await AddStaffAsync("changes-read");
        var before = Changes.Generation;

        await using (var db = await DbFactory.CreateDbContextAsync(Ct))
        {
            (await db.Set<StaffMember>().CountAsync(s => s.ObjectId == "changes-read", Ct)).ShouldBe(1);
            await db.SaveChangesAsync(Ct); // nothing to save
        }

        Changes.Generation.ShouldBe(before);
    }

    [Fact]
    public async Task SaveChanges_WithAChange_GenerationMoves()
    {
        var before = Changes.Generation;

        await AddStaffAsync("changes-save");

        Changes.Generation.ShouldBeGreaterThan(before);
    }

    [Fact]
    public async Task ExecuteUpdate_NonQuery_GenerationMoves()
    {
        await AddStaffAsync("changes-update");
        var before = Changes.Generation;

        await using (var db = await DbFactory.CreateDbContextAsync(Ct))
        {
            (await db.Set<StaffMember>().Where(s => s.ObjectId == "changes-update")
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.IsActive, false), Ct)).ShouldBe(1);
        }

        Changes.Generation.ShouldBeGreaterThan(before);
    }

    [Fact]
    public async Task Transaction_Committed_GenerationMovesAfterTheCommit()
    {
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        db.Add(StaffMember.Create("changes-transaction", "Test", Now));
        await db.SaveChangesAsync(Ct);
        var beforeCommit = Changes.Generation;

        await transaction.CommitAsync(Ct);

        Changes.Generation.ShouldBeGreaterThan(beforeCommit);
    }

    private async Task AddStaffAsync(string objectId)
    {
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        db.Add(StaffMember.Create(objectId, "Test", Now));
        await db.SaveChangesAsync(Ct);
    }
}

public sealed class SqliteCalendarFeedChangesTests(SqliteTestDatabase database) : CalendarFeedChangesTests<SqliteTestDatabase>(database);

public sealed class PostgresCalendarFeedChangesTests(PostgresTestDatabase database) : CalendarFeedChangesTests<PostgresTestDatabase>(database);
