using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Notes;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Api;
using Lotgenoten.Infrastructure.Email;
using Lotgenoten.Infrastructure.Figures;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Infrastructure.Retention;
using Lotgenoten.Infrastructure.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Infrastructure.Tests.Retention;

/// <summary>
/// The retention job on three years of data, with a fake clock, on SQLite and PostgreSQL: exactly the right rows go
/// (checked row by row on both sides of every boundary), the annual figures of every year stay the same, and a second
/// run changes nothing.
/// </summary>
public abstract class RetentionJobTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private static readonly int[] Years = [2024, 2025, 2026];

    private readonly FakeTimeProvider clock = new(RetentionWorld.Now);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(clock);

    private IRetentionJob Job => Services.GetRequiredService<IRetentionJob>();

    /// <summary>The class shares one database: every test starts from an empty one.</summary>
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        await db.Set<AuditEvent>().ExecuteDeleteAsync(Ct);
        await db.Set<ApiIdempotencyRecord>().ExecuteDeleteAsync(Ct);
        await db.Set<OutboxMessage>().ExecuteDeleteAsync(Ct);
        await db.Set<SafeguardingConcern>().ExecuteDeleteAsync(Ct);
        await db.Set<FacilitatorNote>().ExecuteDeleteAsync(Ct);
        await db.Set<AttendanceRecord>().ExecuteDeleteAsync(Ct);
        await db.Set<Meeting>().ExecuteDeleteAsync(Ct);
        await db.Set<Membership>().ExecuteDeleteAsync(Ct);
        await db.Set<GroupFacilitator>().ExecuteDeleteAsync(Ct);
        await db.Set<PeerGroup>().ExecuteDeleteAsync(Ct);
        await db.Set<ReferralStatusChange>().ExecuteDeleteAsync(Ct);
        await db.Set<Referral>().ExecuteDeleteAsync(Ct);
        await db.Set<StaffMember>().ExecuteDeleteAsync(Ct);
        await db.Set<ParticipantUser>().ExecuteDeleteAsync(Ct);
    }

    private async Task<RetentionWorld> SeedAsync()
    {
        var world = new RetentionWorld(Services.GetRequiredService<IFieldProtector>());
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        world.AddTo(db);
        await db.SaveChangesAsync(Ct);
        return world;
    }

    private async Task<List<PeriodFigures>> FiguresAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        var figures = new List<PeriodFigures>();
        foreach (var year in Years)
        {
            figures.Add(await AnnualFigures.ComputeAsync(db, year, Ct));
        }

        return figures;
    }

    [Fact]
    public async Task Run_ThreeYearsOfData_ErasesAndDeletesExactlyWhatIsDue()
    {
        var world = await SeedAsync();

        var result = await Job.RunAsync(Ct);

        result.ShouldBe(new RetentionResult(EmailsErased: 11, NotesErased: 5, AuditEventsDeleted: 13, AttendanceUnlinked: 24,
            OutboxMessagesDeleted: 1, IdempotencyRecordsDeleted: 1));

        await using var db = await DbFactory.CreateDbContextAsync(Ct);

        // E-mail addresses: 30 days after the membership ended or the referral closed without placement.
        var referrals = await db.Set<Referral>().AsNoTracking().ToDictionaryAsync(r => r.Id, Ct);
        string[] erased = ["A1", "A2", "A3", "Declined2024", "B1", "B2", "B3", "C1", "C2", "D2", "Withdrawn31"];
        string[] kept = ["Waiting2024", "D1", "D3", "D4Returned", "Withdrawn29", "New"];
        foreach (var name in erased)
        {
            var referral = referrals[world.Referrals[name].Id];
            (referral.EmailCiphertext, referral.EmailBlindIndex, referral.EmailErasedAt).ShouldBe(
                ((string?)null, (string?)null, (DateTimeOffset?)RetentionWorld.Now), $"{name}'s address is due");
        }

        foreach (var name in kept)
        {
            var referral = referrals[world.Referrals[name].Id];
            referral.EmailCiphertext.ShouldBe(world.Referrals[name].EmailCiphertext, $"{name}'s address is still needed");
            referral.EmailBlindIndex.ShouldNotBeNull();
            referral.EmailErasedAt.ShouldBeNull();
        }

        referrals.Values.Count(r => r.EmailErasedAt != null).ShouldBe(erased.Length);

        // Note texts: 12 months after the group closed, never behind an open concern. Rows stay.
        var notes = await db.Set<FacilitatorNote>().AsNoTracking().ToDictionaryAsync(n => n.Id, Ct);
        notes.Count.ShouldBe(world.Notes.Count);
        foreach (var name in new[] { "A.Session1", "A.Session2", "A.HandledConcernNote", "B.Session1", "B.PlainMemberNote" })
        {
            (notes[world.Notes[name].Id].TextCiphertext, notes[world.Notes[name].Id].ErasedAt).ShouldBe(
                ((string?)null, (DateTimeOffset?)RetentionWorld.Now), $"{name} is due");
        }

        foreach (var name in new[] { "A.OpenConcernNote", "B.InProgressConcernNote", "C.Session1", "D.Session1", "D.HandledConcernNote" })
        {
            notes[world.Notes[name].Id].TextCiphertext.ShouldBe(world.Notes[name].TextCiphertext, $"{name} stays");
            notes[world.Notes[name].Id].ErasedAt.ShouldBeNull();
        }

        // Concerns are never touched.
        var concerns = await db.Set<SafeguardingConcern>().AsNoTracking().ToDictionaryAsync(c => c.Id, Ct);
        foreach (var (name, concern) in world.Concerns)
        {
            (concerns[concern.Id].Status, concerns[concern.Id].Version, concerns[concern.Id].ActionCiphertext).ShouldBe(
                (concern.Status, concern.Version, concern.ActionCiphertext), name);
        }

        // Audit events: older than 24 months go, except the trail of a concern that is still open.
        var audit = await db.Set<AuditEvent>().AsNoTracking().Where(a => a.Kind != AuditKind.RetentionRun || a.OccurredAt < RetentionWorld.Now)
            .Select(a => a.Id).ToListAsync(Ct);
        string[] deleted =
        [
            "A.Created", "A1.Placed", "A2.Placed", "A3.Placed", "A.Session1.Written", "A.Session2.Written", "A.HandledConcernNote.Written",
            "A.Handled.Flagged", "A.Handled.Taken", "A.Handled.Handled", "A.Closed", "Revealed25Months", "RetentionRun2024",
        ];
        var expected = world.Audit.Where(p => !deleted.Contains(p.Key)).Select(p => p.Value.Id).Order().ToList();
        audit.Order().ShouldBe(expected);
        audit.ShouldContain(world.Audit["A.Open.Flagged"].Id, "an open concern keeps its trail");
        audit.ShouldContain(world.Audit["A.OpenConcernNote.Written"].Id, "an open concern's note keeps its trail");
        audit.ShouldContain(world.Audit["Revealed23Months"].Id);

        // The run itself: one event, counts only.
        var run = await db.Set<AuditEvent>().AsNoTracking().SingleAsync(a => a.Kind == AuditKind.RetentionRun, Ct);
        (run.ActorId, run.EntityType, run.EntityId, run.OccurredAt, run.GroupId).ShouldBe(
            ("system", "Retention", "e=11 n=5 a=13 u=24 o=1 i=1", RetentionWorld.Now, (Guid?)null));

        // Attendance: unlinked 30 days after the membership ended; the rows stay.
        var attendance = await db.Set<AttendanceRecord>().AsNoTracking().ToDictionaryAsync(a => a.Id, Ct);
        attendance.Count.ShouldBe(world.Attendance.Count);
        string[] unlinked = ["A1", "A2", "A3", "B1", "B2", "B3", "C1", "C2", "D2"];
        foreach (var row in world.Attendance)
        {
            var member = world.Members.Single(m => m.Value.Id == row.MembershipId).Key;
            var stored = attendance[row.Id];
            stored.Status.ShouldBe(row.Status);
            stored.MembershipId.ShouldBe(unlinked.Contains(member) ? null : row.MembershipId, $"attendance of {member}");
        }

        attendance.Values.Count(a => a.MembershipId == world.Members["D3"].Id).ShouldBe(3, "left 29 days ago: still linked");

        // Before unlinking, each ended membership keeps how many meetings it attended (present or late).
        var keptCounts = await db.Set<Membership>().AsNoTracking().ToDictionaryAsync(m => m.Id, m => m.AttendedMeetings, Ct);
        var expectedKept = new Dictionary<string, int?>
        {
            ["A1"] = 3, ["A2"] = 1, ["A3"] = 2, ["B1"] = 3, ["B2"] = 3, ["B3"] = 0, ["C1"] = 1, ["C2"] = 2,
            ["D1"] = null, ["D2"] = 2, ["D3"] = null, ["D4Returned"] = 0,
        };
        foreach (var (name, membership) in world.Members)
        {
            keptCounts[membership.Id].ShouldBe(expectedKept[name], $"{name}'s attended meetings");
        }

        // Outbox and idempotency records.
        (await db.Set<OutboxMessage>().AsNoTracking().Select(m => m.Id).OrderBy(id => id).ToListAsync(Ct)).ShouldBe(
            new[] { world.Outbox["Sent29"].Id, world.Outbox["Failed70"].Id, world.Outbox["Pending"].Id }.Order().ToList());
        (await db.Set<ApiIdempotencyRecord>().AsNoTracking().Select(r => r.Key).ToListAsync(Ct)).ShouldBe(["key-29"]);
    }

    [Fact]
    public async Task Run_ThreeYearsOfData_LeavesTheFiguresOfEveryYearUnchanged()
    {
        await SeedAsync();
        var before = await FiguresAsync();

        var result = await Job.RunAsync(Ct);

        result.Total.ShouldBeGreaterThan(0);
        var after = await FiguresAsync();
        for (var i = 0; i < Years.Length; i++)
        {
            before[i].ShouldEqual(after[i]);
        }

        // The figures themselves are what the data says (so that "unchanged" is not "zero twice").
        var (y2024, y2025, y2026) = (before[0], before[1], before[2]);
        (y2024.ReferralsReceived.Total, y2024.IntakesHeld, y2024.Placed, y2024.Joined, y2024.StartedOfPlaced).ShouldBe((5L, 5L, 3L, 3L, 3L));
        (y2024.Attendances, y2024.MeetingsHeld, y2024.MeetingsCancelled, y2024.Completed, y2024.Withdrawn.Total).ShouldBe((6L, 3L, 1L, 1L, 1L));
        (y2024.ConcernsRaised, y2024.ConcernsHandled).ShouldBe((2L, 1L));
        y2024.DaysToFirstMeeting.ShouldBe([43, 50, 57]);
        y2024.ReferralsReceived.Breakdowns["byRelation"].Where(p => p.Value != 0).ShouldBe(
            [new("Partner", 2L), new("ExPartner", 1L), new("Parent", 1L), new("Sibling", 1L)]);
        (y2025.ReferralsReceived.Total, y2025.Placed, y2025.Attendances, y2025.MeetingsHeld, y2025.MeetingsCancelled).ShouldBe((5L, 5L, 9L, 5L, 1L));
        (y2025.Completed, y2025.Withdrawn.Total, y2025.ConcernsRaised, y2025.ConcernsHandled).ShouldBe((4L, 0L, 1L, 0L));
        (y2026.ReferralsReceived.Total, y2026.Placed, y2026.Joined, y2026.StartedOfPlaced).ShouldBe((8L, 4L, 3L, 3L));
        (y2026.Attendances, y2026.MeetingsHeld, y2026.MeetingsCancelled, y2026.Withdrawn.Total).ShouldBe((8L, 4L, 1L, 3L));
        (y2026.ConcernsRaised, y2026.ConcernsHandled).ShouldBe((1L, 1L));
    }

    [Fact]
    public async Task Run_Twice_SecondRunChangesNothing()
    {
        await SeedAsync();
        await Job.RunAsync(Ct);
        var figures = await FiguresAsync();
        var snapshot = await SnapshotAsync();

        clock.Advance(TimeSpan.FromHours(1));
        var second = await Job.RunAsync(Ct);

        second.ShouldBe(RetentionResult.None);
        (await SnapshotAsync()).ShouldBe(snapshot);
        var again = await FiguresAsync();
        for (var i = 0; i < Years.Length; i++)
        {
            figures[i].ShouldEqual(again[i]);
        }
    }

    [Fact]
    public async Task Run_SetBasedChanges_MatchWhatTheDomainMethodsDo()
    {
        var world = await SeedAsync();

        await Job.RunAsync(Ct);

        // The job changes rows in SQL; the domain's own methods, applied to the same rows in memory, must agree.
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        var referral = world.Referrals["A1"];
        referral.ContactPreference.ShouldBe(ContactPreference.Email);
        referral.EraseEmail(RetentionWorld.Now).ShouldBeTrue();
        var stored = await db.Set<Referral>().AsNoTracking().SingleAsync(r => r.Id == referral.Id, Ct);
        (stored.EmailCiphertext, stored.EmailBlindIndex, stored.EmailErasedAt, stored.ContactPreference, stored.Version).ShouldBe(
            (referral.EmailCiphertext, referral.EmailBlindIndex, referral.EmailErasedAt, ContactPreference.Code, referral.Version));

        var note = world.Notes["A.Session1"];
        note.Erase(RetentionWorld.Now).ShouldBeTrue();
        var storedNote = await db.Set<FacilitatorNote>().AsNoTracking().SingleAsync(n => n.Id == note.Id, Ct);
        (storedNote.TextCiphertext, storedNote.ErasedAt, storedNote.Version, storedNote.IsDraft).ShouldBe(
            (note.TextCiphertext, note.ErasedAt, note.Version, note.IsDraft));

        var member = world.Members["C1"];
        member.KeepAttendedMeetings(world.Attendance.Count(a => a.MembershipId == member.Id && a.Attended));
        var storedMember = await db.Set<Membership>().AsNoTracking().SingleAsync(m => m.Id == member.Id, Ct);
        (storedMember.AttendedMeetings, storedMember.Version).ShouldBe((member.AttendedMeetings, member.Version));

        var row = world.Attendance.First(a => a.MembershipId == world.Members["C1"].Id);
        row.Unlink().ShouldBeTrue();
        var storedRow = await db.Set<AttendanceRecord>().AsNoTracking().SingleAsync(a => a.Id == row.Id, Ct);
        (storedRow.MembershipId, storedRow.Version).ShouldBe((row.MembershipId, row.Version));
    }

    [Fact]
    public async Task Run_SmallBatches_GivesTheSameResult()
    {
        await SeedAsync();
        var host = CreateHost(
            [new("Retention:BatchSize", "2")],
            services: s => s.AddSingleton<TimeProvider>(clock));

        var result = await host.Services.GetRequiredService<IRetentionJob>().RunAsync(Ct);

        result.ShouldBe(new RetentionResult(11, 5, 13, 24, 1, 1));
    }

    [Fact]
    public async Task Run_NothingDue_ChangesNothingAndRecordsNoEvent()
    {
        var result = await Job.RunAsync(Ct);

        result.ShouldBe(RetentionResult.None);
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        (await db.Set<AuditEvent>().CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Run_Log_HoldsCountsOnly()
    {
        var world = await SeedAsync();
        var logger = new CapturingLoggerProvider();
        var host = CreateHost(logger: logger, services: s => s.AddSingleton<TimeProvider>(clock));

        await host.Services.GetRequiredService<IRetentionJob>().RunAsync(Ct);

        var log = logger.Messages.Where(m => m.Contains(nameof(RetentionJob), StringComparison.Ordinal)).ToList();
        log.ShouldHaveSingleItem().ShouldContain(
            "Retention run: 11 e-mail address(es) erased, 5 note(s) erased, 13 audit event(s) deleted, 24 attendance row(s) unlinked, " +
            "1 outbox message(s) deleted, 1 idempotency record(s) deleted");
        var all = logger.AllText;
        all.ShouldNotContain("@voorbeeld.test");
        foreach (var id in world.Referrals.Values.Select(r => r.Id).Concat(world.Notes.Values.Select(n => n.Id)).Concat(world.Members.Values.Select(m => m.Id)))
        {
            all.ShouldNotContain(id.ToString());
        }

        foreach (var pseudonym in world.Members.Keys.Select(k => "Pseudo" + k))
        {
            all.ShouldNotContain(pseudonym);
        }
    }

    /// <summary>Every row's id and version (or its key), per table, to prove that nothing at all changed.</summary>
    private async Task<List<string>> SnapshotAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        var rows = new List<string>();
        rows.AddRange(await db.Set<Referral>().AsNoTracking().Select(r => "R " + r.Id + " " + r.Version).ToListAsync(Ct));
        rows.AddRange(await db.Set<FacilitatorNote>().AsNoTracking().Select(n => "N " + n.Id + " " + n.Version).ToListAsync(Ct));
        rows.AddRange(await db.Set<SafeguardingConcern>().AsNoTracking().Select(c => "C " + c.Id + " " + c.Version).ToListAsync(Ct));
        rows.AddRange(await db.Set<AttendanceRecord>().AsNoTracking().Select(a => "T " + a.Id + " " + a.Version).ToListAsync(Ct));
        rows.AddRange(await db.Set<Membership>().AsNoTracking().Select(m => "M " + m.Id + " " + m.Version + " " + m.AttendedMeetings).ToListAsync(Ct));
        rows.AddRange(await db.Set<AuditEvent>().AsNoTracking().Select(a => "A " + a.Id).ToListAsync(Ct));
        rows.AddRange(await db.Set<OutboxMessage>().AsNoTracking().Select(m => "O " + m.Id + " " + m.Version).ToListAsync(Ct));
        rows.AddRange(await db.Set<ApiIdempotencyRecord>().AsNoTracking().Select(r => "I " + r.ClientId + " " + r.Key).ToListAsync(Ct));
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}

public sealed class SqliteRetentionJobTests(SqliteTestDatabase db) : RetentionJobTests<SqliteTestDatabase>(db);

public sealed class PostgresRetentionJobTests(PostgresTestDatabase db) : RetentionJobTests<PostgresTestDatabase>(db);
