using Lotgenoten.Domain.Common;

namespace Lotgenoten.Domain.Groups;

/// <summary>What a coordinator decides when creating or editing a group.</summary>
public sealed record PeerGroupDetails(
    string Name,
    GroupAudience Audience,
    Language Language,
    GroupFormat Format,
    Region? Region,
    string? Address,
    string? OnlineLink,
    int MinimumToStart,
    int MaximumSize);

/// <summary>
/// A peer group: a fixed audience, language and format, one or two facilitators, a capacity, and a lifecycle
/// <c>Planned → Recruiting → Running → Closed</c>. It owns its memberships; meetings are their own aggregate,
/// created through <see cref="ScheduleMeeting"/> and <see cref="PlanSeries"/> so that a closed group gets none.
/// </summary>
public sealed class PeerGroup
{
    public const int NameMaxLength = 100;
    public const int AddressMaxLength = 300;
    public const int OnlineLinkMaxLength = 500;
    public const int MaxFacilitators = 2;
    public const int LargestGroup = 20;

    private readonly List<GroupFacilitator> _facilitators = [];
    private readonly List<Membership> _memberships = [];

    private PeerGroup()
    {
        Name = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>Internal name; never shown to participants or in invites.</summary>
    public string Name { get; private set; }

    public GroupAudience Audience { get; private set; }

    public Language Language { get; private set; }

    public GroupFormat Format { get; private set; }

    /// <summary>The province of an in-person group (for matching); null for online groups.</summary>
    public Region? Region { get; private set; }

    public string? Address { get; private set; }

    public string? OnlineLink { get; private set; }

    public int MinimumToStart { get; private set; }

    public int MaximumSize { get; private set; }

    public GroupStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateOnly? StartedOn { get; private set; }

    public DateOnly? ClosedOn { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<GroupFacilitator> Facilitators => _facilitators;

    public IReadOnlyList<Membership> Memberships => _memberships;

    /// <summary>Memberships that take a place: invited, joined or active.</summary>
    public int OpenPlaces => _memberships.Count(m => m.IsOpen);

    public bool IsFull => OpenPlaces >= MaximumSize;

    public static PeerGroup Create(PeerGroupDetails details, DateTimeOffset now)
    {
        var group = new PeerGroup { Id = Ids.New(now), CreatedAt = now, Status = GroupStatus.Planned };
        group.Apply(details);
        return group;
    }

    /// <summary>Changes name, audience, place and capacity. The maximum can never drop below the places taken.</summary>
    public void Edit(PeerGroupDetails details)
    {
        EnsureNotClosed();
        Apply(details);
        Version++;
    }

    public bool IsFacilitatedBy(Guid staffMemberId) => _facilitators.Any(f => f.StaffMemberId == staffMemberId);

    public void AssignFacilitator(Guid staffMemberId, DateTimeOffset now)
    {
        EnsureNotClosed();
        if (IsFacilitatedBy(staffMemberId))
        {
            throw new DomainException("group.facilitator.duplicate", "This person already facilitates the group.");
        }

        if (_facilitators.Count >= MaxFacilitators)
        {
            throw new DomainException("group.facilitator.too-many", $"A group has at most {MaxFacilitators} facilitators.");
        }

        _facilitators.Add(new GroupFacilitator(Id, staffMemberId, now));
        Version++;
    }

    public void RemoveFacilitator(Guid staffMemberId)
    {
        var assignment = _facilitators.FirstOrDefault(f => f.StaffMemberId == staffMemberId)
            ?? throw new DomainException("group.facilitator.unknown", "This person does not facilitate the group.");
        if (_facilitators.Count == 1 && Status is GroupStatus.Recruiting or GroupStatus.Running)
        {
            throw new DomainException("group.facilitator.last", "A recruiting or running group keeps at least one facilitator.");
        }

        _facilitators.Remove(assignment);
        Version++;
    }

    /// <summary>Planned → Recruiting. Needs a facilitator.</summary>
    public void StartRecruiting()
    {
        if (Status == GroupStatus.Planned && _facilitators.Count == 0)
        {
            throw new DomainException("group.facilitator.required", "A group needs a facilitator before it recruits.");
        }

        MoveFrom(GroupStatus.Planned, GroupStatus.Recruiting);
    }

    /// <summary>Recruiting → Running. Needs at least the minimum number of joined members.</summary>
    public void Start(DateTimeOffset now)
    {
        if (Status != GroupStatus.Recruiting)
        {
            throw new DomainException("group.transition", $"A group cannot start from {Status}.");
        }

        var members = _memberships.Count(m => m.IsMember);
        if (members < MinimumToStart)
        {
            throw new DomainException("group.minimum", $"The group has {members} members; it needs {MinimumToStart} to start.");
        }

        Status = GroupStatus.Running;
        StartedOn = BrusselsTime.Today(now);
        Version++;
    }

    /// <summary>
    /// Closes the group (a running group ends; a planned or recruiting one is cancelled). Members still joined or active
    /// complete; invitations not yet used are withdrawn. Returns the memberships that changed.
    /// </summary>
    public IReadOnlyList<Membership> Close(DateTimeOffset now)
    {
        EnsureNotClosed();
        var changed = new List<Membership>();
        foreach (var membership in _memberships.Where(m => m.IsOpen))
        {
            if (membership.Status == MembershipStatus.Invited || Status != GroupStatus.Running)
            {
                membership.Withdraw(Referrals.WithdrawalReason.NoSuitableGroup, now);
            }
            else
            {
                membership.Complete(now);
            }

            changed.Add(membership);
        }

        Status = GroupStatus.Closed;
        ClosedOn = BrusselsTime.Today(now);
        Version++;
        return changed;
    }

    /// <summary>Places a referred relative in the group. Refused when the group is closed or full, or the referral already has a place.</summary>
    public Membership Place(Guid referralId, DateTimeOffset now)
    {
        EnsureNotClosed();
        if (_memberships.Any(m => m.ReferralId == referralId && m.IsOpen))
        {
            throw new DomainException("group.membership.duplicate", "This relative already has a place in the group.");
        }

        if (IsFull)
        {
            throw new DomainException("group.full", $"The group is full ({MaximumSize} places).");
        }

        var membership = new Membership(Ids.New(now), Id, referralId, now);
        _memberships.Add(membership);
        Version++;
        return membership;
    }

    /// <summary>The invited relative creates their account and chooses a pseudonym, which must be unique in the group.</summary>
    public void Join(Guid membershipId, string participantId, string pseudonym, DateTimeOffset now)
    {
        EnsureNotClosed();
        var membership = FindMembership(membershipId);
        if (!string.IsNullOrEmpty(participantId) && _memberships.Any(m => m.Id != membershipId && m.IsOpen && m.ParticipantId == participantId))
        {
            throw new DomainException("group.membership.duplicate", "This account already has a place in the group.");
        }

        var (normalized, skeleton) = CheckPseudonym(membershipId, pseudonym);
        membership.Join(participantId, normalized, skeleton, now);
        Version++;
    }

    public void RenameMember(Guid membershipId, string pseudonym)
    {
        var membership = FindMembership(membershipId);
        var (normalized, skeleton) = CheckPseudonym(membershipId, pseudonym);
        membership.Rename(normalized, skeleton);
        Version++;
    }

    /// <summary>Whether a pseudonym is still free in this group (for a hint while typing).</summary>
    public bool IsPseudonymFree(string pseudonym, Guid? exceptMembershipId = null)
    {
        var skeleton = Pseudonym.Skeleton(pseudonym);
        return !_memberships.Any(m => m.Id != exceptMembershipId && m.IsOpen && m.PseudonymSkeleton == skeleton);
    }

    /// <summary>Schedules a single meeting outside any series.</summary>
    public Meetings.Meeting ScheduleMeeting(DateTime startLocal, int durationMinutes, string? theme, DateTimeOffset now)
    {
        EnsureNotClosed();
        return Meetings.Meeting.Single(Id, startLocal, durationMinutes, theme, now);
    }

    /// <summary>Plans a series and its meetings.</summary>
    public (Meetings.MeetingSeries Series, IReadOnlyList<Meetings.Meeting> Meetings) PlanSeries(Meetings.SeriesPlan plan, DateTimeOffset now)
    {
        EnsureNotClosed();
        var series = Meetings.MeetingSeries.Create(Id, plan, now);
        return (series, series.CreateMeetings(now));
    }

    /// <summary>Throws unless the group accepts changes (it is not closed).</summary>
    public void EnsureNotClosed()
    {
        if (Status == GroupStatus.Closed)
        {
            throw new DomainException("group.closed", "The group is closed.");
        }
    }

    private (string Normalized, string Skeleton) CheckPseudonym(Guid membershipId, string pseudonym)
    {
        var normalized = Pseudonym.Normalize(pseudonym);
        if (!IsPseudonymFree(normalized, membershipId))
        {
            throw new DomainException("pseudonym.taken", "This pseudonym (or one that looks the same) is taken in the group.");
        }

        return (normalized, Pseudonym.Skeleton(normalized));
    }

    private Membership FindMembership(Guid membershipId) =>
        _memberships.FirstOrDefault(m => m.Id == membershipId)
        ?? throw new DomainException("group.membership.unknown", "No such membership in this group.");

    private void MoveFrom(GroupStatus from, GroupStatus to)
    {
        if (Status != from)
        {
            throw new DomainException("group.transition", $"A group cannot move from {Status} to {to}.");
        }

        Status = to;
        Version++;
    }

    private void Apply(PeerGroupDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (!Enum.IsDefined(details.Audience) || !Enum.IsDefined(details.Language) || !Enum.IsDefined(details.Format)
            || (details.Region is { } r && !Enum.IsDefined(r)))
        {
            throw new DomainException("group.invalid", "The group has a field without a valid value.");
        }

        if (details.MinimumToStart < 1 || details.MaximumSize > LargestGroup || details.MinimumToStart > details.MaximumSize)
        {
            throw new DomainException("group.capacity", $"Capacity needs 1 ≤ minimum ≤ maximum ≤ {LargestGroup}.");
        }

        if (details.MaximumSize < OpenPlaces)
        {
            throw new DomainException("group.capacity.below-members", "The maximum cannot drop below the places already taken.");
        }

        var address = Text.Clean(details.Address, AddressMaxLength, "group.address", allowLineBreaks: true);
        var link = Text.Clean(details.OnlineLink, OnlineLinkMaxLength, "group.online-link");
        if (details.Format == GroupFormat.InPerson && address is null)
        {
            throw new DomainException("group.address.required", "An in-person group needs an address.");
        }

        if (details.Format == GroupFormat.Online)
        {
            if (link is null)
            {
                throw new DomainException("group.online-link.required", "An online group needs a meeting link.");
            }
        }

        if (link is not null && (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new DomainException("group.online-link.invalid", "The meeting link must be an https:// address.");
        }

        Name = Text.Required(details.Name, NameMaxLength, "group.name");
        Audience = details.Audience;
        Language = details.Language;
        Format = details.Format;
        Region = details.Format == GroupFormat.Online ? null : details.Region;
        Address = address;
        OnlineLink = link;
        MinimumToStart = details.MinimumToStart;
        MaximumSize = details.MaximumSize;
    }
}
