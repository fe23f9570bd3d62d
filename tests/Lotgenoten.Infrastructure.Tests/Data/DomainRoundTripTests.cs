using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Invitations;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Notes;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Infrastructure.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Lotgenoten.Infrastructure.Tests.Data;

/// <summary>Every entity of the domain survives a round trip through each database, and the rules that need SQL work there.</summary>
public abstract class DomainRoundTripTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : TestDatabase
{
    // A Tuesday in winter; the series below crosses the spring clock change (2026-03-29).
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private sealed record Graph(
        StaffMember Staff, Referral Referral, ParticipantUser User, PeerGroup Group, MeetingSeries Series, IReadOnlyList<Meeting> Meetings,
        AttendanceRecord Attendance, MeetingResponse Response, FacilitatorNote Note, SafeguardingConcern Concern, Invitation Invitation, AuditEvent Audit);

    private static string Hash() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

    private static Graph Build()
    {
        var staff = StaffMember.Create("oid-" + Guid.NewGuid().ToString("N"), "Pieter Begeleider", Now);
        var referral = Referral.Register(
            new ReferralDetails(new DateOnly(2026, 2, 2), ReferralChannel.Chat, Relation.ExPartner, Concern.AbuseImages, Language.Fr,
                Region.WalloonBrabant, FormatPreference.Online,
                WeeklyAvailability.Of([new(DayOfWeek.Tuesday, DayPart.Evening), new(DayOfWeek.Sunday, DayPart.Morning)]),
                ContactPreference.Email, true, "2026-01", "Préfère être rappelée le soir.\nPas le week-end. 🌻"),
            staff.ObjectId, Now.AddDays(-20));
        referral.SetEmail("cipher-of-email", new string('a', 64));
        referral.PlanIntake(Now.AddDays(-15), staff.ObjectId, Now.AddDays(-18), staff.Id);
        referral.RecordIntake(true, new DateOnly(2026, 2, 15), staff.ObjectId, Now.AddDays(-14));
        referral.PutOnWaitingList(staff.ObjectId, Now.AddDays(-14));

        var group = PeerGroup.Create(new PeerGroupDetails("Groupe en ligne", GroupAudience.MixedRelatives, Language.Fr, GroupFormat.Online,
            null, null, "https://meet.example.org/groupe", 1, 8), Now.AddDays(-10));
        group.AssignFacilitator(staff.Id, Now.AddDays(-10));
        group.StartRecruiting();
        var membership = group.Place(referral.Id, Now.AddDays(-9));
        referral.MarkInvited(group.Id, staff.ObjectId, Now.AddDays(-9));
        var invitation = Invitation.Create(referral.Id, group.Id, membership.Id, Hash(), Hash(), InvitationDelivery.Handover, staff.ObjectId, Now.AddDays(-9));
        invitation.Redeem(Now.AddDays(-8));
        var user = new ParticipantUser { UserName = "u-" + Guid.NewGuid().ToString("N")[..10], Language = "fr" };
        user.NormalizedUserName = user.UserName.ToUpperInvariant();
        group.Join(membership.Id, user.Id, "Tournesol 🌻", Now.AddDays(-8));
        referral.MarkJoined("system", Now.AddDays(-8));
        group.Start(Now.AddDays(-7));

        var (series, meetings) = group.PlanSeries(
            new SeriesPlan(RecurrencePattern.Weekly, new DateOnly(2026, 3, 3), new TimeOnly(19, 0), 120, 6, null, [new DateOnly(2026, 3, 17)]),
            Now);
        meetings[0].SetTheme("Première rencontre");
        var held = meetings[0];
        var late = Now.AddDays(1).AddHours(12);
        var response = MeetingResponse.Give(meetings[1], membership, RsvpAnswer.CantCome, "Désolée, pas cette fois.", late);
        held.MarkHeld(held.EndsAt);
        var attendance = AttendanceRecord.Record(held, membership, AttendanceStatus.Late, staff.ObjectId, held.EndsAt);
        var note = FacilitatorNote.SessionNote(group.Id, held.Id, "cipher-of-note", staff.ObjectId, held.EndsAt);
        var concern = note.FlagSafeguarding(staff.ObjectId, held.EndsAt);
        concern.Take(staff.ObjectId, held.EndsAt.AddHours(1));
        var audit = AuditEvent.Record(staff.ObjectId, AuditKind.NoteWritten, "FacilitatorNote", note.Id.ToString(), held.EndsAt, group.Id);
        return new Graph(staff, referral, user, group, series, meetings, attendance, response, note, concern, invitation, audit);
    }

    private async Task<Graph> SaveAsync()
    {
        var graph = Build();
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        db.Add(graph.Staff);
        db.Add(graph.User);
        db.Add(graph.Referral);
        db.Add(graph.Group);
        db.Add(graph.Series);
        db.AddRange(graph.Meetings);
        db.AddRange(graph.Attendance, graph.Response, graph.Note, graph.Concern, graph.Invitation, graph.Audit);
        await db.SaveChangesAsync(Ct);
        return graph;
    }

    [Fact]
    public async Task EveryEntity_SavedAndReadInAnotherContext_KeepsItsFields()
    {
        var g = await SaveAsync();
        await using var db = await DbFactory.CreateDbContextAsync(Ct);

        var referral = await db.Set<Referral>().Include(r => r.History).AsNoTracking().SingleAsync(r => r.Id == g.Referral.Id, Ct);
        referral.ShouldSatisfyAllConditions(
            () => referral.ReceivedOn.ShouldBe(new DateOnly(2026, 2, 2)),
            () => referral.Channel.ShouldBe(ReferralChannel.Chat),
            () => referral.Relation.ShouldBe(Relation.ExPartner),
            () => referral.Concern.ShouldBe(Concern.AbuseImages),
            () => referral.Language.ShouldBe(Language.Fr),
            () => referral.Region.ShouldBe(Region.WalloonBrabant),
            () => referral.Format.ShouldBe(FormatPreference.Online),
            () => referral.Availability.ShouldBe(g.Referral.Availability),
            () => referral.EmailCiphertext.ShouldBe("cipher-of-email"),
            () => referral.EmailBlindIndex.ShouldBe(new string('a', 64)),
            () => referral.CounsellorRemark.ShouldBe("Préfère être rappelée le soir.\nPas le week-end. 🌻"),
            () => referral.PrivacyNoticeVersion.ShouldBe("2026-01"),
            () => referral.Status.ShouldBe(ReferralStatus.Joined),
            () => referral.PlacedGroupId.ShouldBe(g.Group.Id),
            () => referral.IntakeHeldOn.ShouldBe(new DateOnly(2026, 2, 15)),
            () => referral.IntakePlannedFor.ShouldBe(Now.AddDays(-15)),
            () => referral.RegisteredAt.ShouldBe(Now.AddDays(-20)),
            () => referral.Version.ShouldBe(g.Referral.Version),
            () => referral.History.Select(h => h.To).ShouldBe(g.Referral.History.Select(h => h.To), ignoreOrder: true),
            () => referral.History.Count.ShouldBe(6));

        var group = await db.Set<PeerGroup>().Include(x => x.Facilitators).Include(x => x.Memberships).AsNoTracking().SingleAsync(x => x.Id == g.Group.Id, Ct);
        group.Status.ShouldBe(GroupStatus.Running);
        group.OnlineLink.ShouldBe("https://meet.example.org/groupe");
        group.Region.ShouldBeNull();
        group.Facilitators.Single().StaffMemberId.ShouldBe(g.Staff.Id);
        var membership = group.Memberships.Single();
        membership.ShouldSatisfyAllConditions(
            () => membership.Pseudonym.ShouldBe("Tournesol 🌻"),
            () => membership.PseudonymSkeleton.ShouldBe(Pseudonym.Skeleton("Tournesol 🌻")),
            () => membership.ParticipantId.ShouldBe(g.User.Id),
            () => membership.Status.ShouldBe(MembershipStatus.Active),
            () => membership.FirstAttendedAt.ShouldBe(g.Meetings[0].StartsAt));

        var series = await db.Set<MeetingSeries>().AsNoTracking().SingleAsync(s => s.Id == g.Series.Id, Ct);
        series.SkippedDates.ShouldBe([new DateOnly(2026, 3, 17)]);
        series.StartTime.ShouldBe(new TimeOnly(19, 0));
        series.Count.ShouldBe(6);
        series.Dates().Count.ShouldBe(5);

        var meetings = await db.Set<Meeting>().AsNoTracking().Where(m => m.SeriesId == g.Series.Id).OrderBy(m => m.StartsAt).ToListAsync(Ct);
        meetings.Select(m => m.Date).ShouldBe(g.Meetings.Select(m => m.Date));
        meetings.ShouldAllBe(m => m.StartTime == new TimeOnly(19, 0));
        meetings[0].StartsAt.ShouldBe(new DateTimeOffset(2026, 3, 3, 18, 0, 0, TimeSpan.Zero));
        meetings[^1].StartsAt.ShouldBe(new DateTimeOffset(2026, 4, 7, 17, 0, 0, TimeSpan.Zero), "19:00 in summer time is 17:00 UTC");
        meetings[0].Theme.ShouldBe("Première rencontre");
        meetings[0].Status.ShouldBe(MeetingStatus.Held);
        meetings[0].OriginalDate.ShouldBe(new DateOnly(2026, 3, 3));

        var attendance = await db.Set<AttendanceRecord>().AsNoTracking().SingleAsync(a => a.Id == g.Attendance.Id, Ct);
        attendance.Status.ShouldBe(AttendanceStatus.Late);
        attendance.MembershipId.ShouldBe(membership.Id);
        var response = await db.Set<MeetingResponse>().AsNoTracking().SingleAsync(r => r.Id == g.Response.Id, Ct);
        response.Answer.ShouldBe(RsvpAnswer.CantCome);
        response.Message.ShouldBe("Désolée, pas cette fois.");
        var note = await db.Set<FacilitatorNote>().AsNoTracking().SingleAsync(n => n.Id == g.Note.Id, Ct);
        note.TextCiphertext.ShouldBe("cipher-of-note");
        note.IsSafeguardingConcern.ShouldBeTrue();
        var concern = await db.Set<SafeguardingConcern>().AsNoTracking().SingleAsync(c => c.Id == g.Concern.Id, Ct);
        concern.Status.ShouldBe(ConcernStatus.InProgress);
        concern.TakenBy.ShouldBe(g.Staff.ObjectId);
        var invitation = await db.Set<Invitation>().AsNoTracking().SingleAsync(i => i.Id == g.Invitation.Id, Ct);
        invitation.RedeemedAt.ShouldBe(g.Invitation.RedeemedAt);
        invitation.ExpiresAt.ShouldBe(g.Invitation.ExpiresAt);
        var audit = await db.Set<AuditEvent>().AsNoTracking().SingleAsync(a => a.Id == g.Audit.Id, Ct);
        audit.Kind.ShouldBe(AuditKind.NoteWritten);
        audit.EntityId.ShouldBe(g.Note.Id.ToString());
        audit.GroupId.ShouldBe(g.Group.Id);
        var staff = await db.Set<StaffMember>().AsNoTracking().SingleAsync(s => s.Id == g.Staff.Id, Ct);
        staff.DisplayName.ShouldBe("Pieter Begeleider");
    }

    [Fact]
    public async Task Instants_ComparedAndOrderedInSql_GiveTheRightMeetings()
    {
        var g = await SaveAsync();
        var after = new DateTimeOffset(2026, 3, 20, 0, 0, 0, TimeSpan.Zero);
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        var dates = await db.Set<Meeting>()
            .Where(m => m.GroupId == g.Group.Id && m.StartsAt > after)
            .OrderByDescending(m => m.StartsAt)
            .Select(m => m.Date)
            .ToListAsync(Ct);
        dates.ShouldBe([new DateOnly(2026, 4, 7), new DateOnly(2026, 3, 31), new DateOnly(2026, 3, 24)]);
    }

    [Fact]
    public async Task TwoFacilitators_ChangeTheSameAttendance_SecondSaveIsRefused()
    {
        var g = await SaveAsync();
        await using var first = await DbFactory.CreateDbContextAsync(Ct);
        await using var second = await DbFactory.CreateDbContextAsync(Ct);
        var meeting = await first.Set<Meeting>().AsNoTracking().SingleAsync(m => m.Id == g.Meetings[0].Id, Ct);
        var a = await first.Set<AttendanceRecord>().SingleAsync(x => x.Id == g.Attendance.Id, Ct);
        var b = await second.Set<AttendanceRecord>().SingleAsync(x => x.Id == g.Attendance.Id, Ct);

        a.Change(meeting, AttendanceStatus.Present, a.Version, "one", meeting.EndsAt);
        await first.SaveChangesAsync(Ct);
        b.Change(meeting, AttendanceStatus.Absent, b.Version, "two", meeting.EndsAt);

        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(Ct));
        await using var check = await DbFactory.CreateDbContextAsync(Ct);
        (await check.Set<AttendanceRecord>().AsNoTracking().SingleAsync(x => x.Id == g.Attendance.Id, Ct)).Status.ShouldBe(AttendanceStatus.Present);
    }

    [Fact]
    public async Task ParticipantAccount_Deleted_UnlinksMembershipButKeepsAttendance()
    {
        var g = await SaveAsync();
        await using (var db = await DbFactory.CreateDbContextAsync(Ct))
        {
            var group = await db.Set<PeerGroup>().Include(x => x.Memberships).SingleAsync(x => x.Id == g.Group.Id, Ct);
            group.Memberships.Single().EraseParticipant(Now.AddDays(3));
            db.Users.Remove(await db.Users.SingleAsync(u => u.Id == g.User.Id, Ct));
            await db.SaveChangesAsync(Ct);
        }

        await using var read = await DbFactory.CreateDbContextAsync(Ct);
        var membership = await read.Set<Membership>().AsNoTracking().SingleAsync(m => m.GroupId == g.Group.Id, Ct);
        membership.ParticipantId.ShouldBeNull();
        membership.Pseudonym.ShouldBeNull();
        membership.Status.ShouldBe(MembershipStatus.Withdrawn);
        (await read.Set<AttendanceRecord>().CountAsync(a => a.MeetingId == g.Meetings[0].Id && (a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Late), Ct)).ShouldBe(1);
    }

    [Fact]
    public async Task TwoRowsForOneMemberAtOneMeeting_AreRefusedByTheDatabase()
    {
        var g = await SaveAsync();
        var meeting = g.Meetings[0];
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        var group = await db.Set<PeerGroup>().Include(x => x.Memberships).AsNoTracking().SingleAsync(x => x.Id == g.Group.Id, Ct);
        db.Add(AttendanceRecord.Record(meeting, group.Memberships.Single(), AttendanceStatus.Present, "x", meeting.EndsAt));
        await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
    }
}

public sealed class SqliteDomainRoundTripTests(SqliteTestDatabase database) : DomainRoundTripTests<SqliteTestDatabase>(database);

public sealed class PostgresDomainRoundTripTests(PostgresTestDatabase database) : DomainRoundTripTests<PostgresTestDatabase>(database);
