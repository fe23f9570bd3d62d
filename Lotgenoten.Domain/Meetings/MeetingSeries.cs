using Lotgenoten.Domain.Common;

namespace Lotgenoten.Domain.Meetings;

/// <summary>What a facilitator plans: a pattern from a first date at a wall-clock time, until a count or an end date.</summary>
public sealed record SeriesPlan(
    RecurrencePattern Pattern,
    DateOnly FirstDate,
    TimeOnly StartTime,
    int DurationMinutes,
    int? Count,
    DateOnly? Until,
    IReadOnlyCollection<DateOnly>? SkippedDates = null);

/// <summary>
/// A series of meetings in Europe/Brussels wall-clock time: the 19:00 meeting stays at 19:00 across the clock changes.
/// In calendars it is one recurring event (RRULE + EXDATE for skipped dates; <see cref="Count"/> counts the
/// occurrences before skipped dates are taken out, as RFC 5545 does).
/// </summary>
public sealed class MeetingSeries
{
    public const int MaxCount = 104;
    public const int MinDurationMinutes = 15;
    public const int MaxDurationMinutes = 480;
    public const int MaxYears = 2;

    private MeetingSeries()
    {
        TimeZoneId = BrusselsTime.ZoneId;
        SkippedDates = [];
    }

    public Guid Id { get; private set; }

    public Guid GroupId { get; private set; }

    public RecurrencePattern Pattern { get; private set; }

    public DateOnly FirstDate { get; private set; }

    public TimeOnly StartTime { get; private set; }

    public int DurationMinutes { get; private set; }

    public int? Count { get; private set; }

    public DateOnly? Until { get; private set; }

    public List<DateOnly> SkippedDates { get; private set; }

    /// <summary>Always Europe/Brussels for now; stored so that the derivation of UTC stays explicit.</summary>
    public string TimeZoneId { get; private set; }

    public SeriesStatus Status { get; private set; }

    /// <summary>iCalendar SEQUENCE of the series event; goes up when its time or place changes, or it is cancelled.</summary>
    public int Sequence { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public int Version { get; private set; }

    /// <summary>The dates of a plan, skipped dates left out. Throws when the plan breaks a rule.</summary>
    public static IReadOnlyList<DateOnly> Preview(SeriesPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Validate(plan);
        var skipped = plan.SkippedDates ?? [];
        var all = Generate(plan);
        var unknown = skipped.Where(d => !all.Contains(d)).ToList();
        if (unknown.Count > 0)
        {
            throw new DomainException("series.skip.unknown", $"{unknown.Count} skipped date(s) are not dates of the series.");
        }

        var dates = all.Where(d => !skipped.Contains(d)).ToList();
        if (dates.Count == 0)
        {
            throw new DomainException("series.empty", "The series has no meetings.");
        }

        var nonexistent = dates.Where(d => BrusselsTime.IsNonexistent(d.ToDateTime(plan.StartTime))).ToList();
        if (nonexistent.Count > 0)
        {
            throw new DomainException(
                "time.nonexistent",
                $"{plan.StartTime:HH:mm} does not exist on {string.Join(", ", nonexistent.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))} (clocks move forward).");
        }

        return dates;
    }

    /// <summary>Dates of a plan on which the start time happens twice (autumn); the planner takes the first and says so.</summary>
    public static IReadOnlyList<DateOnly> AmbiguousDates(SeriesPlan plan) =>
        Preview(plan).Where(d => BrusselsTime.IsAmbiguous(d.ToDateTime(plan.StartTime))).ToList();

    internal static MeetingSeries Create(Guid groupId, SeriesPlan plan, DateTimeOffset now)
    {
        var dates = Preview(plan);
        if (BrusselsTime.ToUtc(dates[0].ToDateTime(plan.StartTime)) <= now)
        {
            throw new DomainException("series.past", "A series cannot start in the past.");
        }

        return new MeetingSeries
        {
            Id = Ids.New(now),
            GroupId = groupId,
            Pattern = plan.Pattern,
            FirstDate = plan.FirstDate,
            StartTime = plan.StartTime,
            DurationMinutes = plan.DurationMinutes,
            Count = plan.Count,
            Until = plan.Until,
            SkippedDates = (plan.SkippedDates ?? []).Distinct().Order().ToList(),
            Status = SeriesStatus.Active,
            CreatedAt = now,
        };
    }

    public SeriesPlan ToPlan() => new(Pattern, FirstDate, StartTime, DurationMinutes, Count, Until, SkippedDates);

    /// <summary>The dates of this series, skipped dates left out.</summary>
    public IReadOnlyList<DateOnly> Dates() => Preview(ToPlan());

    internal IReadOnlyList<Meeting> CreateMeetings(DateTimeOffset now) =>
        Dates().Select(d => Meeting.FromSeries(this, d, now)).ToList();

    /// <summary>
    /// Cancels the series: every meeting still to come is cancelled. Returns the meetings that changed; meetings
    /// already held stay as they are.
    /// </summary>
    public IReadOnlyList<Meeting> Cancel(IEnumerable<Meeting> meetings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(meetings);
        if (Status == SeriesStatus.Cancelled)
        {
            throw new DomainException("series.cancelled", "The series is already cancelled.");
        }

        Status = SeriesStatus.Cancelled;
        CancelledAt = now;
        Sequence++;
        Version++;
        var changed = new List<Meeting>();
        foreach (var meeting in meetings.Where(m => m.SeriesId == Id && m.Status == MeetingStatus.Scheduled && m.StartsAt > now))
        {
            meeting.Cancel(now);
            changed.Add(meeting);
        }

        return changed;
    }

    private static void Validate(SeriesPlan plan)
    {
        if (!Enum.IsDefined(plan.Pattern))
        {
            throw new DomainException("series.pattern.invalid", "The series has no valid pattern.");
        }

        if (plan.DurationMinutes is < MinDurationMinutes or > MaxDurationMinutes)
        {
            throw new DomainException("meeting.duration", $"A meeting lasts {MinDurationMinutes} to {MaxDurationMinutes} minutes.");
        }

        if (plan.Count is null == plan.Until is null)
        {
            throw new DomainException("series.end", "A series ends after a number of meetings or on a date (one of both).");
        }

        if (plan.Count is < 1 or > MaxCount)
        {
            throw new DomainException("series.count", $"A series has 1 to {MaxCount} meetings.");
        }

        if (plan.Until is { } until && (until < plan.FirstDate || until > plan.FirstDate.AddYears(MaxYears)))
        {
            throw new DomainException("series.until", $"A series ends after its first date and within {MaxYears} years.");
        }
    }

    private static List<DateOnly> Generate(SeriesPlan plan)
    {
        var dates = new List<DateOnly>();
        var limit = plan.Until ?? plan.FirstDate.AddYears(MaxYears * 5);
        var max = plan.Count ?? int.MaxValue;
        var ordinal = ((plan.FirstDate.Day - 1) / 7) + 1;
        var weekday = plan.FirstDate.DayOfWeek;
        for (var i = 0; dates.Count < max; i++)
        {
            var date = plan.Pattern switch
            {
                RecurrencePattern.Weekly => plan.FirstDate.AddDays(7 * i),
                RecurrencePattern.EveryTwoWeeks => plan.FirstDate.AddDays(14 * i),
                _ => NthWeekday(plan.FirstDate.AddMonths(i), weekday, ordinal),
            };
            if (date > limit)
            {
                break;
            }

            dates.Add(date);
        }

        return dates;
    }

    /// <summary>The <paramref name="ordinal"/>-th <paramref name="weekday"/> of the month of <paramref name="inMonth"/>; 5 means the last.</summary>
    internal static DateOnly NthWeekday(DateOnly inMonth, DayOfWeek weekday, int ordinal)
    {
        var first = new DateOnly(inMonth.Year, inMonth.Month, 1);
        var offset = ((int)weekday - (int)first.DayOfWeek + 7) % 7;
        var date = first.AddDays(offset + (7 * (Math.Min(ordinal, 5) - 1)));
        while (date.Month != first.Month)
        {
            date = date.AddDays(-7);
        }

        return date;
    }
}
