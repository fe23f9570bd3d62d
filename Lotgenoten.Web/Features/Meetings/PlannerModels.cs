using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;

namespace Lotgenoten.Web.Features.Meetings;

/// <summary>How the planner shows a meeting: planned, held, cancelled, or moved away from its series date.</summary>
public enum PlannerMeetingStatus
{
    Planned,
    Held,
    Cancelled,
    Moved,
}

/// <summary>A group as the planner shows it: its series and meetings, oldest first.</summary>
public sealed record PlannerGroup(
    Guid Id,
    string Name,
    GroupStatus Status,
    GroupFormat Format,
    IReadOnlyList<PlannerSeries> Series,
    IReadOnlyList<PlannerMeeting> Meetings);

/// <summary>A series of the group.</summary>
public sealed record PlannerSeries(
    Guid Id,
    RecurrencePattern Pattern,
    DateOnly FirstDate,
    TimeOnly StartTime,
    int DurationMinutes,
    int? Count,
    DateOnly? Until,
    SeriesStatus Status,
    int Sequence,
    int Version,
    int UpcomingMeetings);

/// <summary>One meeting of the group; <see cref="Version"/> goes back with a change (optimistic concurrency).</summary>
public sealed record PlannerMeeting(
    Guid Id,
    Guid? SeriesId,
    DateOnly Date,
    TimeOnly StartTime,
    int DurationMinutes,
    PlannerMeetingStatus Status,
    string? Theme,
    int Sequence,
    int Version,
    bool IsPast,
    IReadOnlyList<PlannerResponse>? Responses = null)
{
    public TimeOnly EndTime => StartTime.AddMinutes(DurationMinutes);

    /// <summary>Still to come and scheduled: it can be moved or cancelled.</summary>
    public bool CanChange => !IsPast && Status is PlannerMeetingStatus.Planned or PlannerMeetingStatus.Moved;
}

/// <summary>A member's answer to an upcoming meeting, as the group's facilitators see it: by pseudonym only.</summary>
public sealed record PlannerResponse(string Pseudonym, Lotgenoten.Domain.Attendance.RsvpAnswer Answer, string? Message);

/// <summary>The dates a plan gives, with the notes (autumn double hour) and double-booking warnings; or why it cannot be.</summary>
public sealed record SeriesPreview(
    IReadOnlyList<DateOnly> Dates,
    IReadOnlyList<DateOnly> AmbiguousDates,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> Warnings,
    string? Error)
{
    public bool IsValid => Error is null;

    public static SeriesPreview Failed(string error) => new([], [], [], [], error);
}

/// <summary>What came of a change: done, refused with a message, or a conflict with someone else's change.</summary>
public sealed record PlannerResult(bool Succeeded, string? Error, bool Conflict = false, int InvitesQueued = 0)
{
    public static PlannerResult Ok(int invites = 0) => new(true, null, false, invites);

    public static PlannerResult Failed(string error) => new(false, error);

    public static PlannerResult Conflicted(string error) => new(false, error, true);
}
