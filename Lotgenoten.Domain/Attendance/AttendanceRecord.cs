using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;

namespace Lotgenoten.Domain.Attendance;

/// <summary>How a member took part in a meeting.</summary>
public enum AttendanceStatus
{
    Present,
    Late,

    /// <summary>Said in advance that they could not come.</summary>
    Excused,
    Absent,
}

/// <summary>
/// A member's attendance at one meeting. When the participant erases their account the row stays, unlinked
/// (<see cref="MembershipId"/> null), so that the figures of past periods never change.
/// </summary>
public sealed class AttendanceRecord
{
    public const int RecordedByMaxLength = 64;

    private AttendanceRecord()
    {
        RecordedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid MeetingId { get; private set; }

    public Guid GroupId { get; private set; }

    /// <summary>The member; null once unlinked (erased account, or retention).</summary>
    public Guid? MembershipId { get; private set; }

    public AttendanceStatus Status { get; private set; }

    public string RecordedBy { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>Optimistic concurrency: two co-facilitators may record at once; no change silently overwrites another.</summary>
    public int Version { get; private set; }

    /// <summary>True when this counts as an attendance in the figures (present or late).</summary>
    public bool Attended => Status is AttendanceStatus.Present or AttendanceStatus.Late;

    /// <summary>Records a member's attendance at a meeting of their group.</summary>
    public static AttendanceRecord Record(Meeting meeting, Membership membership, AttendanceStatus status, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(membership);
        CheckMeeting(meeting, now);
        if (membership.GroupId != meeting.GroupId)
        {
            throw new DomainException("attendance.other-group", "The member belongs to another group.");
        }

        if (membership.JoinedAt is null || membership.JoinedAt > meeting.EndsAt || (membership.EndedAt is { } ended && ended < meeting.StartsAt))
        {
            throw new DomainException("attendance.not-member", "The person was not a member at the time of the meeting.");
        }

        var record = new AttendanceRecord
        {
            Id = Ids.New(now),
            MeetingId = meeting.Id,
            GroupId = meeting.GroupId,
            MembershipId = membership.Id,
        };
        record.Apply(status, by, now);
        if (record.Attended)
        {
            membership.MarkAttended(meeting.StartsAt);
        }

        return record;
    }

    /// <summary>Changes the status. The caller passes the version it saw; a different one means someone else changed it.</summary>
    public void Change(Meeting meeting, AttendanceStatus status, int expectedVersion, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        if (meeting.Id != MeetingId)
        {
            throw new DomainException("attendance.other-meeting", "The record belongs to another meeting.");
        }

        if (expectedVersion != Version)
        {
            throw new DomainException("attendance.conflict", "Someone else changed this attendance.");
        }

        CheckMeeting(meeting, now);
        Apply(status, by, now);
    }

    /// <summary>Unlinks the record from its member: the count stays, the person goes.</summary>
    public bool Unlink()
    {
        if (MembershipId is null)
        {
            return false;
        }

        MembershipId = null;
        Version++;
        return true;
    }

    private static void CheckMeeting(Meeting meeting, DateTimeOffset now)
    {
        if (meeting.Status == MeetingStatus.Cancelled)
        {
            throw new DomainException("meeting.cancelled", "A cancelled meeting has no attendance.");
        }

        if (BrusselsTime.Today(now) < meeting.Date)
        {
            throw new DomainException("attendance.too-early", "Attendance is recorded from the day of the meeting.");
        }
    }

    private void Apply(AttendanceStatus status, string by, DateTimeOffset now)
    {
        if (!Enum.IsDefined(status))
        {
            throw new DomainException("attendance.status.invalid", "The attendance has no valid value.");
        }

        var actor = Text.Required(by, RecordedByMaxLength, "attendance.by");
        Status = status;
        RecordedBy = actor;
        RecordedAt = now;
        Version++;
    }
}
