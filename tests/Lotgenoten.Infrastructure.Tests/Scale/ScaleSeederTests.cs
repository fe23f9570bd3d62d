using System.Collections.Concurrent;
using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Notes;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Demo.Scale;
using Lotgenoten.Infrastructure.Figures;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Infrastructure.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Infrastructure.Tests.Scale;

/// <summary>
/// The scale seeder at a tiny size (two years of today's helpline) on both databases: counts in range, the domain's rules
/// hold in what it wrote, the annual figures come out plausible, and a second run is refused. The class shares one
/// seeded database; each test seeds it if no test did yet.
/// </summary>
public abstract class ScaleSeederTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private static readonly ScaleOptions Tiny = new(Years: 2, Scale: 1, Seed: 7);
    private static readonly ConcurrentDictionary<string, ScaleResult> Results = new();
    private static readonly SemaphoreSlim SeedLock = new(1, 1);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));

    private ScaleSeeder Seeder() => ActivatorUtilities.CreateInstance<ScaleSeeder>(Services);

    private async Task<ScaleResult> SeedOnceAsync()
    {
        await SeedLock.WaitAsync(Ct);
        try
        {
            if (!Results.TryGetValue(Database.ConnectionString, out var result))
            {
                result = await Seeder().SeedAsync(Tiny, Ct);
                Results[Database.ConnectionString] = result;
            }

            return result;
        }
        finally
        {
            SeedLock.Release();
        }
    }

    [Fact]
    public async Task Seed_TwoYearsOfTodaysHelpline_WritesCountsInRangeAndReportsThem()
    {
        var result = await SeedOnceAsync();
        await using var db = await DbFactory.CreateDbContextAsync(Ct);

        var referrals = await db.Set<Referral>().AsNoTracking().ToListAsync(Ct);
        referrals.Count.ShouldBe(result.Referrals);
        referrals.Count.ShouldBeInRange(80, 180, "about 60 referrals a year");
        referrals.Min(r => r.ReceivedOn).ShouldBeGreaterThanOrEqualTo(new DateOnly(2024, 11, 29));
        referrals.Max(r => r.ReceivedOn).ShouldBeGreaterThanOrEqualTo(new DateOnly(2026, 10, 1));
        (await db.Set<PeerGroup>().CountAsync(Ct)).ShouldBe(result.Groups);
        result.Groups.ShouldBeInRange(5, 25);
        (await db.Set<Meeting>().CountAsync(Ct)).ShouldBe(result.Meetings);
        result.Meetings.ShouldBeGreaterThan(80);
        (await db.Set<AttendanceRecord>().CountAsync(Ct)).ShouldBe(result.Attendance);
        result.Attendance.ShouldBeGreaterThan(400);
        (await db.Set<MeetingResponse>().CountAsync(Ct)).ShouldBe(result.Responses);
        (await db.Set<ParticipantUser>().CountAsync(Ct)).ShouldBe(result.Participants);

        var partners = referrals.Count(r => r.Relation == Relation.Partner) / (double)referrals.Count;
        partners.ShouldBeInRange(0.3, 0.65, "partners are the largest group of relatives");
        referrals.Count(r => r.Language == Domain.Common.Language.Nl).ShouldBeGreaterThan(referrals.Count / 2);
        var waiting = referrals.Where(r => r.Status == ReferralStatus.Waiting).ToList();
        waiting.Count.ShouldBe(result.Waiting);
        waiting.Count.ShouldBeGreaterThan(0, "there is a waiting list today");
        foreach (var status in new[] { ReferralStatus.Completed, ReferralStatus.Withdrawn, ReferralStatus.Waiting, ReferralStatus.Declined })
        {
            referrals.ShouldContain(r => r.Status == status, $"some referral is {status}");
        }

        referrals.Where(r => r.IsClosed && r.ClosedOn < new DateOnly(2026, 10, 1)).ShouldAllBe(r => r.EmailCiphertext == null,
            "retention erased addresses 30 days after the referral closed");
        var statuses = await db.Set<PeerGroup>().Select(g => g.Status).Distinct().ToListAsync(Ct);
        statuses.ShouldContain(GroupStatus.Closed);
        statuses.ShouldContain(GroupStatus.Planned);
        statuses.ShouldContain(s => s == GroupStatus.Running || s == GroupStatus.Recruiting);
    }

    [Fact]
    public async Task Seed_DemoStaff_ExistAndTheFacilitatorHasRegistersToOpen()
    {
        var result = await SeedOnceAsync();
        await using var db = await DbFactory.CreateDbContextAsync(Ct);

        var objectIds = await db.Set<StaffMember>().Select(s => s.ObjectId).ToListAsync(Ct);
        foreach (var user in DemoUsers.All.Where(u => !u.IsParticipant))
        {
            objectIds.ShouldContain(user.ObjectId);
        }

        var facilitator = await db.Set<StaffMember>().SingleAsync(s => s.ObjectId == DemoUsers.Facilitator.ObjectId, Ct);
        var groupIds = await db.Set<PeerGroup>().Where(g => g.Facilitators.Any(f => f.StaffMemberId == facilitator.Id)).Select(g => g.Id).ToListAsync(Ct);
        result.FacilitatorGroups.Count.ShouldBeGreaterThan(0);
        result.FacilitatorGroups.ShouldAllBe(g => groupIds.Contains(g));
        result.Registers.Count.ShouldBeGreaterThanOrEqualTo(result.FacilitatorGroups.Count);
        result.Registers.Distinct().Count().ShouldBe(result.Registers.Count);
        foreach (var register in result.Registers.Take(20))
        {
            var parts = register.Split('/', StringSplitOptions.RemoveEmptyEntries);
            parts[0].ShouldBe("groepen");
            parts[2].ShouldBe("bijeenkomsten");
            var meetingId = Guid.Parse(parts[3]);
            var meeting = await db.Set<Meeting>().SingleAsync(m => m.Id == meetingId, Ct);
            meeting.GroupId.ShouldBe(Guid.Parse(parts[1]));
            groupIds.ShouldContain(meeting.GroupId);
            meeting.Status.ShouldNotBe(MeetingStatus.Cancelled);
        }
    }

    [Fact]
    public async Task Seed_Memberships_HavePseudonymsUniqueInTheirGroup()
    {
        await SeedOnceAsync();
        await using var db = await DbFactory.CreateDbContextAsync(Ct);

        var memberships = await db.Set<Membership>().AsNoTracking().ToListAsync(Ct);
        memberships.Count.ShouldBeGreaterThan(40);
        var named = memberships.Where(m => m.PseudonymSkeleton != null).ToList();
        named.Count.ShouldBeGreaterThan(memberships.Count / 2);
        named.GroupBy(m => m.GroupId).ShouldAllBe(g => g.Select(m => m.PseudonymSkeleton).Distinct().Count() == g.Count());
        memberships.Where(m => m.JoinedAt != null).ShouldAllBe(m => m.ParticipantId != null && m.JoinedAt >= m.PlacedAt);
        memberships.GroupBy(m => m.GroupId).ShouldAllBe(g => g.Count() <= 12);
    }

    [Fact]
    public async Task Seed_Attendance_BelongsToAHeldMeetingOfTheMembersGroupAfterTheyJoined()
    {
        await SeedOnceAsync();
        await using var db = await DbFactory.CreateDbContextAsync(Ct);

        var meetings = await db.Set<Meeting>().AsNoTracking().ToDictionaryAsync(m => m.Id, Ct);
        var memberships = await db.Set<Membership>().AsNoTracking().ToDictionaryAsync(m => m.Id, Ct);
        var rows = await db.Set<AttendanceRecord>().AsNoTracking().ToListAsync(Ct);
        rows.Count.ShouldBeGreaterThan(0);
        foreach (var row in rows)
        {
            var meeting = meetings[row.MeetingId];
            meeting.Status.ShouldBe(MeetingStatus.Held);
            meeting.GroupId.ShouldBe(row.GroupId);
            row.MembershipId.ShouldNotBeNull();
            var membership = memberships[row.MembershipId.Value];
            membership.GroupId.ShouldBe(row.GroupId);
            membership.JoinedAt.ShouldNotBeNull();
            membership.JoinedAt.Value.ShouldBeLessThanOrEqualTo(meeting.StartsAt);
            (membership.EndedAt is null || membership.EndedAt >= meeting.StartsAt).ShouldBeTrue();
        }

        rows.Select(r => (r.MeetingId, r.MembershipId)).Distinct().Count().ShouldBe(rows.Count, "one row per member per meeting");
        var statuses = rows.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count());
        statuses.Keys.Order().ShouldBe([AttendanceStatus.Present, AttendanceStatus.Late, AttendanceStatus.Excused, AttendanceStatus.Absent]);
        (statuses[AttendanceStatus.Present] / (double)rows.Count).ShouldBeInRange(0.6, 0.9);

        var cancelled = meetings.Values.Count(m => m.Status == MeetingStatus.Cancelled);
        cancelled.ShouldBeGreaterThan(0, "some meetings are cancelled");
        meetings.Values.ShouldContain(m => m.Status == MeetingStatus.Scheduled && m.StartsAt > Now, "groups meet in the future");
        (await db.Set<MeetingResponse>().AnyAsync(r => r.Answer == RsvpAnswer.Coming, Ct)).ShouldBeTrue();
    }

    [Fact]
    public async Task Seed_Notes_AreEncryptedWithTheAppsKeys()
    {
        await SeedOnceAsync();
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        var protector = Services.GetRequiredService<IFieldProtector>();

        var notes = await db.Set<FacilitatorNote>().AsNoTracking().Where(n => n.TextCiphertext != null).ToListAsync(Ct);
        notes.Count.ShouldBeGreaterThan(0);
        foreach (var note in notes.Take(5))
        {
            note.TextCiphertext!.ShouldNotContain("deelnemer", Case.Insensitive);
            protector.Unprotect(ProtectionPurposes.NoteText, note.TextCiphertext!).Length.ShouldBeGreaterThan(20);
        }
    }

    [Fact]
    public async Task FiguresQuery_EachYearOfTheScaleData_GivesPlausibleFigures()
    {
        await SeedOnceAsync();
        await using var db = await DbFactory.CreateDbContextAsync(Ct);

        var first = await FiguresQuery.ComputeAsync(db, FiguresPeriod.Year(2024), Ct);
        first.ReferralsReceived.Total.ShouldBeInRange(1, 20, "one month of 2024");
        foreach (var year in new[] { 2025, 2026 })
        {
            var figures = await FiguresQuery.ComputeAsync(db, FiguresPeriod.Year(year), Ct);
            figures.ReferralsReceived.Total.ShouldBeInRange(30, 120, $"{year}: referrals");
            figures.IntakesHeld.ShouldBeGreaterThan(20, $"{year}: intakes");
            figures.Placed.ShouldBeGreaterThan(10, $"{year}: placed");
            figures.Joined.ShouldBeGreaterThan(5, $"{year}: joined");
            figures.Joined.ShouldBeGreaterThan(figures.Placed / 2, $"{year}: most placed relatives join");
            figures.MeetingsHeld.ShouldBeGreaterThan(20, $"{year}: meetings held");
            figures.Attendances.ShouldBeGreaterThan(100, $"{year}: attendances");
            var rate = figures.Attendances / (double)figures.ExpectedAttendances;
            rate.ShouldBeInRange(0.7, 0.95, $"{year}: attendance rate");
            figures.GroupsStarted.ShouldBeGreaterThan(0, $"{year}: groups started");
            figures.MedianDaysToFirstMeeting.ShouldNotBeNull();
            figures.MedianDaysToFirstMeeting.Value.ShouldBeInRange(20, 200, $"{year}: days to first meeting");
        }

        var now = await FiguresQuery.ComputeAsync(db, FiguresPeriod.Year(2026), Ct);
        now.WaitingAtEnd.ShouldBeGreaterThan(0);
        now.GroupsClosed.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Seed_SecondRun_IsRefusedAndChangesNothing()
    {
        var result = await SeedOnceAsync();

        await Should.ThrowAsync<ScaleDatabaseNotEmptyException>(() => Seeder().SeedAsync(Tiny, Ct));

        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        (await db.Set<Referral>().CountAsync(Ct)).ShouldBe(result.Referrals);
        (await db.Set<PeerGroup>().CountAsync(Ct)).ShouldBe(result.Groups);
    }

    [Fact]
    public void Options_OutOfRange_AreRefusedWithAMessage()
    {
        new ScaleOptions(Years: 0).Validate().ShouldBe("--years must be 1 to 20.");
        new ScaleOptions(Scale: 0).Validate().ShouldBe("--scale must be more than 0 and at most 1000.");
        new ScaleOptions(Scale: double.NaN).Validate().ShouldBe("--scale must be more than 0 and at most 1000.");
        new ScaleOptions().Validate().ShouldBeNull();
    }
}

public sealed class SqliteScaleSeederTests(SqliteTestDatabase database) : ScaleSeederTests<SqliteTestDatabase>(database);

public sealed class PostgresScaleSeederTests(PostgresTestDatabase database) : ScaleSeederTests<PostgresTestDatabase>(database);
