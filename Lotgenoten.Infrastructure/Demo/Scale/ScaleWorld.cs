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
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Infrastructure.Protection;

namespace Lotgenoten.Infrastructure.Demo.Scale;

/// <summary>
/// Builds years of a large helpline in memory, day by day, through the domain's own constructors and methods (so its
/// invariants hold): referrals arrive, go through intake and wait; every Monday the coordinators form groups from those
/// ready to be placed; groups recruit, start, meet (some meetings cancelled), take attendance and close. What retention
/// would have removed by now is left out or erased (audit events older than 24 months, session notes of groups closed
/// over a year ago, e-mail addresses 30 days after a referral closed).
/// </summary>
internal sealed class ScaleWorld
{
    private const string System = "system";
    private const string ApiActor = "api:helpline";

    /// <summary>Referrals a year of today's helpline (scale 1).</summary>
    private const double BaseReferralsPerYear = 60;

    private const int AuditMonths = 24;
    private const int NoteMonths = 12;
    private const int EmailDays = 30;

    private readonly Random _random;
    private readonly IFieldProtector _protector;
    private readonly DateTimeOffset _now;
    private readonly DateOnly _today;
    private readonly DateOnly _start;
    private readonly DateTimeOffset _auditFrom;
    private readonly ScaleOptions _options;
    private readonly HashSet<string> _references = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, Referral> _referralById = [];
    private readonly Dictionary<Referral, DateOnly> _readyOn = [];
    private readonly List<Referral> _pending = [];
    private readonly List<Guid> _facilitatorPool = [];
    private readonly List<string> _counsellors = [];
    private int _participantNumber;

    public ScaleWorld(ScaleOptions options, IFieldProtector protector, DateTimeOffset now)
    {
        _options = options;
        _random = new Random(options.Seed);
        _protector = protector;
        _now = now;
        _today = BrusselsTime.Today(now);
        var start = _today.AddYears(-options.Years);
        _start = start < Referral.EarliestReceivedOn ? Referral.EarliestReceivedOn : start;
        _auditFrom = now.AddMonths(-AuditMonths);
    }

    public Dictionary<string, StaffMember> Staff { get; } = [];

    public List<StaffMember> ExtraStaff { get; } = [];

    public List<ParticipantUser> Users { get; } = [];

    public List<Referral> Referrals { get; } = [];

    public List<PeerGroup> Groups { get; } = [];

    public List<MeetingSeries> Series { get; } = [];

    public List<Meeting> Meetings { get; } = [];

    public List<Invitation> Invitations { get; } = [];

    public List<MeetingResponse> Responses { get; } = [];

    public List<AttendanceRecord> Attendance { get; } = [];

    public List<FacilitatorNote> Notes { get; } = [];

    public List<SafeguardingConcern> Concerns { get; } = [];

    public List<AuditEvent> Audit { get; } = [];

    /// <summary>Groups the demo "facilitator" facilitates.</summary>
    public HashSet<Guid> DemoFacilitatorGroups { get; } = [];

    public void Build()
    {
        CreateStaff();
        var firstMonday = _start;
        while (firstMonday.DayOfWeek != DayOfWeek.Monday)
        {
            firstMonday = firstMonday.AddDays(1);
        }

        // Day by day: referrals arrive; every Monday the coordinators form the groups that the ready referrals fill.
        var totalDays = _today.DayNumber - _start.DayNumber + 1;
        for (var day = _start; day <= _today; day = day.AddDays(1))
        {
            var progress = (day.DayNumber - _start.DayNumber) / (double)totalDays;
            var perDay = BaseReferralsPerYear * _options.Scale / 365.25 * (0.75 + (0.5 * progress));
            var count = Poisson(perDay);
            for (var i = 0; i < count; i++)
            {
                AddReferral(day);
            }

            if (day.DayOfWeek == DayOfWeek.Monday && At(day, 12) <= _now)
            {
                WithdrawLongWaits(day);
                FormGroups(day);
            }
        }

        AddPlannedGroups();
        EraseEmailsOfClosedReferrals();
    }

    // ----- staff -----

    private void CreateStaff()
    {
        foreach (var user in DemoUsers.All.Where(u => !u.IsParticipant))
        {
            var member = StaffMember.Create(user.ObjectId, user.DisplayName, At(_start.AddDays(-30), 9));
            member.RecordSignIn(user.DisplayName, _now.AddDays(-1));
            Staff[user.Key] = member;
        }

        // Enough facilitators for the groups running at once (a group has one or two), and a few more counsellors.
        var facilitators = Math.Max(3, (int)Math.Ceiling(_options.Scale * 1.2));
        for (var i = 1; i <= facilitators; i++)
        {
            var member = StaffMember.Create(SeededGuid().ToString(), $"Begeleider {i:000}", At(_start.AddDays(-30 + (i % 20)), 9));
            member.RecordSignIn(member.DisplayName, _now.AddDays(-1 - (i % 30)));
            ExtraStaff.Add(member);
            _facilitatorPool.Add(member.Id);
        }

        _facilitatorPool.Add(Staff["facilitator2"].Id);
        _facilitatorPool.Add(Staff["lead"].Id);
        var counsellors = Math.Max(1, (int)Math.Ceiling(_options.Scale / 5));
        _counsellors.Add(Staff["counsellor"].ObjectId);
        for (var i = 1; i <= counsellors; i++)
        {
            var member = StaffMember.Create(SeededGuid().ToString(), $"Hulplijn {i:000}", At(_start.AddDays(-20), 9));
            member.RecordSignIn(member.DisplayName, _now.AddDays(-1 - (i % 10)));
            ExtraStaff.Add(member);
            _counsellors.Add(member.ObjectId);
        }
    }

    private string Coordinator => Staff["coordinator"].ObjectId;

    private string ActorOf(Guid staffId) =>
        Staff.Values.Concat(ExtraStaff).First(s => s.Id == staffId).ObjectId;

    // ----- referrals -----

    private void AddReferral(DateOnly day)
    {
        var language = Pick((Language.Nl, 84), (Language.Fr, 11), (Language.En, 5));
        var region = language == Language.Fr
            ? Pick((Region.Brussels, 30), (Region.Hainaut, 15), (Region.Liege, 15), (Region.Namur, 8), (Region.WalloonBrabant, 8),
                (Region.Luxembourg, 4), (Region.FlemishBrabant, 8), (Region.OnlineOnly, 12))
            : Pick((Region.Antwerp, 26), (Region.EastFlanders, 22), (Region.WestFlanders, 14), (Region.FlemishBrabant, 13),
                (Region.Limburg, 10), (Region.Brussels, 6), (Region.OnlineOnly, 9));
        var availability = WeeklyAvailability.None;
        foreach (var dayOfWeek in WeeklyAvailability.MondayFirst.Where(_ => _random.Next(3) == 0))
        {
            availability = availability.With(new AvailabilitySlot(dayOfWeek, Pick((DayPart.Evening, 6), (DayPart.Afternoon, 1), (DayPart.Morning, 1))));
        }

        if (availability.IsEmpty)
        {
            availability = availability.With(new AvailabilitySlot(DayOfWeek.Tuesday, DayPart.Evening));
        }

        var wantsEmail = _random.Next(3) > 0;
        var registeredBy = Pick((0, 60), (1, 10), (2, 8), (3, 22)) switch
        {
            0 => Staff["counsellor"].ObjectId,
            1 => Coordinator,
            2 => ApiActor,
            _ => _counsellors[_random.Next(_counsellors.Count)],
        };
        var details = new ReferralDetails(
            day,
            registeredBy == ApiActor ? ReferralChannel.Website
                : Pick((ReferralChannel.Phone, 38), (ReferralChannel.Email, 38), (ReferralChannel.Chat, 14),
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
            PrivacyNoticeVersion: day.Year >= 2026 ? "2026-01" : day.Year >= 2024 ? "2024-01" : "2017-01",
            CounsellorRemark: _random.Next(5) == 0 ? Remarks[_random.Next(Remarks.Length)] : null);
        var registeredAt = Min(At(day, 9 + _random.Next(10), _random.Next(60)), _now.AddMinutes(-1));
        Referral referral;
        do
        {
            referral = Referral.Register(details, registeredBy, registeredAt);
        }
        while (!_references.Add(referral.Reference));

        if (wantsEmail)
        {
            var address = $"naaste{Referrals.Count + 1}@example.org";
            referral.SetEmail(
                _protector.Protect(ProtectionPurposes.ReferralEmail, address),
                _protector.BlindIndex(ProtectionPurposes.ReferralEmail, address));
        }

        AuditAt(registeredBy, AuditKind.ReferralRegistered, nameof(Referral), referral.Id.ToString(), registeredAt);
        Referrals.Add(referral);
        _referralById[referral.Id] = referral;
        Intake(referral);
    }

    private static readonly string[] Remarks =
    [
        "Belt liefst 's avonds terug; eerste keer dat ze erover praat.",
        "Via huisarts doorverwezen. Wil eerst info over hoe een groep verloopt.",
        "Partner volgt behandeling; zoekt herkenning bij anderen.",
        "Twijfelt nog over deelname, maar wil graag op de wachtlijst.",
        "Préfère être rappelée en soirée.",
    ];

    /// <summary>Intake a few days to two weeks after the referral; most are suitable and wait for a group.</summary>
    private void Intake(Referral referral)
    {
        var r = referral.ReceivedOn;
        var contactOn = r.AddDays(1 + _random.Next(4));
        var intakeOn = contactOn.AddDays(2 + _random.Next(10));
        var roll = _random.Next(100);
        if (At(contactOn, 11) > _now)
        {
            return;
        }

        if (roll < 4)
        {
            referral.MarkUnreachable(Coordinator, Min(At(contactOn.AddDays(10), 11), _now));
            return;
        }

        var staff = _random.Next(3) == 0 ? Staff["lead"] : Staff["coordinator"];
        referral.PlanIntake(At(intakeOn, 10 + _random.Next(8)), staff.ObjectId, At(contactOn, 11), staff.Id);
        if (At(intakeOn, 18) > _now)
        {
            return;
        }

        if (roll < 10)
        {
            referral.RecordIntake(suitable: false, intakeOn, staff.ObjectId, At(intakeOn, 18),
                Pick((DeclineReason.NeedsIndividualSupport, 4), (DeclineReason.NotReadyForGroup, 3), (DeclineReason.OutsideTargetGroup, 2),
                    (DeclineReason.Crisis, 1), (DeclineReason.Other, 1)));
            return;
        }

        if (roll < 13)
        {
            referral.Withdraw(Pick((WithdrawalReason.FoundOtherHelp, 2), (WithdrawalReason.NoLongerNeeded, 1)), Coordinator, At(intakeOn.AddDays(-1), 9));
            return;
        }

        referral.RecordIntake(suitable: true, intakeOn, staff.ObjectId, At(intakeOn, 18));
        referral.PutOnWaitingList(staff.ObjectId, At(intakeOn, 18, 5));

        // When a coordinator would place them: the intake, then a wait that is usually a few weeks, sometimes months.
        var wait = Pick((1, 45), (2, 27), (3, 18), (4, 10)) switch
        {
            1 => 7 + _random.Next(25),
            2 => 32 + _random.Next(25),
            3 => 57 + _random.Next(35),
            _ => 92 + _random.Next(70),
        };
        _readyOn[referral] = intakeOn.AddDays(wait);
        _pending.Add(referral);
    }

    /// <summary>Those who waited over eight months without a group (mostly small language pools) withdraw.</summary>
    private void WithdrawLongWaits(DateOnly monday)
    {
        for (var i = _pending.Count - 1; i >= 0; i--)
        {
            var referral = _pending[i];
            if (referral.ReceivedOn.AddDays(240) <= monday || (_readyOn[referral] <= monday && _random.Next(200) == 0))
            {
                referral.Withdraw(Pick((WithdrawalReason.NoLongerNeeded, 3), (WithdrawalReason.FoundOtherHelp, 2), (WithdrawalReason.NoSuitableGroup, 2)),
                    Coordinator, At(monday, 11));
                _pending.RemoveAt(i);
            }
        }
    }

    // ----- groups -----

    private void FormGroups(DateOnly monday)
    {
        foreach (var language in new[] { Language.Nl, Language.Fr, Language.En })
        {
            while (true)
            {
                var ready = _pending
                    .Where(r => r.Language == language && _readyOn[r] <= monday && r.IntakeHeldOn <= monday.AddDays(-2))
                    .OrderBy(r => r.ReceivedOn)
                    .ToList();
                if (ready.Count == 0)
                {
                    break;
                }

                var oldestWait = monday.DayNumber - ready[0].ReceivedOn.DayNumber;
                if (ready.Count < 7 && !(ready.Count >= 4 && oldestWait > 100))
                {
                    break;
                }

                var online = ready[0].Format switch
                {
                    FormatPreference.Online => true,
                    FormatPreference.InPerson => false,
                    _ => _random.Next(10) < 3,
                };
                var capacity = 8 + _random.Next(5);
                var chosen = ready
                    .Where(r => online ? r.Format != FormatPreference.InPerson : r.Format != FormatPreference.Online)
                    .Take(capacity)
                    .ToList();
                if (chosen.Count < 4)
                {
                    break;
                }

                foreach (var referral in chosen)
                {
                    _pending.Remove(referral);
                }

                CreateGroup(monday, language, online, capacity, chosen);
            }
        }
    }

    private PeerGroup NewGroup(DateOnly formedOn, Language language, bool online, int capacity, Region? region, DateTimeOffset createdAt)
    {
        var number = Groups.Count + 1;
        var audience = Pick((GroupAudience.Partners, 45), (GroupAudience.Parents, 20), (GroupAudience.MixedRelatives, 30), (GroupAudience.AdultChildren, 5));
        var place = region is { } r ? RegionName(r) : "online";
        var name = $"{AudienceName(audience, language)} {place} {formedOn:yyyy-MM} #{number}";
        var details = new PeerGroupDetails(
            name, audience, language, online ? GroupFormat.Online : GroupFormat.InPerson, online ? null : region,
            online ? null : $"Ontmoetingsruimte {number % 40 + 1}, {place}",
            online ? $"https://meet.example.org/groep-{number}" : null,
            MinimumToStart: 4, MaximumSize: capacity);
        var group = PeerGroup.Create(details, createdAt);

        // Every third group is the demo facilitator's (so a load client signed in as them has hundreds of registers).
        var facilitators = new List<Guid>();
        if (number % 3 == 1)
        {
            facilitators.Add(Staff["facilitator"].Id);
        }
        else
        {
            facilitators.Add(_facilitatorPool[_random.Next(_facilitatorPool.Count)]);
        }

        if (_random.Next(2) == 0)
        {
            var co = _facilitatorPool[_random.Next(_facilitatorPool.Count)];
            if (!facilitators.Contains(co))
            {
                facilitators.Add(co);
            }
        }

        foreach (var id in facilitators)
        {
            group.AssignFacilitator(id, createdAt);
            AuditAt(Coordinator, AuditKind.FacilitatorAssigned, nameof(PeerGroup), group.Id.ToString(), createdAt, group.Id);
        }

        if (facilitators.Contains(Staff["facilitator"].Id))
        {
            DemoFacilitatorGroups.Add(group.Id);
        }

        AuditAt(Coordinator, AuditKind.GroupCreated, nameof(PeerGroup), group.Id.ToString(), createdAt, group.Id);
        Groups.Add(group);
        return group;
    }

    private void CreateGroup(DateOnly monday, Language language, bool online, int capacity, List<Referral> chosen)
    {
        var region = online ? (Region?)null
            : chosen.Select(r => r.Region).Where(r => r != Region.OnlineOnly).GroupBy(r => r).OrderByDescending(g => g.Count()).Select(g => (Region?)g.Key).FirstOrDefault()
                ?? (language == Language.Nl ? Region.Antwerp : Region.Brussels);
        var createdAt = At(monday.AddDays(-3 - _random.Next(10)), 9);
        var group = NewGroup(monday, language, online, capacity, region, createdAt);
        var facilitator = ActorOf(group.Facilitators[0].StaffMemberId);
        group.StartRecruiting();
        AuditAt(Coordinator, AuditKind.GroupStatusChanged, nameof(PeerGroup), group.Id.ToString(), createdAt.AddMinutes(5), group.Id);

        // Placement on Monday; most create their account within a week; a few never do.
        var members = new List<Membership>();
        var invitedOnly = new List<(Membership Membership, Referral Referral, DateTimeOffset PlacedAt)>();
        for (var i = 0; i < chosen.Count; i++)
        {
            var referral = chosen[i];
            var placedAt = At(monday, 10, i * 3);
            var membership = group.Place(referral.Id, placedAt);
            referral.MarkInvited(group.Id, Coordinator, placedAt);
            var invitation = Invitation.Create(referral.Id, group.Id, membership.Id, RandomHash(), RandomHash(),
                referral.EmailCiphertext is null ? InvitationDelivery.Handover : InvitationDelivery.Email, Coordinator, placedAt);
            Invitations.Add(invitation);
            AuditAt(Coordinator, AuditKind.ReferralPlaced, nameof(Referral), referral.Id.ToString(), placedAt, group.Id);
            AuditAt(Coordinator, AuditKind.InvitationSent, nameof(Invitation), invitation.Id.ToString(), placedAt, group.Id);
            var joinedAt = At(monday.AddDays(1 + _random.Next(7)), 18 + _random.Next(4), _random.Next(60));
            if (_random.Next(100) < 7 || joinedAt > _now)
            {
                invitedOnly.Add((membership, referral, placedAt));
                continue;
            }

            invitation.Redeem(joinedAt);
            var user = CreateParticipant(language, joinedAt);
            group.Join(membership.Id, user.Id, PseudonymFor(group, language), joinedAt);
            referral.MarkJoined(System, joinedAt);
            AuditAt(user.Id, AuditKind.InvitationRedeemed, nameof(Invitation), invitation.Id.ToString(), joinedAt, group.Id);
            members.Add(membership);
        }

        // An invitation not used in its two weeks: the coordinator withdraws the place.
        foreach (var (membership, referral, placedAt) in invitedOnly)
        {
            var lapsedAt = placedAt.AddDays(16);
            if (lapsedAt <= _now)
            {
                membership.Withdraw(WithdrawalReason.NoLongerNeeded, lapsedAt);
                referral.Withdraw(WithdrawalReason.NoLongerNeeded, Coordinator, lapsedAt);
            }
        }

        // The series: weekday evenings mostly, a first meeting two to four weeks after placement.
        var weekday = Pick((DayOfWeek.Monday, 3), (DayOfWeek.Tuesday, 5), (DayOfWeek.Wednesday, 4), (DayOfWeek.Thursday, 4), (DayOfWeek.Saturday, 1));
        var first = monday.AddDays(14 + _random.Next(14));
        while (first.DayOfWeek != weekday)
        {
            first = first.AddDays(1);
        }

        var time = weekday == DayOfWeek.Saturday ? new TimeOnly(10, 0) : Pick((new TimeOnly(19, 0), 5), (new TimeOnly(19, 30), 3), (new TimeOnly(20, 0), 2));
        var (pattern, count) = Pick((RecurrencePattern.EveryTwoWeeks, 60), (RecurrencePattern.Weekly, 25), (RecurrencePattern.MonthlyByWeekday, 15)) switch
        {
            RecurrencePattern.Weekly => (RecurrencePattern.Weekly, 20 + _random.Next(9)),
            RecurrencePattern.EveryTwoWeeks => (RecurrencePattern.EveryTwoWeeks, 20 + _random.Next(9)),
            _ => (RecurrencePattern.MonthlyByWeekday, 12 + _random.Next(5)),
        };
        var startAt = At(first.AddDays(-6), 9);
        if (startAt > _now)
        {
            // Still recruiting: the series is already planned.
            PlanSeries(group, pattern, first, time, count, Min(At(monday.AddDays(3), 9), _now.AddMinutes(-30)));
            return;
        }

        if (group.Memberships.Count(m => m.IsMember) < group.MinimumToStart)
        {
            CloseGroup(group, startAt);
            return;
        }

        group.Start(startAt);
        AuditAt(Coordinator, AuditKind.GroupStatusChanged, nameof(PeerGroup), group.Id.ToString(), startAt, group.Id);
        var meetings = PlanSeries(group, pattern, first, time, count, startAt.AddHours(1));
        var held = HoldMeetings(group, meetings, members);
        var last = meetings.Where(m => m.Status != MeetingStatus.Cancelled).Select(m => m.EndsAt).DefaultIfEmpty(startAt).Max();
        if (meetings.All(m => m.Status != MeetingStatus.Scheduled) && last.AddDays(3) <= _now)
        {
            CloseGroup(group, last.AddDays(3));
        }
        else
        {
            AnswerNextMeeting(meetings, members);
        }

        WriteNotes(group, held, members, facilitator);
    }

    private List<Meeting> PlanSeries(PeerGroup group, RecurrencePattern pattern, DateOnly first, TimeOnly time, int count, DateTimeOffset at)
    {
        var duration = Pick((120, 6), (90, 3), (150, 1));
        var (series, meetings) = group.PlanSeries(new SeriesPlan(pattern, first, time, duration, count, null), at);
        Series.Add(series);
        Meetings.AddRange(meetings);
        var list = meetings.ToList();

        // About one meeting in twenty is cancelled on its own, a few days ahead.
        foreach (var meeting in list)
        {
            var cancelAt = meeting.StartsAt.AddDays(-1 - _random.Next(10));
            if (_random.Next(100) < 5 && cancelAt <= _now && cancelAt > at)
            {
                meeting.Cancel(cancelAt);
            }
        }

        return list;
    }

    /// <summary>
    /// Takes attendance at every meeting that has ended (a register of the last week is left open now and then), with
    /// "can't come" answers before excused absences; a few members drop out along the way.
    /// </summary>
    private List<Meeting> HoldMeetings(PeerGroup group, List<Meeting> meetings, List<Membership> members)
    {
        var held = new List<Meeting>();
        var facilitators = group.Facilitators.Select(f => ActorOf(f.StaffMemberId)).ToList();
        var dropAt = members.ToDictionary(m => m, _ => _random.Next(100) < 12 ? 1 + _random.Next(Math.Max(1, meetings.Count - 1)) : int.MaxValue);
        var reliability = members.ToDictionary(m => m, _ => _random.Next(100) < 15 ? 2 : 1);
        var index = 0;
        foreach (var meeting in meetings.Where(m => m.Status == MeetingStatus.Scheduled))
        {
            index++;
            var closeAt = meeting.EndsAt.AddMinutes(5 + _random.Next(120));
            if (closeAt > _now || (meeting.EndsAt > _now.AddDays(-7) && _random.Next(3) == 0))
            {
                continue;
            }

            var facilitator = facilitators[_random.Next(facilitators.Count)];
            foreach (var membership in members.Where(m => m.IsMember && m.JoinedAt <= meeting.StartsAt))
            {
                if (dropAt[membership] == index)
                {
                    var leftAt = meeting.StartsAt.AddDays(-1);
                    var reason = Pick((WithdrawalReason.PracticalReasons, 4), (WithdrawalReason.GroupNotSuitable, 2), (WithdrawalReason.NoLongerNeeded, 2),
                        (WithdrawalReason.PrivacyConcerns, 1), (WithdrawalReason.Other, 1));
                    membership.Withdraw(reason, leftAt);
                    _referralById[membership.ReferralId].Withdraw(reason, System, leftAt);
                    continue;
                }

                var status = reliability[membership] == 1
                    ? Pick((AttendanceStatus.Present, 82), (AttendanceStatus.Late, 6), (AttendanceStatus.Excused, 9), (AttendanceStatus.Absent, 3))
                    : Pick((AttendanceStatus.Present, 60), (AttendanceStatus.Late, 10), (AttendanceStatus.Excused, 18), (AttendanceStatus.Absent, 12));
                if (status == AttendanceStatus.Excused)
                {
                    Responses.Add(MeetingResponse.Give(meeting, membership, RsvpAnswer.CantCome,
                        _random.Next(3) == 0 ? "Sorry, deze keer lukt het niet." : null, meeting.StartsAt.AddHours(-2 - _random.Next(70))));
                }
                else if (_random.Next(10) == 0)
                {
                    Responses.Add(MeetingResponse.Give(meeting, membership, RsvpAnswer.Coming, null, meeting.StartsAt.AddHours(-2 - _random.Next(70))));
                }

                var wasJoined = membership.Status == MembershipStatus.Joined;
                Attendance.Add(AttendanceRecord.Record(meeting, membership, status, facilitator, closeAt.AddMinutes(-2)));
                if (wasJoined && membership.Status == MembershipStatus.Active)
                {
                    _referralById[membership.ReferralId].MarkActive(facilitator, closeAt.AddMinutes(-2));
                }
            }

            meeting.MarkHeld(closeAt);
            AuditAt(facilitator, AuditKind.AttendanceRegisterClosed, nameof(Meeting), meeting.Id.ToString(), closeAt, group.Id);
            held.Add(meeting);
        }

        return held;
    }

    private void CloseGroup(PeerGroup group, DateTimeOffset closedAt)
    {
        foreach (var membership in group.Close(closedAt))
        {
            var referral = _referralById[membership.ReferralId];
            if (membership.Status == MembershipStatus.Completed && referral.Status == ReferralStatus.Active)
            {
                referral.Complete(System, closedAt);
            }
            else if (!referral.IsClosed)
            {
                referral.Withdraw(WithdrawalReason.NoLongerNeeded, System, closedAt);
            }
        }

        AuditAt(Coordinator, AuditKind.GroupStatusChanged, nameof(PeerGroup), group.Id.ToString(), closedAt, group.Id);
    }

    /// <summary>Half the members answer for the next meeting; most say they come.</summary>
    private void AnswerNextMeeting(List<Meeting> meetings, List<Membership> members)
    {
        var next = meetings.Where(m => m.Status == MeetingStatus.Scheduled && m.StartsAt > _now).OrderBy(m => m.StartsAt).FirstOrDefault();
        if (next is null)
        {
            return;
        }

        foreach (var membership in members.Where(m => m.IsMember && _random.Next(2) == 0))
        {
            var at = Max(_now.AddHours(-1 - _random.Next(72)), membership.JoinedAt!.Value.AddMinutes(1));
            var cantCome = _random.Next(5) == 0;
            Responses.Add(MeetingResponse.Give(next, membership, cantCome ? RsvpAnswer.CantCome : RsvpAnswer.Coming,
                cantCome && _random.Next(2) == 0 ? "Ik ben die week weg, tot de volgende keer." : null, at));
        }
    }

    private static readonly string[] SessionNotes =
    [
        "Goede eerste kennismaking. Veel herkenning rond het gevoel er alleen voor te staan.",
        "Thema schaamte. Twee deelnemers vertelden voor het eerst over de situatie thuis. Sfeer was warm en veilig.",
        "Gesprek over wat je aan kinderen en familie vertelt. Afgesproken om volgende keer materiaal mee te brengen.",
        "Rustige bijeenkomst, iets minder opkomst. Aandacht voor zelfzorg en slaap.",
        "Oefening rond grenzen stellen. Deelnemers wisselden ervaringen uit met hulpverleners.",
        "Evaluatie: de groep wil graag doorgaan in dezelfde samenstelling.",
    ];

    /// <summary>
    /// Session notes for about a third of the held meetings of groups that closed less than a year ago (retention erased the
    /// older texts), and now and then a member note flagged as a safeguarding concern; the last month's are still open.
    /// </summary>
    private void WriteNotes(PeerGroup group, List<Meeting> held, List<Membership> members, string facilitator)
    {
        var notesKept = group.ClosedOn is not { } closedOn || BrusselsTime.StartOfDay(closedOn).AddMonths(NoteMonths) > _now;
        if (notesKept)
        {
            foreach (var meeting in held.Where(_ => _random.Next(3) == 0))
            {
                var at = meeting.EndsAt.AddMinutes(20);
                var note = FacilitatorNote.SessionNote(group.Id, meeting.Id,
                    _protector.Protect(ProtectionPurposes.NoteText, SessionNotes[_random.Next(SessionNotes.Length)]), facilitator, at);
                note.Finish(at.AddMinutes(10));
                Notes.Add(note);
                AuditAt(facilitator, AuditKind.NoteWritten, nameof(FacilitatorNote), note.Id.ToString(), at.AddMinutes(10), group.Id);
            }
        }

        if (held.Count < 3 || members.Count == 0 || _random.Next(100) >= 6)
        {
            return;
        }

        var raisedAt = held[_random.Next(held.Count)].EndsAt.AddMinutes(40);
        var member = members[_random.Next(members.Count)];
        var concernNote = FacilitatorNote.MemberNote(group.Id, member.Id, null,
            _protector.Protect(ProtectionPurposes.NoteText, "Deelnemer vertelde dat de partner opnieuw alleen oppast op een kind in de familie. Opvolging nodig."),
            facilitator, raisedAt);
        concernNote.Finish(raisedAt);
        var concern = concernNote.FlagSafeguarding(facilitator, raisedAt);
        Notes.Add(concernNote);
        Concerns.Add(concern);
        AuditAt(facilitator, AuditKind.NoteFlagged, nameof(FacilitatorNote), concernNote.Id.ToString(), raisedAt, group.Id);
        var handledAt = raisedAt.AddDays(1 + _random.Next(6));
        if (handledAt <= _now.AddDays(-30) || (handledAt <= _now && _random.Next(2) == 0))
        {
            concern.Take(Coordinator, raisedAt.AddHours(14));
            concern.Handle(_protector.Protect(ProtectionPurposes.ConcernAction, "Besproken met de deelnemer; doorverwezen naar het Vertrouwenscentrum."), Coordinator, handledAt);
            AuditAt(Coordinator, AuditKind.ConcernTaken, nameof(SafeguardingConcern), concern.Id.ToString(), raisedAt.AddHours(14), group.Id);
            AuditAt(Coordinator, AuditKind.ConcernHandled, nameof(SafeguardingConcern), concern.Id.ToString(), handledAt, group.Id);
            if (!notesKept && group.ClosedOn is { } closed)
            {
                concernNote.Erase(BrusselsTime.StartOfDay(closed).AddMonths(NoteMonths).AddHours(3.5));
            }
        }
    }

    /// <summary>A few groups still to fill: planned, with a facilitator, no members yet.</summary>
    private void AddPlannedGroups()
    {
        var count = 1 + (int)(_options.Scale / 25);
        for (var i = 0; i < count; i++)
        {
            var language = i % 3 == 2 ? Language.Fr : Language.Nl;
            var online = i % 2 == 1;
            var createdAt = Min(At(_today.AddDays(-1 - _random.Next(20)), 9), _now.AddMinutes(-10));
            NewGroup(_today, language, online, 10, online ? null : language == Language.Fr ? Region.Brussels : Region.EastFlanders, createdAt);
        }
    }

    /// <summary>Retention: an e-mail address goes 30 days after its referral closed.</summary>
    private void EraseEmailsOfClosedReferrals()
    {
        foreach (var referral in Referrals)
        {
            if (referral.ClosedOn is { } closedOn && closedOn.AddDays(EmailDays) < _today)
            {
                referral.EraseEmail(At(closedOn.AddDays(EmailDays + 1), 3, 30));
            }
        }
    }

    // ----- participants and pseudonyms -----

    private ParticipantUser CreateParticipant(Language language, DateTimeOffset joinedAt)
    {
        _participantNumber++;
        var name = $"schaal-{_participantNumber:000000}";
        var user = new ParticipantUser
        {
            Id = Ids.New(joinedAt).ToString(),
            UserName = name,
            NormalizedUserName = name.ToUpperInvariant(),
            SecurityStamp = SeededGuid().ToString("N"),
            ConcurrencyStamp = SeededGuid().ToString(),
            Language = language.ToCode(),
        };
        Users.Add(user);
        return user;
    }

    private static readonly string[] DutchNames =
    [
        "Lavendel", "Noorderlicht", "Kompas", "Eik", "Zeemeeuw", "Vlinder", "Berk", "Duinroos", "Ster", "Wilg", "Regenboog",
        "Merel", "Klaproos", "Horizon", "Anker", "Vuurtoren", "Linde", "Kiezel", "Zomerwind", "Heide", "Zonnebloem", "Reiger",
    ];

    private static readonly string[] FrenchNames =
    [
        "Tournesol", "Colombe", "Étoile", "Rivière", "Saule", "Lumière", "Bruyère", "Mésange", "Coquelicot", "Phare", "Olivier",
        "Lavande", "Hirondelle", "Aurore", "Boussole",
    ];

    private static readonly string[] EnglishNames =
    [
        "Willow", "Harbour", "Maple", "Robin", "Aurora", "Cedar", "Meadow", "River", "Sparrow", "Compass", "Ember", "Juniper", "Lantern",
    ];

    private string PseudonymFor(PeerGroup group, Language language)
    {
        var names = language switch
        {
            Language.Fr => FrenchNames,
            Language.En => EnglishNames,
            _ => DutchNames,
        };
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var candidate = attempt < 25
                ? names[_random.Next(names.Length)]
                : $"{names[_random.Next(names.Length)]} {names[_random.Next(names.Length)]}";
            // Unique in the group for good (the domain asks it among current members only): no one leaves a name behind.
            var skeleton = Pseudonym.Skeleton(candidate);
            if (group.IsPseudonymFree(candidate) && group.Memberships.All(m => m.PseudonymSkeleton != skeleton))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("No free pseudonym found.");
    }

    // ----- helpers -----

    private void AuditAt(string actor, AuditKind kind, string entityType, string entityId, DateTimeOffset at, Guid? groupId = null)
    {
        if (at >= _auditFrom && at <= _now)
        {
            Audit.Add(AuditEvent.Record(actor, kind, entityType, entityId, at, groupId));
        }
    }

    private static DateTimeOffset At(DateOnly date, int hour, int minute = 0) =>
        BrusselsTime.ToUtc(date.ToDateTime(new TimeOnly(hour, minute)));

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static string RegionName(Region region) => region switch
    {
        Region.Antwerp => "Antwerpen",
        Region.Limburg => "Hasselt",
        Region.EastFlanders => "Gent",
        Region.FlemishBrabant => "Leuven",
        Region.WestFlanders => "Brugge",
        Region.Brussels => "Brussel",
        Region.WalloonBrabant => "Wavre",
        Region.Hainaut => "Mons",
        Region.Liege => "Liège",
        Region.Luxembourg => "Arlon",
        Region.Namur => "Namur",
        _ => "online",
    };

    private static string AudienceName(GroupAudience audience, Language language) => (audience, language) switch
    {
        (GroupAudience.Partners, Language.Fr) => "Partenaires",
        (GroupAudience.Parents, Language.Fr) => "Parents",
        (GroupAudience.AdultChildren, Language.Fr) => "Enfants adultes",
        (_, Language.Fr) => "Proches",
        (GroupAudience.Partners, Language.En) => "Partners (EN)",
        (GroupAudience.Parents, Language.En) => "Parents (EN)",
        (GroupAudience.AdultChildren, Language.En) => "Adult children (EN)",
        (_, Language.En) => "Relatives (EN)",
        (GroupAudience.Partners, _) => "Partners",
        (GroupAudience.Parents, _) => "Ouders",
        (GroupAudience.AdultChildren, _) => "Volwassen kinderen",
        _ => "Naasten",
    };

    private T Pick<T>(params (T Value, int Weight)[] weighted)
    {
        var total = 0;
        foreach (var (_, weight) in weighted)
        {
            total += weight;
        }

        var roll = _random.Next(total);
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

    private int Poisson(double lambda)
    {
        // Knuth for small rates; a normal approximation for large ones.
        if (lambda > 30)
        {
            var u1 = 1.0 - _random.NextDouble();
            var u2 = _random.NextDouble();
            var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
            return Math.Max(0, (int)Math.Round(lambda + (Math.Sqrt(lambda) * normal)));
        }

        var limit = Math.Exp(-lambda);
        var k = 0;
        var p = _random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= _random.NextDouble();
        }

        return k;
    }

    private Guid SeededGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private string RandomHash()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
