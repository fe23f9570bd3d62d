using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Notes;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Figures;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Infrastructure.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Lotgenoten.Infrastructure.Tests.Figures;

/// <summary>
/// The figures of DOMAIN.md computed on a small world whose answers were worked out by hand (see each comment), with
/// the edge cases: a referral received in one year and taken in at the next, a member who joined after the group's
/// first meetings, a cancelled meeting, meetings on both sides of the spring clock change and in the week after the
/// autumn one, a placement an hour before the new year in Brussels and a join half an hour into it (still the old
/// year in UTC), a completed member below the 50 % bar. Then erasing a member and retention's unlinking change nothing.
/// </summary>
public abstract class FiguresQueryTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private const string Staff = "staff-oid";

    private static DateTimeOffset At(int year, int month, int day, int hour = 12, int minute = 0) =>
        BrusselsTime.ToUtc(new DateTime(year, month, day, hour, minute, 0));

    private static DateTimeOffset At(DateOnly date, int hour = 12) => At(date.Year, date.Month, date.Day, hour);

    internal sealed class World
    {
        public List<object> Entities { get; } = [];

        public Dictionary<string, Membership> Members { get; } = [];

        /// <summary>Pseudonyms "Lid A", "Lid B", … (digits could read as a phone number).</summary>
        public string NextPseudonym() => "Lid " + (char)('A' + Members.Count(m => m.Value.Pseudonym is not null));
    }

    private static Referral Receive(World world, DateOnly received, Relation relation, Concern concern, ReferralChannel channel, Language language, Region region)
    {
        var referral = Referral.Register(
            new ReferralDetails(received, channel, relation, concern, language, region, FormatPreference.Either,
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

    private static Membership Place(World world, string key, PeerGroup group, Referral referral, DateTimeOffset at)
    {
        var membership = group.Place(referral.Id, at);
        referral.MarkInvited(group.Id, Staff, at);
        world.Members[key] = membership;
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

    /// <summary>The hand-worked world (also the fixture of HandWrittenFiguresTests in the report benchmark).</summary>
    internal static World Build()
    {
        var w = new World();
        var facilitator = Lotgenoten.Domain.Staff.StaffMember.Create(Staff + "-" + Guid.NewGuid().ToString("N"), "Begeleider", At(2024, 1, 2));
        w.Entities.Add(facilitator);
        PeerGroup NewGroup(string name, GroupAudience audience, DateTimeOffset at)
        {
            var group = PeerGroup.Create(new PeerGroupDetails(name, audience, Language.Nl, GroupFormat.Online, null, null,
                "https://meet.example.org/" + name.ToLowerInvariant(), 1, 8), at);
            group.AssignFacilitator(facilitator.Id, at);
            return group;
        }

        // Referrals. Received in 2024: R1, R7, R8. Received in 2025: R2, R3, R4, R5, R6, R9.
        var r1 = Receive(w, new(2024, 12, 20), Relation.Partner, Concern.AbuseImages, ReferralChannel.Phone, Language.Nl, Region.Antwerp);
        var r2 = Receive(w, new(2025, 1, 10), Relation.Parent, Concern.HandsOnOffence, ReferralChannel.Email, Language.Nl, Region.Antwerp);
        var r3 = Receive(w, new(2025, 3, 5), Relation.Partner, Concern.Unknown, ReferralChannel.Chat, Language.Fr, Region.Brussels);
        var r4 = Receive(w, new(2025, 6, 1), Relation.Sibling, Concern.AbuseImages, ReferralChannel.Phone, Language.Nl, Region.EastFlanders);
        var r5 = Receive(w, new(2025, 12, 31), Relation.Partner, Concern.AbuseImages, ReferralChannel.Website, Language.En, Region.OnlineOnly);
        var r6 = Receive(w, new(2025, 7, 1), Relation.Partner, Concern.SexualFeelingsNoOffence, ReferralChannel.Phone, Language.Nl, Region.Antwerp);
        var r7 = Receive(w, new(2024, 5, 1), Relation.Parent, Concern.AbuseImages, ReferralChannel.Phone, Language.Nl, Region.Limburg);
        var r8 = Receive(w, new(2024, 6, 1), Relation.Partner, Concern.AbuseImages, ReferralChannel.Phone, Language.Nl, Region.Antwerp);
        var r9 = Receive(w, new(2025, 11, 10), Relation.Friend, Concern.Unknown, ReferralChannel.Phone, Language.Nl, Region.Antwerp);
        _ = r5;

        // Intakes held in 2025: R1 (received in 2024), R2, R3, R4 (declined), R6, R9 = 6. In 2024: R7, R8.
        Intake(r1, new(2025, 1, 8));
        Intake(r2, new(2025, 1, 20));
        Intake(r3, new(2025, 3, 15));
        Intake(r4, new(2025, 6, 10), suitable: false);
        Intake(r6, new(2025, 7, 5));
        Intake(r7, new(2024, 5, 10));
        Intake(r8, new(2024, 6, 10));
        Intake(r9, new(2025, 11, 20));

        // G3 started in 2024 and never closes: running in 2025, not started nor closed in it.
        var g3 = NewGroup("G3", GroupAudience.MixedRelatives, At(2024, 8, 1));
        g3.StartRecruiting();
        var m8 = Place(w, "R8", g3, r8, At(2024, 8, 15));
        Join(w, g3, r8, m8, At(2024, 8, 20));
        g3.Start(At(2024, 9, 1));

        // G2 is only planned.
        var g2 = NewGroup("G2", GroupAudience.Partners, At(2025, 5, 1));

        // G1: started on 4 February 2025, closed on 1 November 2025.
        var g1 = NewGroup("G1", GroupAudience.MixedRelatives, At(2025, 1, 15));
        g1.StartRecruiting();
        var m1 = Place(w, "R1", g1, r1, At(2025, 2, 1));
        var m2 = Place(w, "R2", g1, r2, At(2025, 2, 1));
        Join(w, g1, r1, m1, At(2025, 2, 3));
        g1.Start(At(2025, 2, 4));

        // Tuesdays at 19:00 for two hours: 11 Feb, 25 Feb, 11 Mar (cancelled), 25 Mar (winter time), 8 Apr (summer
        // time, after 30 March), 28 Oct (winter time again, the week after 26 October).
        var scheduledOn = At(2025, 2, 5);
        var meetings = new[] { (2, 11), (2, 25), (3, 11), (3, 25), (4, 8), (10, 28) }
            .Select(d => g1.ScheduleMeeting(new DateTime(2025, d.Item1, d.Item2, 19, 0, 0), 120, null, scheduledOn))
            .ToArray();
        w.Entities.AddRange(meetings);
        var (mt1, mt2, mt3, mt4, mt5, mt6) = (meetings[0], meetings[1], meetings[2], meetings[3], meetings[4], meetings[5]);

        Join(w, g1, r2, m2, At(2025, 2, 20)); // after the first meeting: not expected there
        var m7 = Place(w, "R7", g1, r7, At(2025, 3, 1));
        Join(w, g1, r7, m7, At(2025, 3, 2));
        mt3.Cancel(At(2025, 3, 1));

        void Register(Meeting meeting, params (Membership Member, AttendanceStatus Status)[] rows)
        {
            meeting.MarkHeld(meeting.EndsAt);
            foreach (var (member, status) in rows)
            {
                w.Entities.Add(AttendanceRecord.Record(meeting, member, status, Staff, meeting.EndsAt));
            }
        }

        Register(mt1, (m1, AttendanceStatus.Present));
        Register(mt2, (m1, AttendanceStatus.Present), (m2, AttendanceStatus.Late));
        Register(mt4, (m1, AttendanceStatus.Absent), (m2, AttendanceStatus.Present), (m7, AttendanceStatus.Present));
        Register(mt5, (m1, AttendanceStatus.Excused), (m2, AttendanceStatus.Present), (m7, AttendanceStatus.Absent));

        var m6 = Place(w, "R6", g1, r6, At(2025, 7, 10));
        m6.Withdraw(WithdrawalReason.NoLongerNeeded, At(2025, 8, 1));
        m7.Withdraw(WithdrawalReason.PracticalReasons, At(2025, 9, 15));
        Register(mt6, (m1, AttendanceStatus.Absent), (m2, AttendanceStatus.Present));
        g1.Close(At(2025, 11, 1));

        // An hour before the new year in Brussels R9 is placed (2025); half an hour into it R9 joins (2026 in
        // Brussels, still 2025 in UTC).
        var m9 = Place(w, "R9", g3, r9, At(2025, 12, 31, 23, 0));
        Join(w, g3, r9, m9, At(2026, 1, 1, 0, 30));

        // A concern raised on the first meeting's note in 2025, handled in 2026.
        var note = FacilitatorNote.SessionNote(g1.Id, mt1.Id, "cipher", Staff, mt1.EndsAt);
        var concern = note.FlagSafeguarding(Staff, mt1.EndsAt);
        concern.Handle("cipher-action", Staff, At(2026, 1, 5));

        w.Entities.InsertRange(1, [g1, g2, g3]);
        w.Entities.AddRange([note, concern]);
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

    private async Task<PeriodFigures> FiguresAsync(int year)
    {
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        return await FiguresQuery.ComputeAsync(db, FiguresPeriod.Year(year), Ct);
    }

    /// <summary>Every figure as JSON, to compare two computations whole.</summary>
    private static string Json(PeriodFigures figures) => System.Text.Json.JsonSerializer.Serialize(figures);

    private static Dictionary<string, long> Breakdown(CountFigure figure, string name) =>
        figure.Breakdowns[name].Where(x => x.Value != 0).ToDictionary(x => x.Key, x => x.Value);

    /// <summary>
    /// One test (the class's database holds one world): the figures of 2025, of the years around it, and the same
    /// figures after an erasure and retention's unlinking.
    /// </summary>
    [Fact]
    public async Task Compute_HandWorkedWorld_EveryFigureAndNothingChangesOnPurging()
    {
        var world = await SeedAsync();
        await AssertFiguresOf2025Async();
        await AssertTheYearsAroundAsync();
        await AssertUnchangedAfterErasureAndUnlinkingAsync(world);
    }

    private async Task AssertFiguresOf2025Async()
    {
        var f = await FiguresAsync(2025);

        f.ShouldSatisfyAllConditions(
            () => f.ReferralsReceived.Total.ShouldBe(6),
            () => Breakdown(f.ReferralsReceived, "byRelation").ShouldBe(new Dictionary<string, long> { ["Partner"] = 3, ["Parent"] = 1, ["Sibling"] = 1, ["Friend"] = 1 }, ignoreOrder: true),
            () => Breakdown(f.ReferralsReceived, "byChannel").ShouldBe(new Dictionary<string, long> { ["Phone"] = 3, ["Email"] = 1, ["Chat"] = 1, ["Website"] = 1 }, ignoreOrder: true),
            () => Breakdown(f.ReferralsReceived, "byLanguage").ShouldBe(new Dictionary<string, long> { ["Nl"] = 4, ["Fr"] = 1, ["En"] = 1 }, ignoreOrder: true),
            () => Breakdown(f.ReferralsReceived, "byConcern").ShouldBe(new Dictionary<string, long> { ["HandsOnOffence"] = 1, ["Unknown"] = 2, ["AbuseImages"] = 2, ["SexualFeelingsNoOffence"] = 1 }, ignoreOrder: true),
            () => Breakdown(f.ReferralsReceived, "byRegion").ShouldBe(new Dictionary<string, long> { ["Antwerp"] = 3, ["Brussels"] = 1, ["EastFlanders"] = 1, ["OnlineOnly"] = 1 }, ignoreOrder: true),
            () => f.ReferralsReceived.Breakdowns["byRelation"].Count.ShouldBe(Enum.GetValues<Relation>().Length, "every category, zeros included"),
            () => f.IntakesHeld.ShouldBe(6),
            () => f.Placed.ShouldBe(5), // R1, R2 (1 Feb), R7 (1 Mar), R6 (10 Jul), R9 (31 Dec 23:00)
            () => f.Joined.ShouldBe(3), // R1, R2, R7; R9 joined at 00:30 on 1 January in Brussels
            () => f.StartedOfPlaced.ShouldBe(3), // R1, R2, R7 attended; R6 and R9 did not
            () => f.DaysToFirstMeeting.ShouldBe([46, 53, 328]), // R2 10 Jan → 25 Feb; R1 20 Dec → 11 Feb; R7 1 May 2024 → 25 Mar
            () => f.MedianDaysToFirstMeeting.ShouldBe(53),
            () => f.P90DaysToFirstMeeting.ShouldBe(328),
            () => f.WaitingAtEnd.ShouldBe(1), // R3
            () => f.LongestWaitDays.ShouldBe(301), // 5 March → 31 December
            () => f.GroupsStarted.ShouldBe(1),
            () => f.GroupsRunning.ShouldBe(2),
            () => f.GroupsClosed.ShouldBe(1),
            () => f.MeetingsHeld.ShouldBe(5),
            () => f.MeetingsCancelled.ShouldBe(1),
            () => f.Attendances.ShouldBe(7), // 1 + 2 + 2 + 1 + 1
            () => f.ExpectedAttendances.ShouldBe(11), // 1 + 2 + 3 + 3 + 2
            () => f.Completed.ShouldBe(1), // R2 (4 of 4); R1 attended 2 of 5
            () => f.Withdrawn.Total.ShouldBe(2),
            () => Breakdown(f.Withdrawn, "byReason").ShouldBe(new Dictionary<string, long> { ["NoLongerNeeded"] = 1, ["PracticalReasons"] = 1 }, ignoreOrder: true),
            () => f.ConcernsRaised.ShouldBe(1),
            () => f.ConcernsHandled.ShouldBe(0));
    }

    private async Task AssertTheYearsAroundAsync()
    {
        var before = await FiguresAsync(2024);
        var after = await FiguresAsync(2026);

        before.ShouldSatisfyAllConditions(
            () => before.ReferralsReceived.Total.ShouldBe(3),
            () => before.IntakesHeld.ShouldBe(2),
            () => before.WaitingAtEnd.ShouldBe(1), // R7 (R1's intake is in 2025)
            () => before.LongestWaitDays.ShouldBe(244), // 1 May → 31 December 2024
            () => before.GroupsStarted.ShouldBe(1),
            () => before.Joined.ShouldBe(1));
        after.ShouldSatisfyAllConditions(
            () => after.Joined.ShouldBe(1),
            () => after.ConcernsHandled.ShouldBe(1),
            () => after.GroupsRunning.ShouldBe(1));
    }

    private async Task AssertUnchangedAfterErasureAndUnlinkingAsync(World world)
    {
        var years = new[] { 2024, 2025, 2026 };
        var before = new List<PeriodFigures>();
        foreach (var year in years)
        {
            before.Add(await FiguresAsync(year));
        }

        // R2 erases their account; retention later keeps the attended count and unlinks every ended membership's rows.
        await using (var db = await DbFactory.CreateDbContextAsync(Ct))
        {
            var r2 = await db.Set<Membership>().SingleAsync(m => m.Id == world.Members["R2"].Id, Ct);
            r2.EraseParticipant(At(2026, 2, 1));
            var ended = await db.Set<Membership>().Where(m => m.EndedAt != null).ToListAsync(Ct);
            foreach (var membership in ended)
            {
                var rows = await db.Set<AttendanceRecord>().Where(a => a.MembershipId == membership.Id).ToListAsync(Ct);
                membership.KeepAttendedMeetings(rows.Count(a => a.Attended));
                rows.ForEach(a => a.Unlink());
            }

            await db.SaveChangesAsync(Ct);
            (await db.Set<AttendanceRecord>().CountAsync(a => a.MembershipId == null, Ct)).ShouldBe(11); // every row of G1
        }

        for (var i = 0; i < years.Length; i++)
        {
            var after = await FiguresAsync(years[i]);
            Json(after).ShouldBe(Json(before[i]), $"the figures of {years[i]}");
        }
    }
}

public sealed class SqliteFiguresQueryTests(SqliteTestDatabase database) : FiguresQueryTests<SqliteTestDatabase>(database);

public sealed class PostgresFiguresQueryTests(PostgresTestDatabase database) : FiguresQueryTests<PostgresTestDatabase>(database);
