using System.Security.Cryptography;
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
using Lotgenoten.Infrastructure.Protection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lotgenoten.Infrastructure.Demo;

/// <summary>
/// Fills a fresh database with a believable helpline: three years of referrals in roughly the proportions of the
/// 2021 annual report, groups in every status, a group meeting every second Tuesday 19:00–21:00 across a clock change,
/// members, attendance, a few notes and concerns, and the demo staff and participant of <see cref="DemoUsers"/>.
/// Everything is dated relative to today and goes through the domain's own rules, as the app would.
/// Deterministic: the same day gives the same data.
/// </summary>
public sealed partial class DemoDataSeeder
{
    private const string System = "system";

    private readonly LotgenotenDbContext _db;
    private readonly IFieldProtector _protector;
    private readonly IPasswordHasher<ParticipantUser> _hasher;
    private readonly ILogger<DemoDataSeeder> _logger;
    private readonly Random _random = new(2021);
    private readonly DateTimeOffset _now;
    private readonly DateOnly _today;
    private readonly List<Referral> _referrals = [];
    private readonly List<PeerGroup> _groups = [];
    private readonly List<MeetingSeries> _series = [];
    private readonly List<Meeting> _meetings = [];
    private readonly List<ParticipantUser> _users = [];
    private readonly List<Invitation> _invitations = [];
    private readonly List<AttendanceRecord> _attendance = [];
    private readonly List<MeetingResponse> _responses = [];
    private readonly List<FacilitatorNote> _notes = [];
    private readonly List<SafeguardingConcern> _concerns = [];
    private readonly List<AuditEvent> _audit = [];
    private readonly Dictionary<string, StaffMember> _staff = [];
    private int _participantNumber;

    public DemoDataSeeder(
        LotgenotenDbContext db,
        IFieldProtector protector,
        TimeProvider time,
        ILogger<DemoDataSeeder> logger,
        IPasswordHasher<ParticipantUser>? hasher = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _db = db;
        _protector = protector;
        _logger = logger;
        _hasher = hasher ?? new PasswordHasher<ParticipantUser>();
        _now = time.GetUtcNow();
        _today = BrusselsTime.Today(_now);
    }

    /// <summary>Seeds when the database holds no staff and no referrals yet; otherwise does nothing.</summary>
    public static async Task SeedAsync(IServiceProvider scopedServices, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scopedServices);
        var seeder = ActivatorUtilities.CreateInstance<DemoDataSeeder>(scopedServices);
        await seeder.SeedAsync(ct);
    }

    /// <summary>Seeds when the database holds no staff and no referrals yet; returns whether it did.</summary>
    public async Task<bool> SeedAsync(CancellationToken ct)
    {
        if (await _db.Set<StaffMember>().AnyAsync(ct) || await _db.Set<Referral>().AnyAsync(ct))
        {
            return false;
        }

        foreach (var user in DemoUsers.All.Where(u => !u.IsParticipant))
        {
            var member = StaffMember.Create(user.ObjectId, user.DisplayName, _now.AddYears(-4));
            member.RecordSignIn(user.DisplayName, _now.AddDays(-1));
            _staff[user.Key] = member;
        }

        CreateReferrals();
        CreateClosedGroup("Partners Gent (najaar)", GroupAudience.Partners, Region.EastFlanders, "Kortrijksesteenweg 1, 9000 Gent",
            Tuesday(_today.AddDays(-760)), RecurrencePattern.EveryTwoWeeks, 10, new TimeOnly(19, 0), members: 8, "facilitator", "facilitator2");
        CreateClosedGroup("Naasten Limburg", GroupAudience.MixedRelatives, Region.Limburg, "Kempische Steenweg 10, 3500 Hasselt",
            Weekday(_today.AddDays(-420), DayOfWeek.Thursday), RecurrencePattern.MonthlyByWeekday, 8, new TimeOnly(19, 30), members: 7, "lead");
        CreateRunningGroup();
        CreateRecruitingGroup();
        CreatePlannedGroup();
        CloseOldWaitingReferrals();
        CreateWaitingList();

        _db.AddRange(_staff.Values);
        _db.AddRange(_users);
        _db.AddRange(_referrals);
        _db.AddRange(_groups);
        _db.AddRange(_series);
        _db.AddRange(_meetings);
        _db.AddRange(_invitations);
        _db.AddRange(_responses);
        _db.AddRange(_attendance);
        _db.AddRange(_notes);
        _db.AddRange(_concerns);
        _db.AddRange(_audit);
        _db.AddRange(CreateCalendarFeeds());
        await _db.SaveChangesAsync(ct);
        DemoLog.Seeded(_logger, _referrals.Count, _groups.Count, _meetings.Count, _attendance.Count);
        return true;
    }

    private static DateTimeOffset At(DateOnly date, int hour, int minute = 0) =>
        BrusselsTime.ToUtc(date.ToDateTime(new TimeOnly(hour, minute)));

    private static DateOnly Weekday(DateOnly onOrBefore, DayOfWeek day)
    {
        var date = onOrBefore;
        while (date.DayOfWeek != day)
        {
            date = date.AddDays(-1);
        }

        return date;
    }

    private static DateOnly Tuesday(DateOnly onOrBefore) => Weekday(onOrBefore, DayOfWeek.Tuesday);

    private T Pick<T>(params (T Value, int Weight)[] weighted)
    {
        var roll = _random.Next(weighted.Sum(w => w.Weight));
        foreach (var (value, weight) in weighted)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        return weighted[^1].Value;
    }

    private string Actor(string key) => _staff[key].ObjectId;

    /// <summary>About 45 referrals of relatives a year, for three years, and each as far along as its age allows.</summary>
    private void CreateReferrals()
    {
        var start = _today.AddYears(-3);
        for (var day = start; day <= _today; day = day.AddDays(1 + _random.Next(15)))
        {
            var language = Pick((Language.Nl, 84), (Language.Fr, 11), (Language.En, 5));
            var region = language == Language.Fr
                ? Pick((Region.Brussels, 6), (Region.FlemishBrabant, 2), (Region.OnlineOnly, 2))
                : Pick((Region.Antwerp, 26), (Region.EastFlanders, 22), (Region.WestFlanders, 14), (Region.FlemishBrabant, 13),
                    (Region.Limburg, 10), (Region.Brussels, 6), (Region.OnlineOnly, 9));
            var availability = WeeklyAvailability.None;
            foreach (var dayOfWeek in WeeklyAvailability.MondayFirst.Where(_ => _random.Next(3) == 0))
            {
                availability = availability.With(new AvailabilitySlot(dayOfWeek, DayPart.Evening));
            }

            if (availability.IsEmpty || _random.Next(4) == 0)
            {
                availability = availability.With(new AvailabilitySlot(DayOfWeek.Tuesday, DayPart.Evening));
            }

            var wantsEmail = _random.Next(3) > 0;
            var details = new ReferralDetails(
                day,
                Pick((ReferralChannel.Phone, 38), (ReferralChannel.Email, 38), (ReferralChannel.Chat, 14),
                    (ReferralChannel.Professional, 6), (ReferralChannel.Website, 3), (ReferralChannel.Other, 1)),
                Pick((Relation.Partner, 46), (Relation.Parent, 18), (Relation.ExPartner, 10), (Relation.AdultChild, 8),
                    (Relation.Sibling, 6), (Relation.OtherFamily, 6), (Relation.Friend, 4), (Relation.Other, 2)),
                Pick((Concern.AbuseImages, 40), (Concern.HandsOnOffence, 26), (Concern.SexualFeelingsNoOffence, 20), (Concern.Unknown, 14)),
                language,
                region,
                Pick((FormatPreference.Either, 45), (FormatPreference.InPerson, 35), (FormatPreference.Online, 20)),
                availability,
                wantsEmail ? ContactPreference.Email : ContactPreference.Code,
                ConsentGiven: true,
                PrivacyNoticeVersion: day.Year >= 2026 ? "2026-01" : "2024-01",
                CounsellorRemark: _random.Next(4) == 0 ? Pick((Remarks[0], 1), (Remarks[1], 1), (Remarks[2], 1), (Remarks[3], 1)) : null);
            var counsellor = _random.Next(5) == 0 ? "coordinator" : "counsellor";
            var registeredAt = At(day, 10 + _random.Next(8));
            var referral = Referral.Register(details, Actor(counsellor), registeredAt < _now ? registeredAt : _now);
            if (wantsEmail)
            {
                var address = $"naaste{_referrals.Count + 1}@example.org";
                referral.SetEmail(
                    _protector.Protect(ProtectionPurposes.ReferralEmail, address),
                    _protector.BlindIndex(ProtectionPurposes.ReferralEmail, address));
            }

            Intake(referral);
            _referrals.Add(referral);
        }
    }

    private static readonly string[] Remarks =
    [
        "Belt liefst 's avonds terug; eerste keer dat ze erover praat.",
        "Via huisarts doorverwezen. Wil eerst info over hoe een groep verloopt.",
        "Partner volgt behandeling; zoekt herkenning bij anderen.",
        "Twijfelt nog over deelname, maar wil graag op de wachtlijst.",
    ];

    private void Intake(Referral referral)
    {
        var r = referral.ReceivedOn;
        var coordinator = Actor("coordinator");
        if (r.AddDays(3) >= _today)
        {
            return;
        }

        var roll = _random.Next(100);
        if (roll < 4)
        {
            referral.MarkUnreachable(coordinator, At(r.AddDays(3), 11));
            return;
        }

        referral.PlanIntake(At(r.AddDays(8), 14), coordinator, At(r.AddDays(3), 11));
        if (r.AddDays(8) >= _today)
        {
            return;
        }

        if (roll < 10)
        {
            referral.RecordIntake(suitable: false, r.AddDays(8), coordinator, At(r.AddDays(8), 16));
            return;
        }

        if (roll < 13)
        {
            referral.Withdraw(WithdrawalReason.FoundOtherHelp, coordinator, At(r.AddDays(7), 9));
            return;
        }

        referral.RecordIntake(suitable: true, r.AddDays(8), coordinator, At(r.AddDays(8), 16));
        referral.PutOnWaitingList(coordinator, At(r.AddDays(8), 16, 5));
    }

    private PeerGroup NewGroup(string name, GroupAudience audience, Language language, GroupFormat format, Region? region,
        string? address, string? link, DateTimeOffset createdAt, params string[] facilitators)
    {
        var group = PeerGroup.Create(new PeerGroupDetails(name, audience, language, format, region, address, link, 4, 10), createdAt);
        foreach (var key in facilitators)
        {
            group.AssignFacilitator(_staff[key].Id, createdAt);
            _audit.Add(AuditEvent.Record(Actor("coordinator"), AuditKind.FacilitatorAssigned, "PeerGroup", group.Id.ToString(), createdAt, group.Id));
        }

        _audit.Add(AuditEvent.Record(Actor("coordinator"), AuditKind.GroupCreated, "PeerGroup", group.Id.ToString(), createdAt, group.Id));
        _groups.Add(group);
        return group;
    }

    /// <summary>How long a referral waits before it withdraws in the demo (<see cref="CloseOldWaitingReferrals"/>).</summary>
    private const int StillWaitingDays = 190;

    /// <summary>Places the longest-waiting suitable referrals that still wait; all but <paramref name="notJoining"/> create their account.</summary>
    private List<Membership> Recruit(PeerGroup group, DateOnly placedOn, int count, int notJoining, DateOnly joinBy)
    {
        var candidates = _referrals
            .Where(r => r.Status == ReferralStatus.Waiting && r.Language == group.Language && r.IntakeHeldOn <= placedOn.AddDays(-2)
                && (group.Format == GroupFormat.Online ? r.Format != FormatPreference.InPerson : r.Format != FormatPreference.Online))
            // Those who still wait (received in the last half year) come first, longest wait first, as a coordinator
            // would place them; older referrals only when there are too few. So every year's referrals reach a group.
            .OrderBy(r => r.ReceivedOn < placedOn.AddDays(-StillWaitingDays) ? 1 : 0)
            .ThenBy(r => r.ReceivedOn)
            .Take(count)
            .ToList();
        var coordinator = Actor("coordinator");
        var members = new List<Membership>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var referral = candidates[i];
            var placedAt = At(placedOn, 10, i);
            var membership = group.Place(referral.Id, placedAt);
            referral.MarkInvited(group.Id, coordinator, placedAt);
            var invitation = Invitation.Create(
                referral.Id, group.Id, membership.Id, HashOfRandomCode(), HashOfRandomCode(), InvitationDelivery.Handover, coordinator, placedAt);
            _invitations.Add(invitation);
            _audit.Add(AuditEvent.Record(coordinator, AuditKind.ReferralPlaced, "Referral", referral.Id.ToString(), placedAt, group.Id));
            _audit.Add(AuditEvent.Record(coordinator, AuditKind.InvitationSent, "Invitation", invitation.Id.ToString(), placedAt, group.Id));
            if (i >= candidates.Count - notJoining)
            {
                continue;
            }

            var joinedAt = At(placedOn.AddDays(1 + (i % Math.Max(1, joinBy.DayNumber - placedOn.DayNumber))), 20, i);
            invitation.Redeem(joinedAt);
            var isZonnebloem = group.Status != GroupStatus.Closed && members.Count == 0 && _users.All(u => u.Id != DemoUsers.Participant.ObjectId)
                && group.Name.StartsWith("Partners Antwerpen", StringComparison.Ordinal);
            var user = isZonnebloem ? CreateZonnebloem() : CreateParticipant(group.Language);
            group.Join(membership.Id, user.Id, isZonnebloem ? "Zonnebloem" : PseudonymFor(group, i), joinedAt);
            referral.MarkJoined(System, joinedAt);
            _audit.Add(AuditEvent.Record(user.Id, AuditKind.InvitationRedeemed, "Invitation", invitation.Id.ToString(), joinedAt, group.Id));
            members.Add(membership);
        }

        return members;
    }

    private static readonly string[] Pseudonyms =
    [
        "Lavendel", "Noorderlicht", "Kompas", "Eik", "Zeemeeuw", "Vlinder", "Berk", "Duinroos", "Ster", "Wilg", "Regenboog",
        "Merel", "Klaproos", "Horizon", "Anker", "Vuurtoren", "Linde", "Kiezel", "Zomerwind", "Heide",
    ];

    private static readonly string[] FrenchPseudonyms = ["Tournesol", "Colombe", "Étoile", "Rivière", "Saule", "Lumière", "Bruyère", "Mésange"];

    private string PseudonymFor(PeerGroup group, int index)
    {
        var names = group.Language == Language.Fr ? FrenchPseudonyms : Pseudonyms;
        for (var k = 0; ; k++)
        {
            var candidate = names[(index + (_groups.Count * 3) + k) % names.Length];
            if (group.IsPseudonymFree(candidate))
            {
                return candidate;
            }
        }
    }

    private ParticipantUser CreateZonnebloem()
    {
        var user = new ParticipantUser
        {
            Id = DemoUsers.Participant.ObjectId,
            UserName = DemoUsers.ParticipantUserName,
            NormalizedUserName = DemoUsers.ParticipantUserName.ToUpperInvariant(),
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
            Language = "nl",
        };
        user.PasswordHash = _hasher.HashPassword(user, DemoUsers.ParticipantPassphrase);
        _users.Add(user);
        return user;
    }

    /// <summary>Other demo members have accounts without a passphrase: nobody can sign in as them.</summary>
    private ParticipantUser CreateParticipant(Language language)
    {
        _participantNumber++;
        var name = $"deelnemer-{_participantNumber:000}";
        var user = new ParticipantUser
        {
            Id = Guid.CreateVersion7(_now).ToString(),
            UserName = name,
            NormalizedUserName = name.ToUpperInvariant(),
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
            Language = language.ToCode(),
        };
        _users.Add(user);
        return user;
    }

    private static string HashOfRandomCode() =>
        Convert.ToHexStringLower(SHA256.HashData(RandomNumberGenerator.GetBytes(16)));

    private Referral ReferralOf(Membership membership) => _referrals.First(r => r.Id == membership.ReferralId);

    /// <summary>
    /// Holds the meetings up to today (all but <paramref name="leaveOpen"/>, whose register nobody took yet), records
    /// attendance and closes each register; returns the held meetings. <paramref name="missesLastTwo"/> is absent without
    /// notice at the last two held meetings (a check-in is due), <paramref name="missesFirstTwo"/> at the first two (a
    /// check-in that was done); nobody else is absent at the last two, so exactly one member needs a check-in.
    /// </summary>
    private List<Meeting> HoldMeetings(PeerGroup group, IReadOnlyList<Meeting> meetings, IReadOnlyList<Membership> members,
        Membership? dropsOut, Membership? missesLastTwo, string facilitatorKey, Meeting? leaveOpen = null, Membership? missesFirstTwo = null)
    {
        var held = new List<Meeting>();
        var facilitator = Actor(facilitatorKey);
        var toHold = meetings.Where(m => m.EndsAt <= _now && m != leaveOpen).ToList();
        foreach (var meeting in toHold)
        {
            foreach (var membership in members.Where(m => m.IsMember && m.JoinedAt <= meeting.StartsAt))
            {
                if (membership == dropsOut && held.Count == 3)
                {
                    membership.Withdraw(WithdrawalReason.PracticalReasons, meeting.StartsAt.AddDays(-1));
                    ReferralOf(membership).Withdraw(WithdrawalReason.PracticalReasons, System, meeting.StartsAt.AddDays(-1));
                    continue;
                }

                var remaining = toHold.Count - held.Count;
                AttendanceStatus status;
                if ((membership == missesLastTwo && remaining <= 2) || (membership == missesFirstTwo && held.Count < 2))
                {
                    status = AttendanceStatus.Absent;
                }
                else if (missesLastTwo is not null && remaining <= 2)
                {
                    status = Pick((AttendanceStatus.Present, 80), (AttendanceStatus.Late, 6), (AttendanceStatus.Excused, 14));
                }
                else
                {
                    status = Pick((AttendanceStatus.Present, 80), (AttendanceStatus.Late, 6), (AttendanceStatus.Excused, 10), (AttendanceStatus.Absent, 4));
                }

                if (status == AttendanceStatus.Excused)
                {
                    _responses.Add(MeetingResponse.Give(meeting, membership, RsvpAnswer.CantCome,
                        Pick<string?>(("Sorry, deze keer lukt het niet.", 2), (null, 3)), meeting.StartsAt.AddDays(-2)));
                }

                var wasJoined = membership.Status == MembershipStatus.Joined;
                _attendance.Add(AttendanceRecord.Record(meeting, membership, status, facilitator, meeting.EndsAt));
                if (wasJoined && membership.Status == MembershipStatus.Active)
                {
                    ReferralOf(membership).MarkActive(facilitator, meeting.EndsAt);
                }
            }

            meeting.MarkHeld(meeting.EndsAt.AddMinutes(5));
            _audit.Add(AuditEvent.Record(facilitator, AuditKind.AttendanceRegisterClosed, nameof(Meeting), meeting.Id.ToString(), meeting.EndsAt.AddMinutes(5), group.Id));
            held.Add(meeting);
        }

        return held;
    }

    private void CreateClosedGroup(string name, GroupAudience audience, Region region, string address, DateOnly firstMeeting,
        RecurrencePattern pattern, int count, TimeOnly time, int members, params string[] facilitators)
    {
        var created = At(firstMeeting.AddDays(-60), 9);
        var group = NewGroup(name, audience, Language.Nl, GroupFormat.InPerson, region, address, null, created, facilitators);
        group.StartRecruiting();
        var placed = Recruit(group, firstMeeting.AddDays(-35), members, notJoining: 1, joinBy: firstMeeting.AddDays(-7));
        group.Start(At(firstMeeting.AddDays(-6), 9));
        var (series, meetings) = group.PlanSeries(
            new SeriesPlan(pattern, firstMeeting, time, 120, count, null), At(firstMeeting.AddDays(-5), 9));
        _series.Add(series);
        _meetings.AddRange(meetings);
        var held = HoldMeetings(group, meetings, placed, dropsOut: placed.Count > 2 ? placed[2] : null, missesLastTwo: null, facilitators[0]);
        WriteSessionNotes(group, held.Take(3), facilitators[0]);
        if (placed.Count > 3)
        {
            RaiseConcern(group, placed[3], held[1], facilitators[0], handled: true);
        }

        var closedAt = held[^1].EndsAt.AddDays(2);
        foreach (var membership in group.Close(closedAt))
        {
            var referral = ReferralOf(membership);
            if (membership.Status == MembershipStatus.Completed && referral.Status == ReferralStatus.Active)
            {
                referral.Complete(System, closedAt);
            }
            else if (!referral.IsClosed)
            {
                referral.Withdraw(WithdrawalReason.NoLongerNeeded, System, closedAt);
            }
        }

        _audit.Add(AuditEvent.Record(Actor("coordinator"), AuditKind.GroupStatusChanged, "PeerGroup", group.Id.ToString(), closedAt, group.Id));
    }

    /// <summary>The group that meets every second Tuesday 19:00–21:00, across a clock change; Zonnebloem is a member.</summary>
    private void CreateRunningGroup()
    {
        var firstMeeting = Tuesday(_today.AddDays(-70));
        var created = At(firstMeeting.AddDays(-50), 9);
        var group = NewGroup("Partners Antwerpen (dinsdag)", GroupAudience.Partners, Language.Nl, GroupFormat.InPerson, Region.Antwerp,
            "Lange Lozanastraat 14, 2018 Antwerpen", null, created, "facilitator", "facilitator2");
        group.StartRecruiting();
        var placed = Recruit(group, firstMeeting.AddDays(-30), 8, notJoining: 0, joinBy: firstMeeting.AddDays(-5));
        group.Start(At(firstMeeting.AddDays(-4), 9));
        var (series, meetings) = group.PlanSeries(
            new SeriesPlan(RecurrencePattern.EveryTwoWeeks, firstMeeting, new TimeOnly(19, 0), 120, 18, null), At(firstMeeting.AddDays(-3), 9));
        string[] themes = ["Kennismaking", "Schaamte en geheimhouding", "Wat vertel ik aan wie?", "Grenzen stellen", "Zorgen voor jezelf", "Vertrouwen"];
        for (var i = 0; i < Math.Min(themes.Length, meetings.Count); i++)
        {
            meetings[i].SetTheme(themes[i]);
        }

        _series.Add(series);
        _meetings.AddRange(meetings);
        var zonnebloem = placed.First(m => m.Pseudonym == "Zonnebloem");
        var others = placed.Where(m => m != zonnebloem).ToList();

        // The most recent meeting that ended keeps an open register (nobody took attendance yet): the facilitator can
        // take it in the demo. The answers given for it are there to pre-fill the register.
        var past = meetings.Where(m => m.EndsAt <= _now).ToList();
        var open = past.Count > 2 ? past[^1] : null;
        var checkedIn = others.ElementAtOrDefault(6);
        var held = HoldMeetings(group, meetings, placed, dropsOut: others.ElementAtOrDefault(4), missesLastTwo: others.ElementAtOrDefault(5), "facilitator",
            leaveOpen: open, missesFirstTwo: checkedIn);
        var sessionNotes = WriteSessionNotes(group, held, "facilitator");
        if (others.Count > 1 && held.Count > 2)
        {
            RaiseConcern(group, others[1], held[^1], "facilitator", handled: false);
        }

        if (others.Count > 3 && held.Count > 2)
        {
            RaiseConcern(group, others[3], held[1], "facilitator", handled: true);
        }

        if (open is not null)
        {
            AnswerOpenMeeting(open, zonnebloem, others);
        }

        if (checkedIn is not null && held.Count > 2)
        {
            var doneAt = held[1].EndsAt.AddDays(3);
            checkedIn.MarkCheckInDone(Actor("facilitator"), doneAt);
            _audit.Add(AuditEvent.Record(Actor("facilitator"), AuditKind.CheckInDone, nameof(Membership), checkedIn.Id.ToString(), doneAt, group.Id));
        }

        AuditRunningGroup(group, held, sessionNotes);

        var next = meetings.FirstOrDefault(m => m.StartsAt > _now);
        if (next is not null && zonnebloem.IsMember)
        {
            _responses.Add(MeetingResponse.Give(next, zonnebloem, RsvpAnswer.Coming, null, _now.AddHours(-5)));
        }

        if (next is not null && others.Count > 0 && others[0].IsMember)
        {
            _responses.Add(MeetingResponse.Give(next, others[0], RsvpAnswer.CantCome, "Ik ben die week op reis, tot de volgende keer!", _now.AddDays(-1)));
        }
    }

    private void CreateRecruitingGroup()
    {
        var created = At(_today.AddDays(-20), 9);
        var group = NewGroup("Ouders online (woensdag)", GroupAudience.Parents, Language.Nl, GroupFormat.Online, null, null,
            "https://meet.example.org/ouders-woensdag", created, "lead");
        group.StartRecruiting();
        Recruit(group, _today.AddDays(-12), 4, notJoining: 2, joinBy: _today.AddDays(-2));
        var firstMeeting = Weekday(_today.AddDays(34), DayOfWeek.Wednesday);
        var (series, meetings) = group.PlanSeries(
            new SeriesPlan(RecurrencePattern.EveryTwoWeeks, firstMeeting, new TimeOnly(19, 30), 90, 8, null), _now.AddDays(-1));
        _series.Add(series);
        _meetings.AddRange(meetings);
    }

    private void CreatePlannedGroup() =>
        NewGroup("Groupe de parole Bruxelles", GroupAudience.MixedRelatives, Language.Fr, GroupFormat.InPerson, Region.Brussels,
            "Rue de la Loi 1, 1000 Bruxelles", null, At(_today.AddDays(-6), 9), "lead");

    /// <summary>Dutch-speaking referrals that waited over half a year without a group withdrew; some French or English ones still wait (there is no group for them yet).</summary>
    private void CloseOldWaitingReferrals()
    {
        foreach (var referral in _referrals.Where(r => r.Status == ReferralStatus.Waiting && r.ReceivedOn < _today.AddDays(-200)))
        {
            if (referral.Language == Language.Nl || referral.ReceivedOn < _today.AddDays(-420) || _random.Next(3) == 0)
            {
                referral.Withdraw(Pick((WithdrawalReason.NoLongerNeeded, 3), (WithdrawalReason.FoundOtherHelp, 2), (WithdrawalReason.PracticalReasons, 1)),
                    Actor("coordinator"), At(referral.ReceivedOn.AddDays(StillWaitingDays), 11));
            }
        }
    }

    private static readonly string[] SessionNotes =
    [
        "Goede eerste kennismaking. Iedereen heeft kort verteld waarom ze er zijn. Veel herkenning rond het gevoel er alleen voor te staan.",
        "Thema schaamte. Twee deelnemers vertelden voor het eerst aan iemand over de situatie thuis. Sfeer was warm en veilig.",
        "Gesprek over wat je aan kinderen en familie vertelt. Afgesproken om volgende keer materiaal mee te brengen.",
        "Rustige bijeenkomst, iets minder opkomst. Aandacht voor zelfzorg en slaap.",
        "Oefening rond grenzen stellen. Deelnemers wisselden ervaringen uit met hulpverleners.",
        "Evaluatie van de eerste weken: groep wil graag doorgaan in dezelfde samenstelling.",
    ];

    private List<FacilitatorNote> WriteSessionNotes(PeerGroup group, IEnumerable<Meeting> meetings, string facilitatorKey)
    {
        var written = new List<FacilitatorNote>();
        var i = 0;
        foreach (var meeting in meetings)
        {
            var text = SessionNotes[i++ % SessionNotes.Length];
            var note = FacilitatorNote.SessionNote(group.Id, meeting.Id, _protector.Protect(ProtectionPurposes.NoteText, text), Actor(facilitatorKey), meeting.EndsAt.AddMinutes(20));
            note.Finish(meeting.EndsAt.AddMinutes(30));
            _notes.Add(note);
            written.Add(note);
            _audit.Add(AuditEvent.Record(Actor(facilitatorKey), AuditKind.NoteWritten, "FacilitatorNote", note.Id.ToString(), meeting.EndsAt.AddMinutes(30), group.Id));
        }

        return written;
    }

    private void RaiseConcern(PeerGroup group, Membership member, Meeting meeting, string facilitatorKey, bool handled)
    {
        var at = meeting.EndsAt.AddMinutes(40);
        var note = FacilitatorNote.MemberNote(group.Id, member.Id, meeting.Id,
            _protector.Protect(ProtectionPurposes.NoteText, "Deelnemer vertelde dat de partner opnieuw alleen oppast op een neefje. Opvolging nodig."),
            Actor(facilitatorKey), at);
        note.Finish(at);
        var concern = note.FlagSafeguarding(Actor(facilitatorKey), at);
        _notes.Add(note);
        _concerns.Add(concern);
        _audit.Add(AuditEvent.Record(Actor(facilitatorKey), AuditKind.NoteFlagged, "FacilitatorNote", note.Id.ToString(), at, group.Id));
        if (handled)
        {
            var coordinator = Actor("coordinator");
            _audit.Add(AuditEvent.Record(coordinator, AuditKind.ConcernRead, "SafeguardingConcern", concern.Id.ToString(), at.AddHours(13), group.Id));
            _audit.Add(AuditEvent.Record(coordinator, AuditKind.NoteRead, "FacilitatorNote", note.Id.ToString(), at.AddHours(13), group.Id));
            concern.Take(coordinator, at.AddHours(14));
            concern.Handle(_protector.Protect(ProtectionPurposes.ConcernAction, "Besproken met de deelnemer; doorverwezen naar Vertrouwenscentrum Kindermishandeling."), coordinator, at.AddDays(2));
            _audit.Add(AuditEvent.Record(coordinator, AuditKind.ConcernTaken, "SafeguardingConcern", concern.Id.ToString(), at.AddHours(14), group.Id));
            _audit.Add(AuditEvent.Record(coordinator, AuditKind.ConcernHandled, "SafeguardingConcern", concern.Id.ToString(), at.AddDays(2), group.Id));
        }
    }

    /// <summary>
    /// The answers to the meeting whose register is still open: one member could not come and said why (so the register
    /// pre-fills Excused), Zonnebloem and another member said they would come.
    /// </summary>
    private void AnswerOpenMeeting(Meeting open, Membership zonnebloem, IReadOnlyList<Membership> others)
    {
        if (others.ElementAtOrDefault(2) is { IsMember: true } ill)
        {
            _responses.Add(MeetingResponse.Give(open, ill, RsvpAnswer.CantCome, "Sorry, ik lig met griep in bed.", open.StartsAt.AddHours(-6)));
        }

        if (zonnebloem.IsMember)
        {
            _responses.Add(MeetingResponse.Give(open, zonnebloem, RsvpAnswer.Coming, null, open.StartsAt.AddDays(-3)));
        }

        if (others.ElementAtOrDefault(0) is { IsMember: true } coming)
        {
            _responses.Add(MeetingResponse.Give(open, coming, RsvpAnswer.Coming, "Ik ben er, misschien iets later.", open.StartsAt.AddDays(-1)));
        }
    }

    /// <summary>
    /// Audit events of the past months that the app's own screens would have written: the co-facilitator reading the
    /// session notes, one attendance corrected after its register closed, e-mail addresses revealed, the audit log
    /// viewed, and the nightly retention job's runs. Never content, as in the app.
    /// </summary>
    private void AuditRunningGroup(PeerGroup group, IReadOnlyList<Meeting> held, IReadOnlyList<FacilitatorNote> sessionNotes)
    {
        var coFacilitator = Actor("facilitator2");
        foreach (var note in sessionNotes)
        {
            _audit.Add(AuditEvent.Record(coFacilitator, AuditKind.NoteRead, "FacilitatorNote", note.Id.ToString(), note.CreatedAt.AddDays(1), group.Id));
        }

        if (held.Count > 2)
        {
            // Someone marked present turned out to have come late: corrected the next day, after the register closed.
            var meeting = held[0];
            var record = _attendance.FirstOrDefault(a => a.MeetingId == meeting.Id && a.Status == AttendanceStatus.Present);
            if (record is not null)
            {
                var at = meeting.EndsAt.AddDays(1);
                record.Change(meeting, AttendanceStatus.Late, record.Version, Actor("facilitator"), at);
                _audit.Add(AuditEvent.Record(Actor("facilitator"), AuditKind.AttendanceChangedAfterClose, nameof(AttendanceRecord), record.Id.ToString(), at, group.Id));
            }
        }

        var coordinator = Actor("coordinator");
        foreach (var referral in _referrals.Where(r => r.EmailCiphertext != null && r.ReceivedOn >= _today.AddDays(-120) && r.ReceivedOn <= _today.AddDays(-3)).Take(3))
        {
            _audit.Add(AuditEvent.Record(coordinator, AuditKind.EmailRevealed, nameof(Referral), referral.Id.ToString(), At(referral.ReceivedOn.AddDays(2), 10, 15)));
        }

        for (var months = 3; months >= 1; months--)
        {
            var day = _today.AddMonths(-months);
            _audit.Add(AuditEvent.Record(coordinator, AuditKind.AuditLogViewed, "AuditLog", "view", At(day, 14, 5)));
            _audit.Add(AuditEvent.Record(System, AuditKind.RetentionRun, "Retention", $"e={months} n=0 a=0 u=0 o=0 i=0", At(new DateOnly(day.Year, day.Month, 1), 3, 0)));
        }
    }

    private static partial class DemoLog
    {
        [LoggerMessage(EventId = 9001, Level = LogLevel.Information,
            Message = "Demo data seeded: {Referrals} referrals, {Groups} groups, {Meetings} meetings, {Attendance} attendance rows")]
        public static partial void Seeded(ILogger logger, int referrals, int groups, int meetings, int attendance);
    }
}
