using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Notes;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Infrastructure.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Infrastructure.Tests.Demo;

/// <summary>The demo data is believable, follows the domain's rules, and is seeded once, on both databases (the class shares one seeded database).</summary>
public abstract class DemoDataSeederTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private static readonly DateTimeOffset Today = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Today);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    private async Task<bool> SeedAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<DemoDataSeeder>(scope.ServiceProvider).SeedAsync(Ct);
    }

    [Fact]
    public async Task Seed_FreshDatabase_GivesGroupsInEveryStatusAndThreeYearsOfReferrals()
    {
        await SeedAsync();
        await using var db = await DbFactory.CreateDbContextAsync(Ct);

        var statuses = await db.Set<PeerGroup>().Select(g => g.Status).ToListAsync(Ct);
        statuses.Distinct().Order().ShouldBe([GroupStatus.Planned, GroupStatus.Recruiting, GroupStatus.Running, GroupStatus.Closed]);

        var referrals = await db.Set<Referral>().AsNoTracking().ToListAsync(Ct);
        referrals.Count.ShouldBeInRange(100, 200);
        referrals.Min(r => r.ReceivedOn).ShouldBeLessThanOrEqualTo(new DateOnly(2023, 12, 15));
        referrals.Max(r => r.ReceivedOn).ShouldBeGreaterThanOrEqualTo(new DateOnly(2026, 11, 1));
        var partners = referrals.Count(r => r.Relation == Relation.Partner) / (double)referrals.Count;
        partners.ShouldBeInRange(0.3, 0.6, "partners are the largest group of relatives");
        referrals.Count(r => r.Status == ReferralStatus.Waiting).ShouldBeGreaterThan(3, "there is a waiting list");
        foreach (var status in new[] { ReferralStatus.Received, ReferralStatus.Completed, ReferralStatus.Withdrawn, ReferralStatus.Active, ReferralStatus.Invited })
        {
            referrals.ShouldContain(r => r.Status == status, $"some referral is {status}");
        }

        (await db.Set<StaffMember>().CountAsync(Ct)).ShouldBe(DemoUsers.All.Count(u => !u.IsParticipant));
    }

    [Fact]
    public async Task Seed_RunningGroup_MeetsEverySecondTuesdayAtSevenAcrossAClockChange()
    {
        await SeedAsync();
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        var group = await db.Set<PeerGroup>().Include(g => g.Memberships).AsNoTracking().SingleAsync(g => g.Status == GroupStatus.Running, Ct);
        var meetings = await db.Set<Meeting>().AsNoTracking().Where(m => m.GroupId == group.Id).OrderBy(m => m.StartsAt).ToListAsync(Ct);

        meetings.ShouldAllBe(m => m.Date.DayOfWeek == DayOfWeek.Tuesday && m.StartTime == new TimeOnly(19, 0) && m.DurationMinutes == 120);
        meetings.Zip(meetings.Skip(1), (a, b) => b.Date.DayNumber - a.Date.DayNumber).ShouldAllBe(days => days == 14);
        meetings.Select(m => m.StartsAt.UtcDateTime.Hour).Distinct().Order().ToArray().ShouldBe(new[] { 17, 18 }, "19:00 in Brussels is 17:00 UTC in summer and 18:00 in winter");
        meetings.Count(m => m.Status == MeetingStatus.Held).ShouldBeGreaterThanOrEqualTo(5);
        meetings.ShouldContain(m => m.Status == MeetingStatus.Scheduled && m.StartsAt > Today);

        var zonnebloem = group.Memberships.Single(m => m.ParticipantId == DemoUsers.Participant.ObjectId);
        zonnebloem.Pseudonym.ShouldBe("Zonnebloem");
        zonnebloem.Status.ShouldBe(MembershipStatus.Active);

        var held = meetings.Where(m => m.Status == MeetingStatus.Held).Select(m => m.Id).ToList();
        var attendance = await db.Set<AttendanceRecord>().AsNoTracking().Where(a => held.Contains(a.MeetingId)).ToListAsync(Ct);
        attendance.Count(a => a.Attended).ShouldBeGreaterThan(attendance.Count / 2);

        var lastTwo = meetings.Where(m => m.Status == MeetingStatus.Held).TakeLast(2).Select(m => m.Id).ToList();
        var absentTwice = attendance.Where(a => lastTwo.Contains(a.MeetingId) && a.Status == AttendanceStatus.Absent)
            .GroupBy(a => a.MembershipId).Where(x => x.Count() == 2).ToList();
        absentTwice.ShouldNotBeEmpty("one member is flagged for a check-in");
    }

    [Fact]
    public async Task Seed_RunningGroup_MostRecentMeetingKeepsAnOpenRegisterWithAnswers()
    {
        await SeedAsync();
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        var group = await db.Set<PeerGroup>().Include(g => g.Memberships).AsNoTracking().SingleAsync(g => g.Name == "Partners Antwerpen (dinsdag)", Ct);
        var past = await db.Set<Meeting>().AsNoTracking().Where(m => m.GroupId == group.Id && m.EndsAt <= Today).OrderBy(m => m.StartsAt).ToListAsync(Ct);
        var open = past[^1];

        open.Date.ShouldBe(new DateOnly(2026, 11, 24));
        open.Status.ShouldBe(MeetingStatus.Scheduled);
        past.SkipLast(1).ShouldAllBe(m => m.Status == MeetingStatus.Held);
        (await db.Set<AttendanceRecord>().CountAsync(a => a.MeetingId == open.Id, Ct)).ShouldBe(0);
        (await db.Set<FacilitatorNote>().CountAsync(n => n.MeetingId == open.Id, Ct)).ShouldBe(0);
        var answers = await db.Set<MeetingResponse>().AsNoTracking().Where(r => r.MeetingId == open.Id).ToListAsync(Ct);
        answers.Count.ShouldBe(3);
        answers.ShouldAllBe(r => r.AnsweredAt < open.StartsAt);
        var cantCome = answers.Where(r => r.Answer == RsvpAnswer.CantCome).ShouldHaveSingleItem();
        cantCome.Message.ShouldBe("Sorry, ik lig met griep in bed.");
        answers.Count(r => r.Answer == RsvpAnswer.Coming).ShouldBe(2);
        answers.ShouldContain(r => r.MembershipId == group.Memberships.Single(m => m.Pseudonym == "Zonnebloem").Id && r.Answer == RsvpAnswer.Coming);

        var closed = await db.Set<AuditEvent>().AsNoTracking()
            .Where(a => a.Kind == AuditKind.AttendanceRegisterClosed && a.GroupId == group.Id).Select(a => a.EntityId).ToListAsync(Ct);
        closed.Order().ShouldBe(past.SkipLast(1).Select(m => m.Id.ToString()).Order());
    }

    [Fact]
    public async Task Seed_RunningGroup_ExactlyOneMemberNeedsACheckInAndAnEarlierOneWasDone()
    {
        await SeedAsync();
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        var group = await db.Set<PeerGroup>().Include(g => g.Memberships).AsNoTracking().SingleAsync(g => g.Name == "Partners Antwerpen (dinsdag)", Ct);

        var needing = await MembersNeedingCheckInAsync(db, group, Ct);

        needing.Count.ShouldBe(1);
        needing[0].Pseudonym.ShouldNotBe("Zonnebloem");
        var done = group.Memberships.Where(m => m.CheckInDoneAt != null).ShouldHaveSingleItem();
        done.CheckInDoneBy.ShouldBe(DemoUsers.Facilitator.ObjectId);
        var audit = await db.Set<AuditEvent>().AsNoTracking().SingleAsync(a => a.Kind == AuditKind.CheckInDone, Ct);
        (audit.EntityType, audit.EntityId, audit.OccurredAt, audit.GroupId).ShouldBe((nameof(Membership), done.Id.ToString(), done.CheckInDoneAt!.Value, group.Id));
        var firstTwo = await db.Set<Meeting>().AsNoTracking().Where(m => m.GroupId == group.Id && m.Status == MeetingStatus.Held)
            .OrderBy(m => m.StartsAt).Take(2).Select(m => m.Id).ToListAsync(Ct);
        (await db.Set<AttendanceRecord>().Where(a => a.MembershipId == done.Id && firstTwo.Contains(a.MeetingId)).Select(a => a.Status).ToListAsync(Ct))
            .ShouldBe([AttendanceStatus.Absent, AttendanceStatus.Absent]);
    }

    [Fact]
    public async Task Seed_Concerns_OneOpenInTheRunningGroupAndHandledOnesWithTheirAudit()
    {
        await SeedAsync();
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        var running = await db.Set<PeerGroup>().AsNoTracking().SingleAsync(g => g.Name == "Partners Antwerpen (dinsdag)", Ct);
        var concerns = await db.Set<SafeguardingConcern>().AsNoTracking().ToListAsync(Ct);

        concerns.Count.ShouldBe(4);
        var open = concerns.Where(c => c.Status == ConcernStatus.Open).ShouldHaveSingleItem();
        open.GroupId.ShouldBe(running.Id);
        var handled = concerns.Where(c => c.Status == ConcernStatus.Handled).ToList();
        handled.Count.ShouldBe(3);
        handled.Count(c => c.GroupId == running.Id).ShouldBe(1);
        var kept = await db.Set<PeerGroup>().AsNoTracking().Where(g => g.ClosedOn == null || g.ClosedOn > DateOnly.FromDateTime(Today.UtcDateTime).AddMonths(-12)).Select(g => g.Id).ToListAsync(Ct);
        handled.Count(c => kept.Contains(c.GroupId)).ShouldBe(2, "two are of groups whose notes retention keeps for now");
        handled.ShouldAllBe(c => c.ActionCiphertext != null && c.TakenBy == DemoUsers.Coordinator.ObjectId && c.HandledAt > c.TakenAt);
        var audit = await db.Set<AuditEvent>().AsNoTracking().Where(a => a.EntityType == "SafeguardingConcern").ToListAsync(Ct);
        foreach (var concern in handled)
        {
            audit.Where(a => a.EntityId == concern.Id.ToString()).Select(a => a.Kind).Order()
                .ShouldBe(new[] { AuditKind.ConcernTaken, AuditKind.ConcernHandled, AuditKind.ConcernRead }.Order());
        }

        audit.ShouldNotContain(a => a.EntityId == open.Id.ToString());
    }

    [Fact]
    public async Task Seed_AuditTrail_SeveralKindsOverThePastMonthsAndNoneInTheFuture()
    {
        await SeedAsync();
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        var events = await db.Set<AuditEvent>().AsNoTracking().ToListAsync(Ct);

        events.ShouldAllBe(a => a.OccurredAt <= Today);
        var recent = events.Where(a => a.OccurredAt > Today.AddDays(-120)).ToList();
        var kinds = recent.Select(a => a.Kind).ToHashSet();
        AuditKind[] issueSix =
        [
            AuditKind.NoteRead, AuditKind.NoteWritten, AuditKind.NoteFlagged, AuditKind.EmailRevealed, AuditKind.ConcernRead,
            AuditKind.ConcernTaken, AuditKind.ConcernHandled, AuditKind.AttendanceRegisterClosed, AuditKind.AttendanceChangedAfterClose,
            AuditKind.CheckInDone, AuditKind.AuditLogViewed, AuditKind.RetentionRun,
        ];
        issueSix.Where(k => !kinds.Contains(k)).ShouldBeEmpty();
        recent.Select(a => (a.OccurredAt.Year, a.OccurredAt.Month)).Distinct().Count().ShouldBeGreaterThanOrEqualTo(4);
        recent.Count(a => a.Kind == AuditKind.NoteRead && a.ActorId == DemoUsers.SecondFacilitator.ObjectId).ShouldBe(5);
        var changed = recent.Where(a => a.Kind == AuditKind.AttendanceChangedAfterClose).ShouldHaveSingleItem();
        var recordId = Guid.Parse(changed.EntityId);
        var record = await db.Set<AttendanceRecord>().AsNoTracking().SingleAsync(a => a.Id == recordId, Ct);
        record.Status.ShouldBe(AttendanceStatus.Late);
    }

    [Fact]
    public async Task Seed_DemoParticipant_SignsInWithTheReadmePassphrase()
    {
        await SeedAsync();
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        var user = await db.Set<ParticipantUser>().SingleAsync(u => u.NormalizedUserName == "ZONNEBLOEM", Ct);
        user.Id.ShouldBe(DemoUsers.Participant.ObjectId);
        user.Email.ShouldBeNull();
        var hasher = new PasswordHasher<ParticipantUser>();
        hasher.VerifyHashedPassword(user, user.PasswordHash!, DemoUsers.ParticipantPassphrase).ShouldNotBe(PasswordVerificationResult.Failed);
        hasher.VerifyHashedPassword(user, user.PasswordHash!, "zonnige-dinsdag-2025").ShouldBe(PasswordVerificationResult.Failed);
    }

    [Fact]
    public async Task Seed_NotesAndAddresses_AreEncryptedAndReadableWithTheKeys()
    {
        await SeedAsync();
        var protector = Services.GetRequiredService<IFieldProtector>();
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        var notes = await db.Set<FacilitatorNote>().AsNoTracking().ToListAsync(Ct);
        notes.ShouldNotBeEmpty();
        notes.ShouldAllBe(n => !n.TextCiphertext!.Contains(' '));
        protector.Unprotect(ProtectionPurposes.NoteText, notes[0].TextCiphertext!).ShouldContain(" ");

        var withEmail = await db.Set<Referral>().AsNoTracking().FirstAsync(r => r.EmailCiphertext != null, Ct);
        var address = protector.Unprotect(ProtectionPurposes.ReferralEmail, withEmail.EmailCiphertext!);
        address.ShouldEndWith("@example.org");
        withEmail.EmailBlindIndex.ShouldBe(protector.BlindIndex(ProtectionPurposes.ReferralEmail, address));

        var concerns = await db.Set<SafeguardingConcern>().AsNoTracking().ToListAsync(Ct);
        concerns.ShouldContain(c => c.Status == ConcernStatus.Open, "one concern waits in the coordinators' queue");
        concerns.ShouldContain(c => c.Status == ConcernStatus.Handled && c.ActionCiphertext != null);
    }

    /// <summary>The members of <paramref name="group"/> that the check-in rule flags, counted as the follow-up page does.</summary>
    internal static async Task<List<Membership>> MembersNeedingCheckInAsync(LotgenotenDbContext db, PeerGroup group, CancellationToken ct)
    {
        var held = await db.Set<Meeting>().AsNoTracking().Where(m => m.GroupId == group.Id && m.Status == MeetingStatus.Held)
            .OrderBy(m => m.StartsAt).ToListAsync(ct);
        var records = await db.Set<AttendanceRecord>().AsNoTracking().Where(a => a.GroupId == group.Id && a.MembershipId != null).ToListAsync(ct);
        return group.Memberships
            .Where(m => m.Status is MembershipStatus.Joined or MembershipStatus.Active && m.JoinedAt != null)
            .Where(m =>
            {
                var lastTwo = held.Where(h => h.EndsAt >= m.JoinedAt && (m.CheckInDoneAt == null || h.StartsAt >= m.CheckInDoneAt))
                    .TakeLast(CheckInRule.AbsencesInARow).ToList();
                return lastTwo.Count == CheckInRule.AbsencesInARow && CheckInRule.NeedsCheckIn(
                    lastTwo.Select(h => records.FirstOrDefault(r => r.MeetingId == h.Id && r.MembershipId == m.Id)?.Status));
            })
            .ToList();
    }

    [Fact]
    public async Task Seed_SecondTime_ChangesNothing()
    {
        await SeedAsync();
        await using var before = await DbFactory.CreateDbContextAsync(Ct);
        var referrals = await before.Set<Referral>().CountAsync(Ct);

        _clock.Advance(TimeSpan.FromDays(40));
        (await SeedAsync()).ShouldBeFalse();
        await using var after = await DbFactory.CreateDbContextAsync(Ct);
        (await after.Set<Referral>().CountAsync(Ct)).ShouldBe(referrals);
    }
}

public sealed class SqliteDemoDataSeederTests(SqliteTestDatabase database) : DemoDataSeederTests<SqliteTestDatabase>(database);

public sealed class PostgresDemoDataSeederTests(PostgresTestDatabase database) : DemoDataSeederTests<PostgresTestDatabase>(database);

/// <summary>The demo data follows the domain's rules whatever the day it is seeded (it is dated relative to today).</summary>
public sealed class DemoDataSeederAnyDayTests
{
    public static TheoryData<string> Days => ["2026-03-29T01:30:00Z", "2026-10-25T00:30:00Z", "2027-06-15T12:00:00Z", "2028-02-29T23:59:00Z", "2030-01-01T00:00:00Z"];

    [Theory]
    [MemberData(nameof(Days))]
    public async Task Seed_OnAnyDay_Succeeds(string day)
    {
        var database = new SqliteTestDatabase();
        await database.InitializeAsync();
        using var host = TestHost.Build(database, services: s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.Parse(day, System.Globalization.CultureInfo.InvariantCulture))));
        await database.MigrateAsync(host.Services);
        await using var scope = host.Services.CreateAsyncScope();
        (await ActivatorUtilities.CreateInstance<DemoDataSeeder>(scope.ServiceProvider).SeedAsync(TestContext.Current.CancellationToken)).ShouldBeTrue();

        var ct = TestContext.Current.CancellationToken;
        var now = DateTimeOffset.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(ct))
        {
            var group = await db.Set<PeerGroup>().Include(g => g.Memberships).AsNoTracking().SingleAsync(g => g.Name == "Partners Antwerpen (dinsdag)", ct);
            var open = await db.Set<Meeting>().AsNoTracking().Where(m => m.GroupId == group.Id && m.EndsAt <= now).OrderBy(m => m.StartsAt).LastAsync(ct);
            open.Status.ShouldBe(MeetingStatus.Scheduled);
            (await db.Set<AttendanceRecord>().CountAsync(a => a.MeetingId == open.Id, ct)).ShouldBe(0);
            (await db.Set<MeetingResponse>().CountAsync(r => r.MeetingId == open.Id, ct)).ShouldBe(3);
            (await DemoDataSeederTests<SqliteTestDatabase>.MembersNeedingCheckInAsync(db, group, ct)).Count.ShouldBe(1);
            (await db.Set<AuditEvent>().CountAsync(a => a.OccurredAt > now, ct)).ShouldBe(0);
            (await db.Set<SafeguardingConcern>().CountAsync(c => c.Status == ConcernStatus.Open, ct)).ShouldBe(1);
        }

        await database.DisposeAsync();
    }
}
