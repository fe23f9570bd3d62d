using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Web.Features.Attendance;
using Microsoft.EntityFrameworkCore;

namespace Lotgenoten.Web.Tests.Features.Attendance;

/// <summary>
/// Two co-facilitators tap the same member at the same moment: both services have read the register and made their
/// change before either saves (the gate holds both SaveChanges until the second arrives). The first save wins; the second
/// gets a conflict that says what the first set, and nothing is overwritten. The same cases on SQLite and PostgreSQL.
/// </summary>
public abstract class AttendanceRaceTests : IAsyncLifetime
{
    private AttendanceTestApp _app = default!;

    protected abstract Task<AttendanceTestApp> StartAsync();

    public async ValueTask InitializeAsync() => _app = await StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Mark_TwoFirstTapsOnTheSameMemberAtOnce_TheSecondGetsAConflict()
    {
        var member = _app.Members[0].Id;
        var pieter = _app.Attendance();
        var sarah = _app.Attendance();
        _app.Gate.Arm(2);

        var results = await Task.WhenAll(
            Task.Run(() => pieter.MarkAsync(AttendanceTestApp.Facilitator, _app.GroupId, _app.Today.Id, member, AttendanceStatus.Present, 0, Ct), Ct),
            Task.Run(() => sarah.MarkAsync(AttendanceTestApp.CoFacilitator, _app.GroupId, _app.Today.Id, member, AttendanceStatus.Absent, 0, Ct), Ct));

        await ExactlyOneWinsAsync(results, [AttendanceStatus.Present, AttendanceStatus.Absent], expectedVersion: 1);
    }

    [Fact]
    public async Task Mark_TwoChangesOfTheSameRecordAtOnce_TheSecondGetsAConflict()
    {
        var member = _app.Members[1].Id;
        (await _app.Attendance().MarkAsync(AttendanceTestApp.Facilitator, _app.GroupId, _app.Today.Id, member, AttendanceStatus.Present, 0, Ct))
            .Succeeded.ShouldBeTrue();
        var pieter = _app.Attendance();
        var sarah = _app.Attendance();
        _app.Gate.Arm(2);

        var results = await Task.WhenAll(
            Task.Run(() => pieter.MarkAsync(AttendanceTestApp.Facilitator, _app.GroupId, _app.Today.Id, member, AttendanceStatus.Late, 1, Ct), Ct),
            Task.Run(() => sarah.MarkAsync(AttendanceTestApp.CoFacilitator, _app.GroupId, _app.Today.Id, member, AttendanceStatus.Absent, 1, Ct), Ct));

        await ExactlyOneWinsAsync(results, [AttendanceStatus.Late, AttendanceStatus.Absent], expectedVersion: 2);
    }

    private async Task ExactlyOneWinsAsync(AttendanceResult[] results, AttendanceStatus[] asked, int expectedVersion)
    {
        results.Count(r => r.Succeeded).ShouldBe(1);
        var winner = results[0].Succeeded ? 0 : 1;
        var loser = results[1 - winner];
        var (winnerStatus, winnerName) = (asked[winner], winner == 0 ? "Pieter Begeleider" : "Sarah Begeleider");
        (loser.Conflict, loser.Current!.Status, loser.Current.Version, loser.Current.RecordedBy).ShouldBe(
            (true, (AttendanceStatus?)winnerStatus, expectedVersion, winnerName));
        loser.Error.ShouldBe($"{winnerName} zette dit intussen op {(winnerStatus switch
        {
            AttendanceStatus.Present => "Aanwezig",
            AttendanceStatus.Late => "Te laat",
            _ => "Afwezig",
        })}. Er is niets overschreven.");

        await using var db = await _app.DbAsync(Ct);
        var records = await db.Set<AttendanceRecord>().Where(a => a.MeetingId == _app.Today.Id).ToListAsync(Ct);
        var record = records.ShouldHaveSingleItem();
        (record.Status, record.Version).ShouldBe((winnerStatus, expectedVersion));
        (await db.Set<AuditEvent>().CountAsync(Ct)).ShouldBe(0);
    }
}

public sealed class SqliteAttendanceRaceTests : AttendanceRaceTests
{
    protected override Task<AttendanceTestApp> StartAsync() => AttendanceTestApp.SqliteAsync();
}

public sealed class PostgresAttendanceRaceTests : AttendanceRaceTests
{
    protected override Task<AttendanceTestApp> StartAsync() => AttendanceTestApp.PostgresAsync();
}
