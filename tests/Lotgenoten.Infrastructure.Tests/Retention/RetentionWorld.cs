using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Notes;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Api;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Email;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Infrastructure.Protection;

namespace Lotgenoten.Infrastructure.Tests.Retention;

/// <summary>
/// Three years of a helpline's groups, built with the domain's own methods as the demo seeder does, with rows on both
/// sides of every retention boundary. "Now" is <see cref="Now"/>; names say what retention should do with each row.
/// </summary>
internal sealed class RetentionWorld
{
    /// <summary>Sunday 29 November 2026, 11:00 in Brussels.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    public const string CoordinatorOid = "coordinator-oid";
    public const string FacilitatorOid = "facilitator-oid";
    private const string System = "system";

    private readonly IFieldProtector protector;
    private readonly StaffMember facilitator;
    private readonly List<object> rows = [];
    private int participantNumber;

    public RetentionWorld(IFieldProtector protector)
    {
        this.protector = protector;
        var coordinator = StaffMember.Create(CoordinatorOid, "Hilde Coördinator", At(new DateOnly(2023, 6, 1), 9));
        facilitator = StaffMember.Create(FacilitatorOid, "Pieter Begeleider", At(new DateOnly(2023, 6, 1), 9));
        rows.Add(coordinator);
        rows.Add(facilitator);
        Build();
    }

    public Dictionary<string, Referral> Referrals { get; } = [];

    public Dictionary<string, PeerGroup> Groups { get; } = [];

    public Dictionary<string, Membership> Members { get; } = [];

    public Dictionary<string, FacilitatorNote> Notes { get; } = [];

    public Dictionary<string, SafeguardingConcern> Concerns { get; } = [];

    public Dictionary<string, AuditEvent> Audit { get; } = [];

    public List<AuditEvent> AllAudit { get; } = [];

    public List<AttendanceRecord> Attendance { get; } = [];

    public Dictionary<string, OutboxMessage> Outbox { get; } = [];

    public Dictionary<string, ApiIdempotencyRecord> IdempotencyRecords { get; } = [];

    public static DateTimeOffset DaysAgo(int days) => Now.AddDays(-days);

    public static DateTimeOffset At(DateOnly date, int hour, int minute = 0) => BrusselsTime.ToUtc(date.ToDateTime(new TimeOnly(hour, minute)));

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    /// <summary>Adds everything to <paramref name="db"/> (the caller saves).</summary>
    public void AddTo(LotgenotenDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.AddRange(rows);
        db.AddRange(Referrals.Values);
        db.AddRange(Groups.Values);
        db.AddRange(Attendance);
        db.AddRange(Notes.Values);
        db.AddRange(Concerns.Values);
        db.AddRange(AllAudit);
        db.AddRange(Outbox.Values);
        db.AddRange(IdempotencyRecords.Values);
    }

    /// <summary>The e-mail address a referral was given (each is unique, so a dump or log can be searched for it).</summary>
    public static string EmailOf(string name) => $"{name.ToLowerInvariant()}@voorbeeld.test";

    private void Build()
    {
        // 2024: a group that closed 25 months ago, a declined referral, and one that still waits.
        NewReferral("A1", D(2024, 1, 8), Relation.Partner);
        NewReferral("A2", D(2024, 1, 15), Relation.Parent);
        NewReferral("A3", D(2024, 1, 22), Relation.Partner);
        NewReferral("Declined2024", D(2024, 2, 5), Relation.Sibling, suitable: false);
        NewReferral("Waiting2024", D(2024, 5, 6), Relation.ExPartner);

        // 2025: a group that closed 13 months ago and one that closed 11 months ago (referrals left active, as the app does).
        NewReferral("B1", D(2025, 3, 3), Relation.Partner);
        NewReferral("B2", D(2025, 3, 10), Relation.AdultChild);
        NewReferral("B3", D(2025, 3, 17), Relation.Partner);
        NewReferral("C1", D(2025, 8, 4), Relation.Parent);
        NewReferral("C2", D(2025, 8, 11), Relation.Partner);

        // 2026: a running group with members who left 31 and 29 days ago, one placement revoked (back on the waiting
        // list), referrals withdrawn from the waiting list 31 and 29 days ago, and a fresh one.
        NewReferral("D1", D(2026, 4, 6), Relation.Partner);
        NewReferral("D2", D(2026, 4, 13), Relation.Friend);
        NewReferral("D3", D(2026, 4, 20), Relation.Partner);
        NewReferral("D4Returned", D(2026, 4, 27), Relation.Parent);
        NewReferral("Withdrawn31", D(2026, 9, 1), Relation.Partner);
        NewReferral("Withdrawn29", D(2026, 9, 8), Relation.OtherFamily);
        NewReferral("New", D(2026, 11, 20), Relation.Partner, intake: false);
        NewReferral("NoEmail", D(2026, 9, 15), Relation.Partner, email: false);

        BuildGroupA();
        BuildGroupB();
        BuildGroupC();
        BuildGroupD();

        Referrals["Withdrawn31"].Withdraw(WithdrawalReason.FoundOtherHelp, CoordinatorOid, DaysAgo(31));
        Referrals["Withdrawn29"].Withdraw(WithdrawalReason.NoLongerNeeded, CoordinatorOid, DaysAgo(29));
        Referrals["NoEmail"].Withdraw(WithdrawalReason.NoLongerNeeded, CoordinatorOid, DaysAgo(60));

        // Audit events on both sides of 24 months.
        Record("Revealed25Months", CoordinatorOid, AuditKind.EmailRevealed, "Referral", Referrals["Waiting2024"].Id.ToString(), Now.AddMonths(-25).AddHours(1));
        Record("Revealed23Months", CoordinatorOid, AuditKind.EmailRevealed, "Referral", Referrals["Waiting2024"].Id.ToString(), Now.AddMonths(-23));
        Record("RetentionRun2024", System, AuditKind.RetentionRun, "Retention", "e=1 n=0 a=0 u=0 o=0 i=0", At(D(2024, 6, 1), 3, 30));

        // Outbox: sent 31 and 29 days ago, failed long ago (kept for the coordinators' page), pending.
        Outbox["Sent31"] = SentMessage(DaysAgo(31));
        Outbox["Sent29"] = SentMessage(DaysAgo(29));
        var failed = NewMessage(DaysAgo(70));
        failed.Claim(DaysAgo(70), TimeSpan.FromMinutes(5));
        failed.MarkAttemptFailed("smtp-550", DaysAgo(70), null);
        Outbox["Failed70"] = failed;
        Outbox["Pending"] = NewMessage(DaysAgo(1));

        IdempotencyRecords["Key31"] = new ApiIdempotencyRecord("helpline", "key-31", "POST /api/referrals", new string('a', 64), Referrals["Withdrawn31"].Id, DaysAgo(31));
        IdempotencyRecords["Key29"] = new ApiIdempotencyRecord("helpline", "key-29", "POST /api/referrals", new string('b', 64), Referrals["Withdrawn29"].Id, DaysAgo(29));
    }

    /// <summary>Closed 25 months ago; referrals completed at closing (as the demo does). An open concern stays open.</summary>
    private void BuildGroupA()
    {
        var g = NewGroup("A", "Partners Gent (2024)", D(2024, 2, 1));
        var a1 = PlaceAndJoin(g, "A1", D(2024, 2, 12), D(2024, 2, 14));
        var a2 = PlaceAndJoin(g, "A2", D(2024, 2, 12), D(2024, 2, 14));
        var a3 = PlaceAndJoin(g, "A3", D(2024, 2, 12), D(2024, 2, 15));
        g.Start(At(D(2024, 2, 20), 9));
        var m1 = Schedule(g, D(2024, 3, 5), D(2024, 2, 21));
        var m2 = Schedule(g, D(2024, 3, 19), D(2024, 2, 21));
        var m3 = Schedule(g, D(2024, 4, 2), D(2024, 2, 21));
        var m4 = Schedule(g, D(2024, 4, 16), D(2024, 2, 21));
        Hold(m1, (a1, AttendanceStatus.Present), (a2, AttendanceStatus.Present), (a3, AttendanceStatus.Late));
        Hold(m2, (a1, AttendanceStatus.Present), (a2, AttendanceStatus.Absent), (a3, AttendanceStatus.Present));
        a3.Withdraw(WithdrawalReason.PracticalReasons, At(D(2024, 3, 25), 12));
        Referrals["A3"].Withdraw(WithdrawalReason.PracticalReasons, System, At(D(2024, 3, 25), 12));
        Hold(m3, (a1, AttendanceStatus.Late), (a2, AttendanceStatus.Excused));
        m4.Cancel(At(D(2024, 4, 10), 9));
        SessionNote("A.Session1", g, m1);
        SessionNote("A.Session2", g, m2);
        MemberNote("A.OpenConcernNote", g, a1, m2, concern: "A.Open", take: false, handle: false);
        MemberNote("A.HandledConcernNote", g, a2, m1, concern: "A.Handled", take: true, handle: true);
        var closedAt = At(D(2024, 10, 29), 12);
        foreach (var membership in g.Close(closedAt))
        {
            var referral = Referrals.Values.Single(r => r.Id == membership.ReferralId);
            if (membership.Status == MembershipStatus.Completed)
            {
                referral.Complete(System, closedAt);
            }
        }

        Record("A.Closed", CoordinatorOid, AuditKind.GroupStatusChanged, "PeerGroup", g.Id.ToString(), closedAt, g.Id);
    }

    /// <summary>Closed 13 months ago, referrals left active (the group service does not close them). A concern in progress.</summary>
    private void BuildGroupB()
    {
        var g = NewGroup("B", "Naasten Antwerpen (2025)", D(2025, 3, 24));
        var b1 = PlaceAndJoin(g, "B1", D(2025, 4, 1), D(2025, 4, 3));
        var b2 = PlaceAndJoin(g, "B2", D(2025, 4, 1), D(2025, 4, 3));
        var b3 = PlaceAndJoin(g, "B3", D(2025, 4, 1), D(2025, 4, 4));
        g.Start(At(D(2025, 4, 8), 9));
        var m1 = Schedule(g, D(2025, 5, 6), D(2025, 4, 9));
        var m2 = Schedule(g, D(2025, 5, 20), D(2025, 4, 9));
        var m3 = Schedule(g, D(2025, 6, 3), D(2025, 4, 9));
        Hold(m1, (b1, AttendanceStatus.Present), (b2, AttendanceStatus.Present), (b3, AttendanceStatus.Absent));
        Hold(m2, (b1, AttendanceStatus.Present), (b2, AttendanceStatus.Late), (b3, AttendanceStatus.Absent));
        Hold(m3, (b1, AttendanceStatus.Present), (b2, AttendanceStatus.Present), (b3, AttendanceStatus.Absent));
        SessionNote("B.Session1", g, m1);
        MemberNote("B.InProgressConcernNote", g, b1, m3, concern: "B.InProgress", take: true, handle: false);
        MemberNote("B.PlainMemberNote", g, b2, null, concern: null, take: false, handle: false);
        var closedAt = At(Today().AddMonths(-13), 12);
        g.Close(closedAt);
        Record("B.Closed", CoordinatorOid, AuditKind.GroupStatusChanged, "PeerGroup", g.Id.ToString(), closedAt, g.Id);
    }

    /// <summary>Closed 11 months ago: its notes stay a while longer, its attendance is unlinked, its e-mail addresses go.</summary>
    private void BuildGroupC()
    {
        var g = NewGroup("C", "Ouders Hasselt (2025)", D(2025, 8, 18));
        var c1 = PlaceAndJoin(g, "C1", D(2025, 8, 25), D(2025, 8, 27));
        var c2 = PlaceAndJoin(g, "C2", D(2025, 8, 25), D(2025, 8, 28));
        g.Start(At(D(2025, 9, 1), 9));
        var m1 = Schedule(g, D(2025, 9, 9), D(2025, 9, 2));
        var m2 = Schedule(g, D(2025, 9, 23), D(2025, 9, 2));
        var m3 = Schedule(g, D(2025, 10, 7), D(2025, 9, 2));
        Hold(m1, (c1, AttendanceStatus.Present), (c2, AttendanceStatus.Present));
        Hold(m2, (c1, AttendanceStatus.Excused), (c2, AttendanceStatus.Present));
        m3.Cancel(At(D(2025, 10, 1), 9));
        SessionNote("C.Session1", g, m1);
        var closedAt = At(Today().AddMonths(-11), 12);
        g.Close(closedAt);
        Record("C.Closed", CoordinatorOid, AuditKind.GroupStatusChanged, "PeerGroup", g.Id.ToString(), closedAt, g.Id);
    }

    /// <summary>Running: D2 left 31 days ago, D3 29 days ago; D4's invitation was revoked (back on the waiting list).</summary>
    private void BuildGroupD()
    {
        var g = NewGroup("D", "Partners Antwerpen (2026)", D(2026, 5, 4));
        var d1 = PlaceAndJoin(g, "D1", D(2026, 5, 11), D(2026, 5, 13));
        var d2 = PlaceAndJoin(g, "D2", D(2026, 5, 11), D(2026, 5, 13));
        var d3 = PlaceAndJoin(g, "D3", D(2026, 5, 11), D(2026, 5, 14));
        var d4 = Place(g, "D4Returned", D(2026, 5, 11));
        d4.Withdraw(WithdrawalReason.Other, At(D(2026, 6, 1), 10));
        Referrals["D4Returned"].ReturnToWaitingList(CoordinatorOid, At(D(2026, 6, 1), 10));
        g.Start(At(D(2026, 5, 18), 9));
        var m1 = Schedule(g, D(2026, 6, 2), D(2026, 5, 19));
        var m2 = Schedule(g, D(2026, 6, 16), D(2026, 5, 19));
        var m3 = Schedule(g, D(2026, 9, 1), D(2026, 5, 19));
        var m4 = Schedule(g, D(2026, 10, 20), D(2026, 5, 19));
        var m5 = Schedule(g, D(2026, 11, 24), D(2026, 5, 19));
        Schedule(g, D(2026, 12, 8), D(2026, 5, 19));
        Hold(m1, (d1, AttendanceStatus.Present), (d2, AttendanceStatus.Present), (d3, AttendanceStatus.Present));
        Hold(m2, (d1, AttendanceStatus.Late), (d2, AttendanceStatus.Present), (d3, AttendanceStatus.Excused));
        m3.Cancel(At(D(2026, 8, 20), 9));
        Hold(m4, (d1, AttendanceStatus.Present), (d2, AttendanceStatus.Absent), (d3, AttendanceStatus.Present));
        d2.Withdraw(WithdrawalReason.PracticalReasons, DaysAgo(31));
        Referrals["D2"].Withdraw(WithdrawalReason.PracticalReasons, System, DaysAgo(31));
        d3.Withdraw(WithdrawalReason.FoundOtherHelp, DaysAgo(29));
        Referrals["D3"].Withdraw(WithdrawalReason.FoundOtherHelp, System, DaysAgo(29));
        Hold(m5, (d1, AttendanceStatus.Present));
        SessionNote("D.Session1", g, m1);
        MemberNote("D.HandledConcernNote", g, d1, m4, concern: "D.Handled", take: true, handle: true);
    }

    private static DateOnly Today() => BrusselsTime.Today(Now);

    private Referral NewReferral(string name, DateOnly received, Relation relation, bool suitable = true, bool intake = true, bool email = true)
    {
        var details = new ReferralDetails(received, ReferralChannel.Phone, relation, Concern.AbuseImages, Language.Nl, Region.Antwerp,
            FormatPreference.Either, WeeklyAvailability.None, email ? ContactPreference.Email : ContactPreference.Code, true, "2024-01", null);
        var referral = Referral.Register(details, "counsellor-oid", At(received, 10));
        if (email)
        {
            var address = EmailOf(name);
            referral.SetEmail(protector.Protect(ProtectionPurposes.ReferralEmail, address), protector.BlindIndex(ProtectionPurposes.ReferralEmail, address));
        }

        if (intake)
        {
            referral.PlanIntake(At(received.AddDays(3), 14), CoordinatorOid, At(received.AddDays(1), 9));
            referral.RecordIntake(suitable, received.AddDays(3), CoordinatorOid, At(received.AddDays(3), 16));
            if (suitable)
            {
                referral.PutOnWaitingList(CoordinatorOid, At(received.AddDays(3), 16, 5));
            }
        }

        Referrals[name] = referral;
        return referral;
    }

    private PeerGroup NewGroup(string key, string name, DateOnly created)
    {
        var createdAt = At(created, 9);
        var group = PeerGroup.Create(
            new PeerGroupDetails(name, GroupAudience.Partners, Language.Nl, GroupFormat.InPerson, Region.Antwerp, "Straat 1, 2000 Antwerpen", null, 2, 10),
            createdAt);
        group.AssignFacilitator(facilitator.Id, createdAt);
        group.StartRecruiting();
        Record($"{key}.Created", CoordinatorOid, AuditKind.GroupCreated, "PeerGroup", group.Id.ToString(), createdAt, group.Id);
        Groups[key] = group;
        return group;
    }

    private Membership Place(PeerGroup group, string name, DateOnly placed)
    {
        var referral = Referrals[name];
        var at = At(placed, 10);
        var membership = group.Place(referral.Id, at);
        referral.MarkInvited(group.Id, CoordinatorOid, at);
        Record($"{name}.Placed", CoordinatorOid, AuditKind.ReferralPlaced, "Referral", referral.Id.ToString(), at, group.Id);
        Members[name] = membership;
        return membership;
    }

    private Membership PlaceAndJoin(PeerGroup group, string name, DateOnly placed, DateOnly joined)
    {
        var membership = Place(group, name, placed);
        participantNumber++;
        var user = new ParticipantUser
        {
            Id = Guid.CreateVersion7(At(joined, 20)).ToString(),
            UserName = $"deelnemer-{participantNumber:000}",
            NormalizedUserName = $"DEELNEMER-{participantNumber:000}",
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
        };
        rows.Add(user);
        group.Join(membership.Id, user.Id, "Pseudo" + name, At(joined, 20));
        Referrals[name].MarkJoined(System, At(joined, 20));
        return membership;
    }

    private Meeting Schedule(PeerGroup group, DateOnly date, DateOnly plannedOn)
    {
        var meeting = group.ScheduleMeeting(date.ToDateTime(new TimeOnly(19, 0)), 120, null, At(plannedOn, 9));
        rows.Add(meeting);
        return meeting;
    }

    private void Hold(Meeting meeting, params (Membership Member, AttendanceStatus Status)[] marks)
    {
        foreach (var (member, status) in marks)
        {
            var wasJoined = member.Status == MembershipStatus.Joined;
            Attendance.Add(AttendanceRecord.Record(meeting, member, status, FacilitatorOid, meeting.EndsAt));
            if (wasJoined && member.Status == MembershipStatus.Active)
            {
                Referrals.Values.Single(r => r.Id == member.ReferralId).MarkActive(FacilitatorOid, meeting.EndsAt);
            }
        }

        meeting.MarkHeld(meeting.EndsAt.AddMinutes(5));
    }

    private void SessionNote(string name, PeerGroup group, Meeting meeting)
    {
        var at = meeting.EndsAt.AddMinutes(20);
        var note = FacilitatorNote.SessionNote(group.Id, meeting.Id, protector.Protect(ProtectionPurposes.NoteText, $"Sessienotitie {name}"), FacilitatorOid, at);
        note.Finish(at);
        Notes[name] = note;
        Record($"{name}.Written", FacilitatorOid, AuditKind.NoteWritten, "FacilitatorNote", note.Id.ToString(), at, group.Id);
    }

    private void MemberNote(string name, PeerGroup group, Membership member, Meeting? meeting, string? concern, bool take, bool handle)
    {
        var at = (meeting?.EndsAt ?? group.CreatedAt.AddDays(30)).AddMinutes(40);
        var note = FacilitatorNote.MemberNote(group.Id, member.Id, meeting?.Id, protector.Protect(ProtectionPurposes.NoteText, $"Notitie {name}"), FacilitatorOid, at);
        note.Finish(at);
        Notes[name] = note;
        Record($"{name}.Written", FacilitatorOid, AuditKind.NoteWritten, "FacilitatorNote", note.Id.ToString(), at, group.Id);
        if (concern is null)
        {
            return;
        }

        var raised = note.FlagSafeguarding(FacilitatorOid, at);
        Concerns[concern] = raised;
        Record($"{concern}.Flagged", FacilitatorOid, AuditKind.NoteFlagged, "FacilitatorNote", note.Id.ToString(), at, group.Id);
        if (take)
        {
            raised.Take(CoordinatorOid, at.AddHours(14));
            Record($"{concern}.Taken", CoordinatorOid, AuditKind.ConcernTaken, "SafeguardingConcern", raised.Id.ToString(), at.AddHours(14), group.Id);
        }

        if (handle)
        {
            raised.Handle(protector.Protect(ProtectionPurposes.ConcernAction, "Besproken en doorverwezen."), CoordinatorOid, at.AddDays(2));
            Record($"{concern}.Handled", CoordinatorOid, AuditKind.ConcernHandled, "SafeguardingConcern", raised.Id.ToString(), at.AddDays(2), group.Id);
        }
    }

    private void Record(string name, string actor, AuditKind kind, string entityType, string entityId, DateTimeOffset at, Guid? groupId = null)
    {
        var audit = AuditEvent.Record(actor, kind, entityType, entityId, at, groupId);
        Audit[name] = audit;
        AllAudit.Add(audit);
    }

    private OutboxMessage NewMessage(DateTimeOffset at) =>
        OutboxMessage.Create("invitation", protector.Protect(ProtectionPurposes.OutboxRecipient, "ontvanger@voorbeeld.test"), "Afspraak",
            protector.Protect(ProtectionPurposes.OutboxBody, "Tekst"), null, at);

    private OutboxMessage SentMessage(DateTimeOffset sentAt)
    {
        var message = NewMessage(sentAt.AddMinutes(-1));
        message.Claim(sentAt.AddMinutes(-1), TimeSpan.FromMinutes(5));
        message.MarkSent(sentAt);
        return message;
    }
}
