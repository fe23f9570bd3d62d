using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Meetings;

namespace Lotgenoten.Web.Features.Attendance;

/// <summary>
/// A meeting's page: the meeting, whether its register is closed, and one row per member of that time. Only the group's
/// facilitators may record (<see cref="CanRecord"/>); coordinators read.
/// </summary>
public sealed record MeetingRegister(
    Guid GroupId,
    string GroupName,
    Guid MeetingId,
    DateOnly Date,
    TimeOnly StartTime,
    TimeOnly EndTime,
    string? Theme,
    MeetingStatus Status,
    DateTimeOffset? ClosedAt,
    string? ClosedBy,
    bool CanRecord,
    string? ReadOnlyReason,
    IReadOnlyList<RegisterRow> Rows)
{
    /// <summary>The register was closed: the meeting is held. Changes are still possible, and audited.</summary>
    public bool IsClosed => Status == MeetingStatus.Held;

    /// <summary>How many members have each status, and how many have none yet.</summary>
    public RegisterSummary Summary => RegisterSummary.Of(Rows);
}

/// <summary>One member in the register, by pseudonym only (null once the member erased their account).</summary>
public sealed record RegisterRow(
    Guid? MembershipId,
    string? Pseudonym,
    RsvpAnswer? Answer,
    string? Message,
    AttendanceStatus? Status,
    int Version,
    string? RecordedBy,
    DateTimeOffset? RecordedAt)
{
    /// <summary>The member erased their account (or the row was unlinked): shown as a former member, read-only.</summary>
    public bool IsErased => Pseudonym is null;

    /// <summary>The status the register starts from when nothing is recorded: "Excused" after an "I can't come".</summary>
    public AttendanceStatus? Suggested => Status is null && Answer == RsvpAnswer.CantCome ? AttendanceStatus.Excused : null;

    /// <summary>What the register shows: the recorded status, else the suggestion.</summary>
    public AttendanceStatus? Shown => Status ?? Suggested;

    /// <summary>Nothing recorded and nothing suggested: the register cannot be closed while such a member remains.</summary>
    public bool IsMissing => Shown is null && !IsErased;
}

/// <summary>Counts of the register.</summary>
public sealed record RegisterSummary(int Present, int Late, int Excused, int Absent, int NotYet)
{
    public static RegisterSummary Of(IEnumerable<RegisterRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        int Count(AttendanceStatus status) => list.Count(r => r.Shown == status);
        return new RegisterSummary(
            Count(AttendanceStatus.Present),
            Count(AttendanceStatus.Late),
            Count(AttendanceStatus.Excused),
            Count(AttendanceStatus.Absent),
            list.Count(r => r.IsMissing));
    }
}

/// <summary>
/// The outcome of one tap or of closing the register. On a conflict <see cref="Current"/> is what the other person
/// saved (and its version, to overwrite it knowingly), and <see cref="Error"/> says who set what.
/// </summary>
public sealed record AttendanceResult(bool Succeeded, bool Conflict, string? Error, RegisterRow? Current, int Missing = 0)
{
    public static AttendanceResult Ok(RegisterRow? row = null) => new(true, false, null, row);

    public static AttendanceResult Failed(string error, int missing = 0) => new(false, false, error, null, missing);

    public static AttendanceResult Conflicted(string error, RegisterRow? current) => new(false, true, error, current);
}

/// <summary>A member to check in with: two held meetings in a row absent without notice.</summary>
public sealed record CheckInItem(
    Guid MembershipId,
    Guid GroupId,
    string GroupName,
    string Pseudonym,
    IReadOnlyList<DateOnly> MissedMeetings,
    int Version);
