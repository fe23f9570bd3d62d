using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;

namespace Lotgenoten.Domain.Attendance;

/// <summary>A participant's answer before a meeting.</summary>
public enum RsvpAnswer
{
    Coming,
    CantCome,
}

/// <summary>
/// "I'm coming" / "I can't come", with an optional short message to the facilitators; changeable until the meeting
/// starts. "Can't come" pre-fills <see cref="AttendanceStatus.Excused"/> in the register.
/// </summary>
public sealed class MeetingResponse
{
    public const int MessageMaxLength = 300;

    private MeetingResponse()
    {
    }

    public Guid Id { get; private set; }

    public Guid MeetingId { get; private set; }

    public Guid MembershipId { get; private set; }

    public RsvpAnswer Answer { get; private set; }

    public string? Message { get; private set; }

    public DateTimeOffset AnsweredAt { get; private set; }

    public int Version { get; private set; }

    /// <summary>The status the register starts from for this member.</summary>
    public AttendanceStatus? SuggestedStatus => Answer == RsvpAnswer.CantCome ? AttendanceStatus.Excused : null;

    public static MeetingResponse Give(Meeting meeting, Membership membership, RsvpAnswer answer, string? message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(membership);
        if (membership.GroupId != meeting.GroupId || !membership.IsMember)
        {
            throw new DomainException("rsvp.not-member", "Only a member of the group can answer.");
        }

        var response = new MeetingResponse { Id = Ids.New(now), MeetingId = meeting.Id, MembershipId = membership.Id };
        response.Change(meeting, answer, message, now);
        return response;
    }

    public void Change(Meeting meeting, RsvpAnswer answer, string? message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        if (meeting.Id != MeetingId)
        {
            throw new DomainException("rsvp.other-meeting", "The answer belongs to another meeting.");
        }

        if (meeting.Status != MeetingStatus.Scheduled || now >= meeting.StartsAt)
        {
            throw new DomainException("rsvp.closed", "The answer can be changed until the meeting starts.");
        }

        if (!Enum.IsDefined(answer))
        {
            throw new DomainException("rsvp.answer.invalid", "The answer has no valid value.");
        }

        var cleaned = Text.Clean(message, MessageMaxLength, "rsvp.message", allowLineBreaks: true);
        Answer = answer;
        Message = cleaned;
        AnsweredAt = now;
        Version++;
    }
}
