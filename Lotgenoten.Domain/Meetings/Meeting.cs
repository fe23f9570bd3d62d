using Lotgenoten.Domain.Common;

namespace Lotgenoten.Domain.Meetings;

/// <summary>
/// One meeting of a group, at a wall-clock date and time in Europe/Brussels; <see cref="StartsAt"/> and
/// <see cref="EndsAt"/> are derived UTC instants. A meeting of a series remembers its original date and time
/// (iCalendar RECURRENCE-ID) when it is moved or cancelled on its own.
/// </summary>
public sealed class Meeting
{
    public const int ThemeMaxLength = 200;

    private Meeting()
    {
        TimeZoneId = BrusselsTime.ZoneId;
    }

    public Guid Id { get; private set; }

    public Guid GroupId { get; private set; }

    /// <summary>The series it belongs to; null for a meeting added on its own (its own calendar event).</summary>
    public Guid? SeriesId { get; private set; }

    /// <summary>The date of the occurrence in the series as first planned (RECURRENCE-ID).</summary>
    public DateOnly? OriginalDate { get; private set; }

    /// <summary>The start time of the occurrence in the series as first planned (RECURRENCE-ID).</summary>
    public TimeOnly? OriginalStartTime { get; private set; }

    public DateOnly Date { get; private set; }

    public TimeOnly StartTime { get; private set; }

    public int DurationMinutes { get; private set; }

    public string TimeZoneId { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public MeetingStatus Status { get; private set; }

    public string? Theme { get; private set; }

    /// <summary>iCalendar SEQUENCE for this occurrence; goes up whenever its time changes or it is cancelled.</summary>
    public int Sequence { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    /// <summary>When the register was closed.</summary>
    public DateTimeOffset? HeldAt { get; private set; }

    public int Version { get; private set; }

    /// <summary>True when this occurrence differs from what its series says (moved), so calendars need an override.</summary>
    public bool IsMovedFromSeries =>
        SeriesId is not null && (OriginalDate != Date || OriginalStartTime != StartTime);

    public DateTime StartLocal => Date.ToDateTime(StartTime);

    internal static Meeting Single(Guid groupId, DateTime startLocal, int durationMinutes, string? theme, DateTimeOffset now)
    {
        var meeting = new Meeting
        {
            Id = Ids.New(now),
            GroupId = groupId,
            Status = MeetingStatus.Scheduled,
            CreatedAt = now,
            Theme = Text.Clean(theme, ThemeMaxLength, "meeting.theme"),
        };
        meeting.SetTime(startLocal, durationMinutes);
        if (meeting.StartsAt <= now)
        {
            throw new DomainException("meeting.past", "A meeting cannot be planned in the past.");
        }

        return meeting;
    }

    internal static Meeting FromSeries(MeetingSeries series, DateOnly date, DateTimeOffset now)
    {
        var meeting = new Meeting
        {
            Id = Ids.New(now),
            GroupId = series.GroupId,
            SeriesId = series.Id,
            OriginalDate = date,
            OriginalStartTime = series.StartTime,
            Status = MeetingStatus.Scheduled,
            CreatedAt = now,
        };
        meeting.SetTime(date.ToDateTime(series.StartTime), series.DurationMinutes);
        return meeting;
    }

    /// <summary>Moves a meeting that has not started yet to another date or time.</summary>
    public void Move(DateTime newStartLocal, int durationMinutes, DateTimeOffset now)
    {
        EnsureScheduled();
        if (StartsAt <= now)
        {
            throw new DomainException("meeting.started", "A meeting that has started cannot be moved.");
        }

        var previous = (Date, StartTime, DurationMinutes, StartsAt, EndsAt);
        SetTime(newStartLocal, durationMinutes);
        if (StartsAt <= now)
        {
            (Date, StartTime, DurationMinutes, StartsAt, EndsAt) = previous;
            throw new DomainException("meeting.past", "A meeting cannot be moved into the past.");
        }

        Sequence++;
        Version++;
    }

    public void Cancel(DateTimeOffset now)
    {
        EnsureScheduled();
        Status = MeetingStatus.Cancelled;
        CancelledAt = now;
        Sequence++;
        Version++;
    }

    /// <summary>Closing the register marks the meeting held; only once it has started.</summary>
    public void MarkHeld(DateTimeOffset now)
    {
        EnsureScheduled();
        if (now < StartsAt)
        {
            throw new DomainException("meeting.not-started", "A meeting is held only once it has started.");
        }

        Status = MeetingStatus.Held;
        HeldAt = now;
        Version++;
    }

    public void SetTheme(string? theme)
    {
        if (Status == MeetingStatus.Cancelled)
        {
            throw new DomainException("meeting.cancelled", "The meeting is cancelled.");
        }

        Theme = Text.Clean(theme, ThemeMaxLength, "meeting.theme");
        Version++;
    }

    private void EnsureScheduled()
    {
        if (Status != MeetingStatus.Scheduled)
        {
            throw new DomainException(Status == MeetingStatus.Cancelled ? "meeting.cancelled" : "meeting.held", $"The meeting is {Status}.");
        }
    }

    private void SetTime(DateTime startLocal, int durationMinutes)
    {
        if (durationMinutes is < MeetingSeries.MinDurationMinutes or > MeetingSeries.MaxDurationMinutes)
        {
            throw new DomainException("meeting.duration", $"A meeting lasts {MeetingSeries.MinDurationMinutes} to {MeetingSeries.MaxDurationMinutes} minutes.");
        }

        var start = BrusselsTime.ToUtc(startLocal);
        Date = DateOnly.FromDateTime(startLocal);
        StartTime = TimeOnly.FromDateTime(startLocal);
        DurationMinutes = durationMinutes;
        StartsAt = start;
        EndsAt = start.AddMinutes(durationMinutes);
    }
}
