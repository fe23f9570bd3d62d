using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Notes;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Domain.Staff;
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
        await database.DisposeAsync();
    }
}
