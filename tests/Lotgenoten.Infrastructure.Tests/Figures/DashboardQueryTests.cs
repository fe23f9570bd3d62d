using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Figures;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Infrastructure.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lotgenoten.Infrastructure.Tests.Figures;

/// <summary>
/// The dashboard computed on a small world whose answers were worked out by hand (see the comments), now being
/// 15 January 2026 at noon in Brussels.
/// <para>
/// Referrals (received on): R0 31 Dec 2024 (just outside 2025), R1 1 Jan 2025, R2 5 Jan, R3 10 Feb (declined at intake),
/// R4 15 Feb (unreachable), R5 1 Mar (waiting, then withdrawn), R6 10 Mar (placed in Brugge, invitation withdrawn, back on
/// the waiting list, placed again in Antwerpen), R7 31 Dec 2025 (only received), R8 1 Jun, R9 1 May 2024, R10 1 Nov,
/// R11 1 Sep (R8–R11 waiting now), R12 1 Apr (joined Antwerpen, never attended), R13 2 May (placed in Brugge, never
/// joined, withdrawn when the group closed; the referral then withdrawn).
/// </para>
/// <para>
/// Groups: Gent (closed 15 Dec 2024), Brugge (created 1 Dec 2024, closed 31 Oct 2025: R0, R1, R2 complete), Antwerpen
/// (created 1 Mar 2025, running: R6, R12), Zeebrugge (created 10 Jan 2026, after 2025). Brugge's meetings: 11 Feb, 11 Mar,
/// 25 Mar, 1 Apr at 00:30 (the week of the spring clock change: still 31 March in UTC, April by its Brussels date),
/// 15 Apr, 6 May (cancelled), 26 Oct (the day of the autumn clock change). R2 joined on 20 Feb, after the first meeting.
/// R0 attended 3 of the 6 meetings held while a member (exactly half: completed), R1 5 of 6, R2 1 of 5 (under half).
/// Antwerpen's: 22 Apr and 20 May.
/// </para>
/// </summary>
public abstract class DashboardQueryTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private const string Staff = "staff-oid";

    private static readonly DateTimeOffset Now = At(2026, 1, 15);

    private static DateTimeOffset At(int year, int month, int day, int hour = 12, int minute = 0) =>
        BrusselsTime.ToUtc(new DateTime(year, month, day, hour, minute, 0));

    private static DateTimeOffset At(DateOnly date, int hour = 12) => At(date.Year, date.Month, date.Day, hour);

    private sealed class World
    {
        private int pseudonyms;

        public List<object> Entities { get; } = [];

        public Dictionary<string, Guid> Groups { get; } = [];

        /// <summary>Pseudonyms "Lid A", "Lid B", … (digits could read as a phone number).</summary>
        public string NextPseudonym() => "Lid " + (char)('A' + pseudonyms++);
    }

    private static Referral Receive(World world, DateOnly received, Relation relation, Concern concern, Language language = Language.Nl, Region region = Region.Antwerp)
    {
        var referral = Referral.Register(
            new ReferralDetails(received, ReferralChannel.Phone, relation, concern, language, region, FormatPreference.Either,
                WeeklyAvailability.Of([new(DayOfWeek.Tuesday, DayPart.Evening)]), ContactPreference.Code, true, "2025-01", null),
            Staff, At(received, 12));
        world.Entities.Add(referral);
        return referral;
    }

    private static void Intake(Referral referral, DateOnly held, bool suitable = true)
    {
        referral.PlanIntake(At(held, 10), Staff, At(referral.ReceivedOn, 13));
        if (suitable)
        {
            referral.RecordIntake(true, held, Staff, At(held, 11));
            referral.PutOnWaitingList(Staff, At(held, 11));
        }
        else
        {
            referral.RecordIntake(false, held, Staff, At(held, 11), DeclineReason.NeedsIndividualSupport);
        }
    }

    private static Membership Place(PeerGroup group, Referral referral, DateTimeOffset at)
    {
        var membership = group.Place(referral.Id, at);
        referral.MarkInvited(group.Id, Staff, at);
        return membership;
    }

    private static void Join(World world, PeerGroup group, Referral referral, Membership membership, DateTimeOffset at)
    {
        var user = new ParticipantUser { UserName = "u-" + Guid.NewGuid().ToString("N")[..10], Language = "nl" };
        user.NormalizedUserName = user.UserName.ToUpperInvariant();
        world.Entities.Add(user);
        group.Join(membership.Id, user.Id, world.NextPseudonym(), at);
        referral.MarkJoined(Staff, at);
    }

    private static World Build()
    {
        var w = new World();
        var facilitator = Lotgenoten.Domain.Staff.StaffMember.Create(Staff + "-" + Guid.NewGuid().ToString("N"), "Begeleider", At(2024, 1, 2));
        w.Entities.Add(facilitator);
        PeerGroup NewGroup(string name, DateTimeOffset at)
        {
            var group = PeerGroup.Create(new PeerGroupDetails(name, GroupAudience.MixedRelatives, Language.Nl, GroupFormat.Online, null, null,
                "https://meet.example.org/" + name.ToLowerInvariant(), 1, 8), at);
            group.AssignFacilitator(facilitator.Id, at);
            w.Entities.Add(group);
            w.Groups[name] = group.Id;
            return group;
        }

        var gent = NewGroup("Gent", At(2024, 6, 1));
        gent.Close(At(2024, 12, 15));
        var brugge = NewGroup("Brugge", At(2024, 12, 1));
        var antwerpen = NewGroup("Antwerpen", At(2025, 3, 1));
        NewGroup("Zeebrugge", At(2026, 1, 10));

        var r0 = Receive(w, new(2024, 12, 31), Relation.OtherFamily, Concern.SexualFeelingsNoOffence);
        var r1 = Receive(w, new(2025, 1, 1), Relation.Partner, Concern.AbuseImages);
        var r2 = Receive(w, new(2025, 1, 5), Relation.Parent, Concern.HandsOnOffence);
        var r3 = Receive(w, new(2025, 2, 10), Relation.Partner, Concern.Unknown);
        var r4 = Receive(w, new(2025, 2, 15), Relation.Sibling, Concern.AbuseImages);
        var r5 = Receive(w, new(2025, 3, 1), Relation.Friend, Concern.SexualFeelingsNoOffence);
        var r6 = Receive(w, new(2025, 3, 10), Relation.Partner, Concern.AbuseImages);
        Receive(w, new(2025, 12, 31), Relation.Parent, Concern.Unknown);
        var r8 = Receive(w, new(2025, 6, 1), Relation.Partner, Concern.AbuseImages, Language.Nl, Region.Antwerp);
        var r9 = Receive(w, new(2024, 5, 1), Relation.Partner, Concern.Unknown, Language.Nl, Region.Limburg);
        var r10 = Receive(w, new(2025, 11, 1), Relation.ExPartner, Concern.Unknown, Language.Fr, Region.Brussels);
        var r11 = Receive(w, new(2025, 9, 1), Relation.Partner, Concern.HandsOnOffence, Language.En, Region.Antwerp);
        var r12 = Receive(w, new(2025, 4, 1), Relation.AdultChild, Concern.AbuseImages);
        var r13 = Receive(w, new(2025, 5, 2), Relation.Parent, Concern.AbuseImages);

        Intake(r0, new(2025, 1, 5));
        Intake(r1, new(2025, 1, 10));
        Intake(r2, new(2025, 1, 12));
        Intake(r3, new(2025, 2, 20), suitable: false);
        r4.MarkUnreachable(Staff, At(2025, 3, 1));
        Intake(r5, new(2025, 3, 5));
        r5.Withdraw(WithdrawalReason.FoundOtherHelp, Staff, At(2025, 3, 20));
        Intake(r6, new(2025, 3, 15));
        Intake(r8, new(2025, 6, 10));
        Intake(r9, new(2024, 5, 10));
        Intake(r10, new(2025, 11, 10));
        Intake(r11, new(2025, 9, 10));
        Intake(r12, new(2025, 4, 5));
        Intake(r13, new(2025, 5, 3));

        // Brugge: R0 placed 20 Jan (in 2025, though received in 2024), R1 and R2 on 1 Feb; R2 joins after the first meeting.
        brugge.StartRecruiting();
        var m0 = Place(brugge, r0, At(2025, 1, 20));
        Join(w, brugge, r0, m0, At(2025, 1, 22));
        var m1 = Place(brugge, r1, At(2025, 2, 1));
        var m2 = Place(brugge, r2, At(2025, 2, 1));
        Join(w, brugge, r1, m1, At(2025, 2, 2));
        brugge.Start(At(2025, 2, 3));
        var scheduledOn = At(2025, 1, 25);
        Meeting Schedule(PeerGroup group, int month, int day, int hour = 19, int minute = 0, int minutes = 120)
        {
            var meeting = group.ScheduleMeeting(new DateTime(2025, month, day, hour, minute, 0), minutes, null, scheduledOn);
            w.Entities.Add(meeting);
            return meeting;
        }

        var b1 = Schedule(brugge, 2, 11);
        var b2 = Schedule(brugge, 3, 11);
        var b3 = Schedule(brugge, 3, 25);
        var b4 = Schedule(brugge, 4, 1, 0, 30, 90); // 31 March 22:30 UTC
        var b5 = Schedule(brugge, 4, 15);
        var b6 = Schedule(brugge, 5, 6);
        var b7 = Schedule(brugge, 10, 26);
        b4.StartsAt.UtcDateTime.Day.ShouldBe(31, "the meeting of 1 April starts on 31 March in UTC");

        void Register(Meeting meeting, params (Membership Member, AttendanceStatus Status)[] rows)
        {
            meeting.MarkHeld(meeting.EndsAt);
            foreach (var (member, status) in rows)
            {
                w.Entities.Add(AttendanceRecord.Record(meeting, member, status, Staff, meeting.EndsAt));
            }
        }

        Register(b1, (m0, AttendanceStatus.Present), (m1, AttendanceStatus.Present));
        Join(w, brugge, r2, m2, At(2025, 2, 20));
        Register(b2, (m0, AttendanceStatus.Present), (m1, AttendanceStatus.Late), (m2, AttendanceStatus.Absent));

        // R6: placed in Brugge, the invitation withdrawn, back on the waiting list, placed in Antwerpen.
        var m6Brugge = Place(brugge, r6, At(2025, 3, 20));
        Register(b3, (m0, AttendanceStatus.Absent), (m1, AttendanceStatus.Absent), (m2, AttendanceStatus.Present));
        m6Brugge.Withdraw(WithdrawalReason.Other, At(2025, 4, 1, 12));
        r6.ReturnToWaitingList(Staff, At(2025, 4, 1, 12));
        Register(b4, (m0, AttendanceStatus.Present), (m1, AttendanceStatus.Present), (m2, AttendanceStatus.Absent));

        antwerpen.StartRecruiting();
        var m6 = Place(antwerpen, r6, At(2025, 4, 15));
        var m12 = Place(antwerpen, r12, At(2025, 4, 15));
        Join(w, antwerpen, r6, m6, At(2025, 4, 16));
        antwerpen.Start(At(2025, 4, 17));
        Join(w, antwerpen, r12, m12, At(2025, 4, 20));
        var a1 = Schedule(antwerpen, 4, 22);
        var a2 = Schedule(antwerpen, 5, 20);

        Register(b5, (m0, AttendanceStatus.Absent), (m1, AttendanceStatus.Present), (m2, AttendanceStatus.Absent));
        Register(a1, (m6, AttendanceStatus.Present), (m12, AttendanceStatus.Absent));
        var m13 = Place(brugge, r13, At(2025, 5, 5));
        b6.Cancel(At(2025, 5, 1));
        Register(a2, (m6, AttendanceStatus.Late), (m12, AttendanceStatus.Absent));
        Register(b7, (m0, AttendanceStatus.Excused), (m1, AttendanceStatus.Present), (m2, AttendanceStatus.Absent));

        // Closing Brugge completes R0, R1 and R2 and withdraws R13's unused invitation.
        brugge.Close(At(2025, 10, 31));
        m13.Status.ShouldBe(MembershipStatus.Withdrawn);
        r13.Withdraw(WithdrawalReason.NoSuitableGroup, Staff, At(2025, 10, 31, 13));
        _ = (r8, r9, r10, r11);
        return w;
    }

    private async Task<World> SeedAsync()
    {
        var world = Build();
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        db.AddRange(world.Entities);
        await db.SaveChangesAsync(Ct);
        return world;
    }

    private async Task<DashboardFigures> ComputeAsync(FiguresPeriod period, DashboardScope scope)
    {
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        return await DashboardQuery.ComputeAsync(db, period, scope, Now, Ct);
    }

    private static Dictionary<FunnelStage, long> Funnel(DashboardFigures figures) => figures.Funnel.ToDictionary(s => s.Stage, s => s.Count);

    private static Dictionary<string, long> NonZero(IReadOnlyList<KeyValuePair<string, long>> counts) =>
        counts.Where(x => x.Value != 0).ToDictionary(x => x.Key, x => x.Value);

    private static List<(int Year, int Month, int Held, long Attended, long Expected)> Months(DashboardFigures figures) =>
        [.. figures.AttendanceByMonth.Select(m => (m.Year, m.Month, m.MeetingsHeld, m.Attendances, m.ExpectedAttendances))];

    /// <summary>One test (the class's database holds one world), in parts.</summary>
    [Fact]
    public async Task Compute_HandWorkedWorld_EveryFigureOnBothScopes()
    {
        var world = await SeedAsync();
        await AssertAllOf2025Async(world);
        await AssertFacilitatorScopeAsync(world);
        await AssertEmptyScopeAsync();
        await AssertThreeMonthsAsync(world);
        await AssertCohortOf2024Async();
        await AssertListsAgreeWithTheFiguresAsync(world);
        await AssertFewRoundTripsAsync();
    }

    [Fact]
    public async Task Compute_InvertedPeriodOrUndefinedStage_Throws()
    {
        await using var db = await DbFactory.CreateDbContextAsync(Ct);

        await Should.ThrowAsync<ArgumentException>(() =>
            DashboardQuery.ComputeAsync(db, new FiguresPeriod(new(2025, 5, 1), new(2025, 4, 30)), DashboardScope.All, Now, Ct));
        Should.Throw<ArgumentOutOfRangeException>(() => DashboardQuery.ReferralsAt(db, FiguresPeriod.Year(2025), (FunnelStage)99, Now));
        Should.Throw<ArgumentOutOfRangeException>(() => DashboardQuery.MembershipsAt(db, FiguresPeriod.Year(2025), [], (FunnelStage)99, Now));
    }

    private async Task AssertAllOf2025Async(World world)
    {
        var f = await ComputeAsync(FiguresPeriod.Year(2025), DashboardScope.All);

        f.Funnel.Select(s => s.Stage).ShouldBe(Enum.GetValues<FunnelStage>(), "every stage, in order");
        f.ShouldSatisfyAllConditions(
            // R1–R8, R10–R13: R0 (31 Dec 2024) and R9 are outside, R1 (1 Jan) and R7 (31 Dec) inside.
            () => Funnel(f)[FunnelStage.Received].ShouldBe(12),
            () => Funnel(f)[FunnelStage.Intake].ShouldBe(10), // all but R4 (unreachable) and R7; R3's declining intake counts
            () => Funnel(f)[FunnelStage.Waiting].ShouldBe(9), // R1, R2, R5, R6, R8, R10, R11, R12, R13
            () => Funnel(f)[FunnelStage.Placed].ShouldBe(5), // R1, R2, R6 (placed twice: once), R12, R13
            () => Funnel(f)[FunnelStage.Joined].ShouldBe(4), // R1, R2, R6, R12
            () => Funnel(f)[FunnelStage.Started].ShouldBe(3), // R1, R2, R6
            () => Funnel(f)[FunnelStage.Completed].ShouldBe(1), // R1 (5 of 6); R2 attended 1 of 5; R0 is not of the cohort
            () => Funnel(f)[FunnelStage.Withdrawn].ShouldBe(2), // R5, R13
            () => Funnel(f)[FunnelStage.Declined].ShouldBe(1), // R3
            () => Funnel(f)[FunnelStage.Unreachable].ShouldBe(1), // R4
            () => f.ByRelation.Select(x => x.Key).ShouldBe(Enum.GetNames<Relation>(), "every relation, in enum order"),
            () => NonZero(f.ByRelation).ShouldBe(new Dictionary<string, long>
            {
                ["Partner"] = 5, ["ExPartner"] = 1, ["Parent"] = 3, ["AdultChild"] = 1, ["Sibling"] = 1, ["Friend"] = 1,
            }, ignoreOrder: true),
            () => f.ByConcern.Select(x => x.Key).ShouldBe(Enum.GetNames<Concern>()),
            () => NonZero(f.ByConcern).ShouldBe(new Dictionary<string, long>
            {
                ["HandsOnOffence"] = 2, ["AbuseImages"] = 6, ["SexualFeelingsNoOffence"] = 1, ["Unknown"] = 3,
            }, ignoreOrder: true));

        // The waiting list now (15 January 2026): R9 624 days (1 May 2024), R8 228 (1 Jun), R11 136 (1 Sep), R10 75 (1 Nov).
        var waiting = f.WaitingList.ShouldNotBeNull();
        waiting.ShouldSatisfyAllConditions(
            () => waiting.Count.ShouldBe(4),
            () => waiting.MedianDays.ShouldBe(136, "nearest rank: the 2nd of 4"),
            () => waiting.LongestDays.ShouldBe(624),
            () => waiting.ByLanguage.ShouldBe([KeyValuePair.Create("Nl", 2L), KeyValuePair.Create("Fr", 1L), KeyValuePair.Create("En", 1L)]),
            () => waiting.ByRegion.Select(x => x.Key).ShouldBe(Enum.GetNames<Region>()),
            () => NonZero(waiting.ByRegion).ShouldBe(new Dictionary<string, long> { ["Antwerp"] = 2, ["Limburg"] = 1, ["Brussels"] = 1 }, ignoreOrder: true));

        // Gent closed before 2025, Zeebrugge was created after it. Brugge: held 6 (not the cancelled 6 May), attended
        // 2 + 2 + 1 + 2 + 1 + 1 = 9 of 2 + 3 + 3 + 3 + 3 + 3 = 17 (R2 not expected on 11 Feb; R6 and R13 never joined).
        f.Groups.ShouldBe(
        [
            new GroupFill(world.Groups["Antwerpen"], "Antwerpen", GroupStatus.Running, 2, 8, 2, 2, 4),
            new GroupFill(world.Groups["Brugge"], "Brugge", GroupStatus.Closed, 0, 8, 6, 9, 17),
        ]);

        // 1 April at 00:30 counts in April (its Brussels date), though it began on 31 March in UTC.
        Months(f).ShouldBe(
        [
            (2025, 1, 0, 0, 0),
            (2025, 2, 1, 2, 2),
            (2025, 3, 2, 3, 6),
            (2025, 4, 3, 4, 8),
            (2025, 5, 1, 1, 2),
            (2025, 6, 0, 0, 0),
            (2025, 7, 0, 0, 0),
            (2025, 8, 0, 0, 0),
            (2025, 9, 0, 0, 0),
            (2025, 10, 1, 1, 3),
            (2025, 11, 0, 0, 0),
            (2025, 12, 0, 0, 0),
        ]);
        f.AttendanceByMonth[3].Rate.ShouldBe(0.5);
        f.AttendanceByMonth[0].Rate.ShouldBeNull();
    }

    private async Task AssertFacilitatorScopeAsync(World world)
    {
        // The facilitator of Brugge only: Antwerpen's members (R6's second placement, R12) never count.
        var scope = DashboardScope.Groups([world.Groups["Brugge"]]);
        var f = await ComputeAsync(FiguresPeriod.Year(2025), scope);

        f.ShouldSatisfyAllConditions(
            () => f.Funnel.Select(s => s.Stage).ShouldBe([FunnelStage.Placed, FunnelStage.Joined, FunnelStage.Started, FunnelStage.Completed, FunnelStage.Withdrawn]),
            () => Funnel(f)[FunnelStage.Placed].ShouldBe(5), // R0 (received in 2024, placed in 2025), R1, R2, R6, R13
            () => Funnel(f)[FunnelStage.Joined].ShouldBe(3), // R0, R1, R2
            () => Funnel(f)[FunnelStage.Started].ShouldBe(3),
            () => Funnel(f)[FunnelStage.Completed].ShouldBe(2), // R0 (3 of 6, exactly half), R1; not R2 (1 of 5)
            () => Funnel(f)[FunnelStage.Withdrawn].ShouldBe(2), // R6's invitation, R13's
            () => f.WaitingList.ShouldBeNull(),
            () => NonZero(f.ByRelation).ShouldBe(new Dictionary<string, long> { ["OtherFamily"] = 1, ["Partner"] = 2, ["Parent"] = 2 }, ignoreOrder: true),
            () => NonZero(f.ByConcern).ShouldBe(new Dictionary<string, long> { ["SexualFeelingsNoOffence"] = 1, ["AbuseImages"] = 3, ["HandsOnOffence"] = 1 }, ignoreOrder: true),
            () => f.Groups.ShouldBe([new GroupFill(world.Groups["Brugge"], "Brugge", GroupStatus.Closed, 0, 8, 6, 9, 17)]),
            () => Months(f).Where(m => m.Held != 0).ShouldBe([(2025, 2, 1, 2L, 2L), (2025, 3, 2, 3L, 6L), (2025, 4, 2, 3L, 6L), (2025, 10, 1, 1L, 3L)]),
            () => f.AttendanceByMonth.Count.ShouldBe(12));

        var other = await ComputeAsync(FiguresPeriod.Year(2025), DashboardScope.Groups([world.Groups["Antwerpen"]]));
        other.ShouldSatisfyAllConditions(
            () => Funnel(other)[FunnelStage.Placed].ShouldBe(2), // R6, R12
            () => Funnel(other)[FunnelStage.Joined].ShouldBe(2),
            () => Funnel(other)[FunnelStage.Started].ShouldBe(1), // R6
            () => Funnel(other)[FunnelStage.Completed].ShouldBe(0),
            () => Funnel(other)[FunnelStage.Withdrawn].ShouldBe(0),
            () => Months(other).Where(m => m.Held != 0).ShouldBe([(2025, 4, 1, 1L, 2L), (2025, 5, 1, 1L, 2L)]));
    }

    private async Task AssertEmptyScopeAsync()
    {
        var f = await ComputeAsync(FiguresPeriod.Year(2025), DashboardScope.Groups([]));

        f.ShouldSatisfyAllConditions(
            () => f.Funnel.Count.ShouldBe(5),
            () => f.Funnel.ShouldAllBe(s => s.Count == 0),
            () => f.WaitingList.ShouldBeNull(),
            () => f.Groups.ShouldBeEmpty(),
            () => f.AttendanceByMonth.Count.ShouldBe(12),
            () => f.AttendanceByMonth.ShouldAllBe(m => m.MeetingsHeld == 0 && m.Attendances == 0 && m.ExpectedAttendances == 0),
            () => f.ByRelation.Count.ShouldBe(Enum.GetValues<Relation>().Length),
            () => f.ByRelation.ShouldAllBe(x => x.Value == 0),
            () => f.ByConcern.ShouldAllBe(x => x.Value == 0));

        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        (await DashboardQuery.HeldMeetings(db, FiguresPeriod.Year(2025), DashboardScope.Groups([])).CountAsync(Ct)).ShouldBe(0);
        (await DashboardQuery.MembershipsAt(db, FiguresPeriod.Year(2025), [], FunnelStage.Placed, Now).CountAsync(Ct)).ShouldBe(0);
    }

    private async Task AssertThreeMonthsAsync(World world)
    {
        // 15 March – 10 May: March holds only 25 March (11 March is before the period), April 1 Apr, 15 Apr and
        // Antwerpen's 22 Apr, May nothing (6 May was cancelled, 20 May is after the period).
        var period = new FiguresPeriod(new(2025, 3, 15), new(2025, 5, 10));
        var all = await ComputeAsync(period, DashboardScope.All);
        var brugge = await ComputeAsync(period, DashboardScope.Groups([world.Groups["Brugge"]]));

        Months(all).ShouldBe([(2025, 3, 1, 1, 3), (2025, 4, 3, 4, 8), (2025, 5, 0, 0, 0)]);
        Months(brugge).ShouldBe([(2025, 3, 1, 1, 3), (2025, 4, 2, 3, 6), (2025, 5, 0, 0, 0)]);
        all.Groups.ShouldBe(
        [
            new GroupFill(world.Groups["Antwerpen"], "Antwerpen", GroupStatus.Running, 2, 8, 1, 1, 2),
            new GroupFill(world.Groups["Brugge"], "Brugge", GroupStatus.Closed, 0, 8, 3, 4, 9),
        ]);

        // The cohort received in the period: R6 (10 Mar) is out, R12 (1 Apr) and R13 (2 May) in.
        Funnel(all)[FunnelStage.Received].ShouldBe(2);
        Funnel(all)[FunnelStage.Placed].ShouldBe(2);
        Funnel(all)[FunnelStage.Joined].ShouldBe(1);

        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        (await DashboardQuery.HeldMeetings(db, period, DashboardScope.All).Select(m => m.Date).OrderBy(d => d).ToListAsync(Ct))
            .ShouldBe([new(2025, 3, 25), new(2025, 4, 1), new(2025, 4, 15), new(2025, 4, 22)]);
    }

    private async Task AssertCohortOf2024Async()
    {
        // 2024's cohort (R9, R0) goes on after 2024: R0 was placed and completed in 2025. Gent (closed 15 Dec 2024) and
        // Brugge (created 1 Dec 2024) are the groups of 2024.
        var f = await ComputeAsync(FiguresPeriod.Year(2024), DashboardScope.All);

        f.ShouldSatisfyAllConditions(
            () => Funnel(f)[FunnelStage.Received].ShouldBe(2),
            () => Funnel(f)[FunnelStage.Waiting].ShouldBe(2),
            () => Funnel(f)[FunnelStage.Placed].ShouldBe(1),
            () => Funnel(f)[FunnelStage.Completed].ShouldBe(1),
            () => f.Groups.Select(g => g.Name).ShouldBe(["Brugge", "Gent"]),
            () => f.Groups.ShouldAllBe(g => g.MeetingsHeld == 0 && g.ExpectedAttendances == 0),
            () => f.WaitingList.ShouldNotBeNull().Count.ShouldBe(4, "the waiting list is always now"));
    }

    private async Task AssertListsAgreeWithTheFiguresAsync(World world)
    {
        var year = FiguresPeriod.Year(2025);
        var brugge = new[] { world.Groups["Brugge"] };
        var all = await ComputeAsync(year, DashboardScope.All);
        var scoped = await ComputeAsync(year, DashboardScope.Groups(brugge));

        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        foreach (var step in all.Funnel)
        {
            (await DashboardQuery.ReferralsAt(db, year, step.Stage, Now).LongCountAsync(Ct)).ShouldBe(step.Count, step.Stage.ToString());
        }

        foreach (var step in scoped.Funnel)
        {
            (await DashboardQuery.MembershipsAt(db, year, brugge, step.Stage, Now).LongCountAsync(Ct)).ShouldBe(step.Count, step.Stage.ToString());
        }

        // The lists themselves: who completed, and a referral placed twice is listed once.
        var placed = await DashboardQuery.ReferralsAt(db, year, FunnelStage.Placed, Now).Select(r => r.ReceivedOn).OrderBy(d => d).ToListAsync(Ct);
        placed.ShouldBe([new(2025, 1, 1), new(2025, 1, 5), new(2025, 3, 10), new(2025, 4, 1), new(2025, 5, 2)]);
        (await DashboardQuery.ReferralsAt(db, year, FunnelStage.Completed, Now).Select(r => r.ReceivedOn).ToListAsync(Ct))
            .ShouldBe([new DateOnly(2025, 1, 1)]);
        (await DashboardQuery.MembershipsAt(db, year, brugge, FunnelStage.Received, Now).CountAsync(Ct)).ShouldBe(0, "a stage before placement has no memberships");
        (await DashboardQuery.HeldMeetings(db, year, DashboardScope.All).CountAsync(Ct)).ShouldBe(8);
        (await DashboardQuery.HeldMeetings(db, year, DashboardScope.Groups(brugge)).CountAsync(Ct)).ShouldBe(6);

        // Up to now: on 30 June 2025 nothing had completed yet and R13 was not withdrawn.
        var june = await DashboardQuery.ComputeAsync(db, year, DashboardScope.All, At(2025, 6, 30), Ct);
        Funnel(june)[FunnelStage.Completed].ShouldBe(0);
        Funnel(june)[FunnelStage.Placed].ShouldBe(5);
        Funnel(june)[FunnelStage.Waiting].ShouldBe(7, "R10 and R11 entered the waiting list later");
        Funnel(june)[FunnelStage.Withdrawn].ShouldBe(1, "R13 was withdrawn in October");
    }

    private async Task AssertFewRoundTripsAsync()
    {
        // Grouped queries, not one per group, stage or month: the same twenty-odd commands whatever the data.
        var log = new CapturingLoggerProvider();
        var host = CreateHost(logger: log);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);
        await DashboardQuery.ComputeAsync(db, FiguresPeriod.Year(2025), DashboardScope.All, Now, Ct);
        var commands = log.Messages.Count(m => m.Contains("Executed DbCommand", StringComparison.Ordinal));
        commands.ShouldBeInRange(15, 25);
    }
}

public sealed class SqliteDashboardQueryTests(SqliteTestDatabase database) : DashboardQueryTests<SqliteTestDatabase>(database);

public sealed class PostgresDashboardQueryTests(PostgresTestDatabase database) : DashboardQueryTests<PostgresTestDatabase>(database);
