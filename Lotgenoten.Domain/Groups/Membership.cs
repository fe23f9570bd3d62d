using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Referrals;

namespace Lotgenoten.Domain.Groups;

/// <summary>
/// A relative's place in one group, from placement (invited) to the end. The participant's account and pseudonym are
/// linked once they join, and unlinked when they erase themselves: the membership row stays, so the figures hold.
/// </summary>
public sealed class Membership
{
    public const int ParticipantIdMaxLength = 64;

    private Membership()
    {
    }

    internal Membership(Guid id, Guid groupId, Guid referralId, DateTimeOffset placedAt)
    {
        Id = id;
        GroupId = groupId;
        ReferralId = referralId;
        PlacedAt = placedAt;
        Status = MembershipStatus.Invited;
    }

    public Guid Id { get; private set; }

    public Guid GroupId { get; private set; }

    public Guid ReferralId { get; private set; }

    /// <summary>The participant's account id once joined; null before joining and after erasure.</summary>
    public string? ParticipantId { get; private set; }

    /// <summary>The name the relative uses in this group; null before joining and after erasure.</summary>
    public string? Pseudonym { get; private set; }

    /// <summary>The comparison form of <see cref="Pseudonym"/> (see <see cref="Groups.Pseudonym.Skeleton"/>), unique per group.</summary>
    public string? PseudonymSkeleton { get; private set; }

    public MembershipStatus Status { get; private set; }

    public DateTimeOffset PlacedAt { get; private set; }

    public DateTimeOffset? JoinedAt { get; private set; }

    public DateTimeOffset? FirstAttendedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public WithdrawalReason? EndReason { get; private set; }

    /// <summary>Set when the participant erased their account: the row remains, anonymous, for the figures.</summary>
    public DateTimeOffset? ErasedAt { get; private set; }

    public int Version { get; private set; }

    /// <summary>
    /// When a facilitator or coordinator last marked a check-in done: absences of meetings that started before it no
    /// longer count towards <see cref="Attendance.CheckInRule"/>.
    /// </summary>
    public DateTimeOffset? CheckInDoneAt { get; private set; }

    /// <summary>Who marked the check-in done (staff object id).</summary>
    public string? CheckInDoneBy { get; private set; }

    /// <summary>
    /// The meetings attended (present or late), kept on the membership when retention unlinks its attendance rows, so
    /// that "completed" (attended at least half the meetings held while a member) of past years never changes. Null while
    /// the rows are still linked: then they are counted.
    /// </summary>
    public int? AttendedMeetings { get; private set; }

    /// <summary>E-mail invites for this group's meetings: opt-in (the feed and the portal are the main channels).</summary>
    public bool EmailInvites { get; private set; }

    /// <summary>Full titles in invites and feeds; off by default (a neutral "Afspraak").</summary>
    public bool FullTitles { get; private set; }

    /// <summary>A calendar alarm this many minutes before each meeting; null for none.</summary>
    public int? ReminderMinutes { get; private set; }

    /// <summary>The reminders a participant can choose: none, one hour, one day.</summary>
    public static IReadOnlyList<int> AllowedReminders { get; } = [60, 1440];

    /// <summary>Invited, joined or active: it counts towards the group's capacity.</summary>
    public bool IsOpen => Status is MembershipStatus.Invited or MembershipStatus.Joined or MembershipStatus.Active;

    /// <summary>Joined or active: a member expected at meetings.</summary>
    public bool IsMember => Status is MembershipStatus.Joined or MembershipStatus.Active;

    internal void Join(string participantId, string pseudonym, string skeleton, DateTimeOffset now)
    {
        if (Status != MembershipStatus.Invited)
        {
            throw new DomainException("membership.transition", $"A membership cannot be joined from {Status}.");
        }

        ParticipantId = Text.Required(participantId, ParticipantIdMaxLength, "membership.participant");
        Pseudonym = pseudonym;
        PseudonymSkeleton = skeleton;
        Status = MembershipStatus.Joined;
        JoinedAt = now;
        Version++;
    }

    internal void Rename(string pseudonym, string skeleton)
    {
        if (!IsMember)
        {
            throw new DomainException("membership.not-member", "Only a member can change their pseudonym.");
        }

        Pseudonym = pseudonym;
        PseudonymSkeleton = skeleton;
        Version++;
    }

    /// <summary>Sets how the participant wants their invites and feed (e-mail invites are opt-in; reminders: none, 1 hour, 1 day).</summary>
    public void SetCalendarPreferences(bool emailInvites, bool fullTitles, int? reminderMinutes)
    {
        if (reminderMinutes is { } minutes && !AllowedReminders.Contains(minutes))
        {
            throw new DomainException("membership.reminder.invalid", "A reminder is one hour or one day before.");
        }

        EmailInvites = emailInvites;
        FullTitles = fullTitles;
        ReminderMinutes = reminderMinutes;
        Version++;
    }

    /// <summary>Records an attendance: a joined member becomes active; the earliest attended meeting is kept as the first.</summary>
    public bool MarkAttended(DateTimeOffset meetingStart)
    {
        if (Status == MembershipStatus.Joined)
        {
            Status = MembershipStatus.Active;
            FirstAttendedAt = meetingStart;
            Version++;
            return true;
        }

        // An ended membership (attendance recorded after the member left or the group closed) keeps its status,
        // but its first attendance still counts for the figures.
        if (Status != MembershipStatus.Invited && JoinedAt is not null && (FirstAttendedAt is null || meetingStart < FirstAttendedAt))
        {
            FirstAttendedAt = meetingStart;
            Version++;
        }

        return false;
    }

    /// <summary>Keeps the number of attended meetings before retention unlinks the attendance rows (once).</summary>
    public void KeepAttendedMeetings(int attended)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attended);
        AttendedMeetings ??= attended;
    }

    /// <summary>A facilitator or coordinator checked in with the member after two absences without notice.</summary>
    public void MarkCheckInDone(string by, DateTimeOffset now)
    {
        CheckInDoneBy = Text.Required(by, ParticipantIdMaxLength, "membership.check-in.by");
        CheckInDoneAt = now;
        Version++;
    }

    /// <summary>The relative leaves (or never joins): the membership ends with a reason.</summary>
    public void Withdraw(WithdrawalReason reason, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            throw new DomainException("membership.transition", $"A membership cannot be withdrawn from {Status}.");
        }

        if (!Enum.IsDefined(reason))
        {
            throw new DomainException("membership.reason.invalid", "The reason has no valid value.");
        }

        Status = MembershipStatus.Withdrawn;
        EndReason = reason;
        EndedAt = now;
        Version++;
    }

    internal void Complete(DateTimeOffset now)
    {
        Status = MembershipStatus.Completed;
        EndedAt = now;
        Version++;
    }

    /// <summary>The participant erased their account: unlink account and pseudonym at once; the row stays for the figures.</summary>
    public void EraseParticipant(DateTimeOffset now)
    {
        if (IsOpen)
        {
            Withdraw(WithdrawalReason.PrivacyConcerns, now);
        }

        ParticipantId = null;
        Pseudonym = null;
        PseudonymSkeleton = null;
        ErasedAt ??= now;
        Version++;
    }
}
