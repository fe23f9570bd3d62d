namespace Lotgenoten.Domain.Meetings;

/// <summary>How a series repeats.</summary>
public enum RecurrencePattern
{
    Weekly,
    EveryTwoWeeks,

    /// <summary>The same weekday of each month, by its place in the month ("second Tuesday"; a fifth one means "last").</summary>
    MonthlyByWeekday,
}

public enum MeetingStatus
{
    Scheduled,

    /// <summary>The register was closed: the meeting took place.</summary>
    Held,
    Cancelled,
}

public enum SeriesStatus
{
    Active,
    Cancelled,
}
