using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Figures;

namespace Lotgenoten.Infrastructure.Tests.Retention;

/// <summary>
/// The annual figures of a calendar year as the portal computes them (<see cref="FiguresQuery"/>: the one definition the
/// report, the figures page and the dashboard share), and a comparison of every figure, for the invariant of DOMAIN.md:
/// retention and erasure never change a figure of a past period.
/// </summary>
internal static class AnnualFigures
{
    /// <summary>Every figure of <paramref name="year"/> (whole days in Brussels).</summary>
    public static Task<PeriodFigures> ComputeAsync(LotgenotenDbContext db, int year, CancellationToken ct) =>
        FiguresQuery.ComputeAsync(db, FiguresPeriod.Year(year), ct);

    /// <summary>
    /// <paramref name="actual"/> equals <paramref name="expected"/> figure by figure: the whole record, with the lists and
    /// breakdowns (which a record compares by reference) compared by content, for readable failures.
    /// </summary>
    public static void ShouldEqual(this PeriodFigures expected, PeriodFigures actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var year = expected.Period.From.Year;
        actual.ShouldSatisfyAllConditions(
            () => actual.DaysToFirstMeeting.SequenceEqual(expected.DaysToFirstMeeting).ShouldBeTrue(
                $"{year}: days to first meeting [{string.Join(", ", actual.DaysToFirstMeeting)}] instead of [{string.Join(", ", expected.DaysToFirstMeeting)}]"),
            () => Describe(actual.ReferralsReceived).ShouldBe(Describe(expected.ReferralsReceived), $"{year}: referrals received"),
            () => Describe(actual.Withdrawn).ShouldBe(Describe(expected.Withdrawn), $"{year}: withdrawn"),
            () => Scalars(actual).ShouldBe(Scalars(expected), $"{year}: the other figures"));
    }

    /// <summary>The record with its reference-compared members replaced by shared empty values, so that equality is by the scalar figures.</summary>
    private static PeriodFigures Scalars(PeriodFigures figures) =>
        figures with { DaysToFirstMeeting = [], ReferralsReceived = EmptyCount, Withdrawn = EmptyCount };

    private static readonly CountFigure EmptyCount = CountFigure.Plain(0);

    /// <summary>A count and every cell of its breakdowns, one line each ("byRelation.Partner=2"), in the figure's own order.</summary>
    private static List<string> Describe(CountFigure figure) =>
    [
        $"total={figure.Total}",
        .. figure.Breakdowns.OrderBy(b => b.Key, StringComparer.Ordinal)
            .SelectMany(b => b.Value.Select(cell => $"{b.Key}.{cell.Key}={cell.Value}")),
    ];
}
