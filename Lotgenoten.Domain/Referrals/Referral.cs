using Lotgenoten.Domain.Common;

namespace Lotgenoten.Domain.Referrals;

/// <summary>What a counsellor (or the helpline's system) registers about a relative who wants to join a group.</summary>
public sealed record ReferralDetails(
    DateOnly ReceivedOn,
    ReferralChannel Channel,
    Relation Relation,
    Concern Concern,
    Language Language,
    Region Region,
    FormatPreference Format,
    WeeklyAvailability Availability,
    ContactPreference ContactPreference,
    bool ConsentGiven,
    string? PrivacyNoticeVersion,
    string? CounsellorRemark);

/// <summary>
/// A relative referred to a peer group. Holds no name: the only identifying datum is an optional e-mail address,
/// held here only as ciphertext (<see cref="EmailCiphertext"/>) and an HMAC blind index for duplicate warnings;
/// encryption is the infrastructure's job.
/// </summary>
public sealed class Referral
{
    public const int RemarkMaxLength = 2000;
    public const int NoticeVersionMaxLength = 20;
    public const int EmailMaxLength = 254;
    public const int EmailCiphertextMaxLength = 2048;
    public const int BlindIndexMaxLength = 64;
    public const int ActorMaxLength = ReferralStatusChange.ByMaxLength;
    public const int WithdrawalNoteMaxLength = 500;

    /// <summary>Length of <see cref="Reference"/>.</summary>
    public const int ReferenceLength = 8;

    /// <summary>The helpline opened in 2017: no referral predates it.</summary>
    public static readonly DateOnly EarliestReceivedOn = new(2017, 1, 1);

    private static readonly Dictionary<ReferralStatus, ReferralStatus[]> Allowed = new()
    {
        [ReferralStatus.Received] = [ReferralStatus.IntakePlanned, ReferralStatus.Withdrawn, ReferralStatus.Unreachable],
        [ReferralStatus.IntakePlanned] = [ReferralStatus.IntakePlanned, ReferralStatus.IntakeDone, ReferralStatus.Declined, ReferralStatus.Withdrawn, ReferralStatus.Unreachable],
        [ReferralStatus.IntakeDone] = [ReferralStatus.Waiting, ReferralStatus.Declined, ReferralStatus.Withdrawn],
        [ReferralStatus.Waiting] = [ReferralStatus.Invited, ReferralStatus.Withdrawn, ReferralStatus.Unreachable],
        [ReferralStatus.Invited] = [ReferralStatus.Joined, ReferralStatus.Waiting, ReferralStatus.Withdrawn, ReferralStatus.Unreachable],
        [ReferralStatus.Joined] = [ReferralStatus.Active, ReferralStatus.Withdrawn],
        [ReferralStatus.Active] = [ReferralStatus.Completed, ReferralStatus.Withdrawn],
        [ReferralStatus.Completed] = [],
        [ReferralStatus.Declined] = [],
        [ReferralStatus.Withdrawn] = [],
        [ReferralStatus.Unreachable] = [],
    };

    private readonly List<ReferralStatusChange> _history = [];

    private Referral()
    {
        RegisteredBy = string.Empty;
        PrivacyNoticeVersion = string.Empty;
        Reference = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>
    /// A short reference staff can say on the phone or search for (e.g. <c>K7PX3MRD</c>): random, unique (the database
    /// has a unique index), and saying nothing about the relative or about when they called.
    /// </summary>
    public string Reference { get; private set; }

    public DateOnly ReceivedOn { get; private set; }

    public ReferralChannel Channel { get; private set; }

    public Relation Relation { get; private set; }

    public Concern Concern { get; private set; }

    public Language Language { get; private set; }

    public Region Region { get; private set; }

    public FormatPreference Format { get; private set; }

    public WeeklyAvailability Availability { get; private set; }

    public ContactPreference ContactPreference { get; private set; }

    /// <summary>The e-mail address, protected by the infrastructure; null when none was given or it was erased.</summary>
    public string? EmailCiphertext { get; private set; }

    /// <summary>HMAC of the normalised address, to warn of likely duplicates without decrypting anything.</summary>
    public string? EmailBlindIndex { get; private set; }

    public DateTimeOffset? EmailErasedAt { get; private set; }

    public bool ConsentGiven { get; private set; }

    public string PrivacyNoticeVersion { get; private set; }

    public DateTimeOffset ConsentRecordedAt { get; private set; }

    /// <summary>Free text for coordinators; never shown to facilitators.</summary>
    public string? CounsellorRemark { get; private set; }

    /// <summary>The staff object id (or API client) that registered the referral.</summary>
    public string RegisteredBy { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public ReferralStatus Status { get; private set; }

    public DateTimeOffset StatusChangedAt { get; private set; }

    public DateTimeOffset? IntakePlannedFor { get; private set; }

    /// <summary>The member of staff (<c>StaffMember.Id</c>) who holds the intake, when one was named.</summary>
    public Guid? IntakeStaffId { get; private set; }

    /// <summary>Why the intake declined the referral.</summary>
    public DeclineReason? DeclineReason { get; private set; }

    public DateOnly? IntakeHeldOn { get; private set; }

    /// <summary>The group of the current or last placement.</summary>
    public Guid? PlacedGroupId { get; private set; }

    public DateOnly? PlacedOn { get; private set; }

    public WithdrawalReason? WithdrawalReason { get; private set; }

    /// <summary>The date the referral reached a final status (completed, declined, withdrawn, unreachable).</summary>
    public DateOnly? ClosedOn { get; private set; }

    /// <summary>Increases with every change; an optimistic concurrency token on every database.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<ReferralStatusChange> History => _history;

    public bool IsClosed => Allowed[Status].Length == 0;

    /// <summary>Registers a referral. The received-on date may not lie in the future nor before 2017; consent is required.</summary>
    public static Referral Register(ReferralDetails details, string registeredBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        var today = BrusselsTime.Today(now);
        if (details.ReceivedOn > today)
        {
            throw new DomainException("referral.received-on.future", "The received-on date lies in the future.");
        }

        if (details.ReceivedOn < EarliestReceivedOn)
        {
            throw new DomainException("referral.received-on.too-early", "The received-on date lies before 2017.");
        }

        if (!details.ConsentGiven)
        {
            throw new DomainException("referral.consent.required", "Consent to be contacted and to the privacy notice is required.");
        }

        CheckDefined(details.Channel, nameof(details.Channel));
        CheckDefined(details.Relation, nameof(details.Relation));
        CheckDefined(details.Concern, nameof(details.Concern));
        CheckDefined(details.Language, nameof(details.Language));
        CheckDefined(details.Region, nameof(details.Region));
        CheckDefined(details.Format, nameof(details.Format));
        CheckDefined(details.ContactPreference, nameof(details.ContactPreference));

        var referral = new Referral
        {
            Id = Ids.New(now),
            Reference = ReadableCode.New(ReferenceLength),
            ReceivedOn = details.ReceivedOn,
            Channel = details.Channel,
            Relation = details.Relation,
            Concern = details.Concern,
            Language = details.Language,
            Region = details.Region,
            Format = details.Format,
            Availability = details.Availability,
            ContactPreference = details.ContactPreference,
            ConsentGiven = true,
            PrivacyNoticeVersion = Text.Required(details.PrivacyNoticeVersion, NoticeVersionMaxLength, "referral.notice-version"),
            ConsentRecordedAt = now,
            CounsellorRemark = Text.Clean(details.CounsellorRemark, RemarkMaxLength, "referral.remark", allowLineBreaks: true),
            RegisteredBy = Text.Required(registeredBy, ActorMaxLength, "referral.registered-by"),
            RegisteredAt = now,
            Status = ReferralStatus.Received,
            StatusChangedAt = now,
        };
        referral._history.Add(new ReferralStatusChange(Ids.New(now), referral.Id, null, ReferralStatus.Received, referral.RegisteredBy, now, null));
        return referral;
    }

    /// <summary>Days from received-on to <paramref name="today"/> (the waiting time the figures count).</summary>
    public int WaitingDays(DateOnly today) => Math.Max(0, today.DayNumber - ReceivedOn.DayNumber);

    /// <summary>Whether the lifecycle allows a move to <paramref name="to"/> from the current status.</summary>
    public bool CanMoveTo(ReferralStatus to) => Allowed[Status].Contains(to);

    /// <summary>The statuses the lifecycle allows from the current one.</summary>
    public IReadOnlyList<ReferralStatus> NextStatuses => Allowed[Status];

    /// <summary>Stores (or replaces) the protected e-mail address and its blind index.</summary>
    public void SetEmail(string? ciphertext, string? blindIndex)
    {
        if (ciphertext is null != blindIndex is null)
        {
            throw new DomainException("referral.email.index", "An e-mail address needs both its ciphertext and its blind index.");
        }

        if (ciphertext?.Length > EmailCiphertextMaxLength || blindIndex?.Length > BlindIndexMaxLength)
        {
            throw new DomainException("referral.email.too-long", "The protected e-mail address is too long.");
        }

        if (ciphertext is not null && IsClosed)
        {
            throw new DomainException("referral.closed", "A closed referral keeps no e-mail address.");
        }

        EmailCiphertext = ciphertext;
        EmailBlindIndex = blindIndex;
        Version++;
    }

    /// <summary>Erases the e-mail address (retention, or at the relative's request). Doing it twice changes nothing.</summary>
    public bool EraseEmail(DateTimeOffset now)
    {
        if (EmailCiphertext is null && EmailBlindIndex is null)
        {
            return false;
        }

        EmailCiphertext = null;
        EmailBlindIndex = null;
        EmailErasedAt = now;
        if (ContactPreference == ContactPreference.Email)
        {
            ContactPreference = ContactPreference.Code;
        }

        Version++;
        return true;
    }

    /// <summary>Plans (or moves) the intake conversation, optionally naming the member of staff who holds it.</summary>
    public void PlanIntake(DateTimeOffset at, string by, DateTimeOffset now, Guid? withStaffId = null)
    {
        if (BrusselsTime.Today(at) < ReceivedOn)
        {
            throw new DomainException("referral.intake.date", "An intake cannot be planned before the referral was received.");
        }

        MoveTo(ReferralStatus.IntakePlanned, by, now);
        IntakePlannedFor = at;
        IntakeStaffId = withStaffId;
    }

    /// <summary>
    /// Records the intake: a suitable relative moves on (to intake done; the waiting list is the next step), an
    /// unsuitable one is declined with a reason (<see cref="Referrals.DeclineReason.Other"/> when none is given).
    /// </summary>
    public void RecordIntake(bool suitable, DateOnly heldOn, string by, DateTimeOffset now, DeclineReason? declineReason = null)
    {
        if (heldOn > BrusselsTime.Today(now) || heldOn < ReceivedOn)
        {
            throw new DomainException("referral.intake.date", "An intake is held between the referral and today.");
        }

        if (declineReason is { } reason && (suitable || !Enum.IsDefined(reason)))
        {
            throw new DomainException("referral.reason.invalid", "A decline reason goes with an unsuitable intake and must be valid.");
        }

        MoveTo(suitable ? ReferralStatus.IntakeDone : ReferralStatus.Declined, by, now, suitable ? null : (declineReason ?? Referrals.DeclineReason.Other).ToString());
        IntakeHeldOn = heldOn;
        if (!suitable)
        {
            DeclineReason = declineReason ?? Referrals.DeclineReason.Other;
        }
    }

    public void PutOnWaitingList(string by, DateTimeOffset now) => MoveTo(ReferralStatus.Waiting, by, now);

    /// <summary>Placement in a group: an invitation was sent.</summary>
    public void MarkInvited(Guid groupId, string by, DateTimeOffset now)
    {
        MoveTo(ReferralStatus.Invited, by, now);
        PlacedGroupId = groupId;
        PlacedOn = BrusselsTime.Today(now);
    }

    /// <summary>The invitation expired or was revoked: back on the waiting list, keeping the original received-on date.</summary>
    public void ReturnToWaitingList(string by, DateTimeOffset now, string? note = null) =>
        MoveTo(ReferralStatus.Waiting, by, now, note);

    public void MarkJoined(string by, DateTimeOffset now) => MoveTo(ReferralStatus.Joined, by, now);

    public void MarkActive(string by, DateTimeOffset now) => MoveTo(ReferralStatus.Active, by, now);

    public void Complete(string by, DateTimeOffset now) => MoveTo(ReferralStatus.Completed, by, now);

    public void Withdraw(WithdrawalReason reason, string by, DateTimeOffset now)
    {
        CheckDefined(reason, "reason");
        MoveTo(ReferralStatus.Withdrawn, by, now, reason.ToString());
        WithdrawalReason = reason;
    }

    public void MarkUnreachable(string by, DateTimeOffset now) => MoveTo(ReferralStatus.Unreachable, by, now);

    private void MoveTo(ReferralStatus to, string by, DateTimeOffset now, string? note = null)
    {
        if (!CanMoveTo(to))
        {
            throw new DomainException("referral.transition", $"A referral cannot move from {Status} to {to}.");
        }

        var actor = Text.Required(by, ActorMaxLength, "referral.actor");
        var cleanedNote = Text.Clean(note, ReferralStatusChange.NoteMaxLength, "referral.note");
        var from = Status;
        Status = to;
        StatusChangedAt = now;
        if (IsClosed)
        {
            ClosedOn = BrusselsTime.Today(now);
        }

        _history.Add(new ReferralStatusChange(Ids.New(now), Id, from, to, actor, now, cleanedNote));
        Version++;
    }

    private static void CheckDefined<T>(T value, string field)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new DomainException($"referral.{field.ToLowerInvariant()}.invalid", $"{field} has no valid value.");
        }
    }
}
