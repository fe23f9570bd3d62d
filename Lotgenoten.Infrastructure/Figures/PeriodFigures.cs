using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Referrals;

namespace Lotgenoten.Infrastructure.Figures;

/// <summary>
/// A period of the figures: whole days in Europe/Brussels, both ends included (a calendar year by default).
/// </summary>
public sealed record FiguresPeriod(DateOnly From, DateOnly To)
{
    /// <summary>A calendar year.</summary>
    public static FiguresPeriod Year(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    /// <summary>The first instant of the period (midnight in Brussels at the start of <see cref="From"/>).</summary>
    public DateTimeOffset StartUtc => BrusselsTime.ToUtc(From.ToDateTime(TimeOnly.MinValue));

    /// <summary>The first instant after the period (midnight in Brussels after <see cref="To"/>).</summary>
    public DateTimeOffset EndUtc => BrusselsTime.ToUtc(To.AddDays(1).ToDateTime(TimeOnly.MinValue));

    /// <summary>Whether the period is valid (not inverted, within the years the portal can hold).</summary>
    public bool IsValid => From <= To && From >= Referral.EarliestReceivedOn && To.Year <= 9000;
}

/// <summary>A count with its breakdowns, each keyed by the enum value's name (as the referral API names them).</summary>
/// <param name="Total">The count.</param>
/// <param name="Breakdowns">By dimension ("byRelation", …): every category of the dimension, zeros included, in enum order.</param>
public sealed record CountFigure(long Total, IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<string, long>>> Breakdowns)
{
    public static CountFigure Plain(long total) => new(total, new Dictionary<string, IReadOnlyList<KeyValuePair<string, long>>>());
}

/// <summary>
/// The figures of one period as DOMAIN.md "The annual figures" defines them, exact (the internal variant). Suppression
/// for the public variant happens where they are published.
/// </summary>
public sealed record PeriodFigures
{
    public required FiguresPeriod Period { get; init; }

    /// <summary>Referrals whose received-on date falls in the period, by relation, concern, channel, language and region.</summary>
    public required CountFigure ReferralsReceived { get; init; }

    /// <summary>Intakes held in the period (the intake's date).</summary>
    public required long IntakesHeld { get; init; }

    /// <summary>Placements (invitations sent) in the period: one per membership created.</summary>
    public required long Placed { get; init; }

    /// <summary>Memberships joined (account created) in the period.</summary>
    public required long Joined { get; init; }

    /// <summary>Of the placements in the period, those who attended a meeting before the period ended.</summary>
    public required long StartedOfPlaced { get; init; }

    /// <summary>Days from referral (received on) to the first attended meeting, of those whose first meeting was in the period.</summary>
    public required IReadOnlyList<int> DaysToFirstMeeting { get; init; }

    /// <summary>Referrals on the waiting list (status waiting) at the end of the period.</summary>
    public required long WaitingAtEnd { get; init; }

    /// <summary>The longest wait at the end of the period, in days since received; null when no one waited.</summary>
    public required int? LongestWaitDays { get; init; }

    public required long GroupsStarted { get; init; }

    /// <summary>Groups running at some time in the period (started on or before its end, not closed before its start).</summary>
    public required long GroupsRunning { get; init; }

    public required long GroupsClosed { get; init; }

    public required long MeetingsHeld { get; init; }

    public required long MeetingsCancelled { get; init; }

    /// <summary>Present and late at meetings held in the period.</summary>
    public required long Attendances { get; init; }

    /// <summary>Members expected at the meetings held in the period: at each, the members joined before it ended and not gone before it started.</summary>
    public required long ExpectedAttendances { get; init; }

    /// <summary>Memberships that ended completed in the period and attended at least half the meetings held while members.</summary>
    public required long Completed { get; init; }

    /// <summary>Memberships withdrawn in the period, by reason.</summary>
    public required CountFigure Withdrawn { get; init; }

    public required long ConcernsRaised { get; init; }

    public required long ConcernsHandled { get; init; }

    /// <summary>The median of <see cref="DaysToFirstMeeting"/> (nearest rank); null when empty.</summary>
    public int? MedianDaysToFirstMeeting => Percentile(DaysToFirstMeeting, 50);

    /// <summary>The 90th percentile of <see cref="DaysToFirstMeeting"/> (nearest rank); null when empty.</summary>
    public int? P90DaysToFirstMeeting => Percentile(DaysToFirstMeeting, 90);

    /// <summary>The nearest-rank percentile: the smallest value with at least <paramref name="percent"/> % of the values at or below it.</summary>
    public static int? Percentile(IReadOnlyList<int> values, int percent)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
