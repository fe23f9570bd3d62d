namespace Lotgenoten.Domain.Figures;

/// <summary>
/// A count as the public variant of the figures publishes it: the value, or nothing when it is suppressed.
/// </summary>
/// <param name="Value">The exact count; null when suppressed.</param>
public readonly record struct PublishedCount(long? Value)
{
    public bool Suppressed => Value is null;

    public static PublishedCount Of(long value) => new(value);

    public static PublishedCount Hidden { get; } = new(null);

    public override string ToString() => Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "<5";
}

/// <summary>A total and its breakdowns after suppression.</summary>
/// <param name="Total">The total.</param>
/// <param name="Breakdowns">Each breakdown's cells in the order given.</param>
public sealed record SuppressedTable(PublishedCount Total, IReadOnlyList<IReadOnlyList<PublishedCount>> Breakdowns);

/// <summary>
/// Small-number suppression for the public variant of the annual figures (DOMAIN.md "The annual figures").
/// <para>
/// A table is a total and one or more breakdowns of it (by relation, by concern, …); the cells of each breakdown add up to
/// the total (every category is present, zeros included). The rules:
/// </para>
/// <list type="number">
/// <item>Primary: a count from 1 to 4 is suppressed. Zero is never suppressed (there is no one to protect).</item>
/// <item>
/// Secondary, when the total is published: in each breakdown the suppressed cells must not be recoverable from the total
/// minus the published cells. Knowing only that a suppressed cell is at least 1, a cell is recoverable when it is the
/// only suppressed cell of its breakdown, or when the suppressed cells add up to exactly their number (all ones). Then
/// the smallest published non-zero cell is suppressed too, until neither holds.
/// </item>
/// <item>
/// When that cannot be done (no published non-zero cell is left), the total itself is suppressed, in every breakdown;
/// and a suppressed total must not be recoverable either: every breakdown with a non-zero cell keeps at least one
/// suppressed cell (otherwise the sum of its published cells is the total).
/// </item>
/// </list>
/// <para>
/// Rates built on a suppressed count are suppressed by the caller (<see cref="Rate"/>). The internal variant publishes
/// the raw counts and never calls this.
/// </para>
/// </summary>
public static class SmallNumberSuppression
{
    /// <summary>Counts below this (and above zero) are suppressed.</summary>
    public const int Threshold = 5;

    /// <summary>Whether a count is small enough to identify someone (1 to 4).</summary>
    public static bool IsSmall(long count) => count is > 0 and < Threshold;

    /// <summary>A single count with no breakdown.</summary>
    public static PublishedCount Single(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return IsSmall(count) ? PublishedCount.Hidden : PublishedCount.Of(count);
    }

    /// <summary>
    /// A rate (numerator ÷ denominator) is published only when both counts are: a rate on a suppressed count would give
    /// it away. Null when it is suppressed or the denominator is zero.
    /// </summary>
    public static double? Rate(PublishedCount numerator, PublishedCount denominator) =>
        numerator.Value is { } n && denominator.Value is { } d && d > 0 ? (double)n / d : null;

    /// <summary>Suppresses a total and its breakdowns together.</summary>
    /// <exception cref="ArgumentException">A count is negative, or a breakdown does not add up to the total.</exception>
    public static SuppressedTable Apply(long total, IReadOnlyList<IReadOnlyList<long>> breakdowns)
    {
        ArgumentNullException.ThrowIfNull(breakdowns);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        foreach (var breakdown in breakdowns)
        {
            ArgumentNullException.ThrowIfNull(breakdown);
            if (breakdown.Any(c => c < 0))
            {
                throw new ArgumentException("A count cannot be negative.", nameof(breakdowns));
            }

            if (breakdown.Sum() != total)
            {
                throw new ArgumentException($"A breakdown adds up to {breakdown.Sum()}, not to the total {total}.", nameof(breakdowns));
            }
        }

        var hidden = breakdowns.Select(b => b.Select(IsSmall).ToArray()).ToArray();
        var totalHidden = IsSmall(total);

        if (!totalHidden)
        {
            for (var i = 0; i < breakdowns.Count && !totalHidden; i++)
            {
                totalHidden = !ProtectUnderKnownTotal(total, breakdowns[i], hidden[i]);
            }
        }

        if (totalHidden)
        {
            for (var i = 0; i < breakdowns.Count; i++)
            {
                ProtectUnderHiddenTotal(breakdowns[i], hidden[i]);
            }
        }

        return new SuppressedTable(
            totalHidden ? PublishedCount.Hidden : PublishedCount.Of(total),
            breakdowns.Select((b, i) => (IReadOnlyList<PublishedCount>)b
                .Select((c, j) => hidden[i][j] ? PublishedCount.Hidden : PublishedCount.Of(c)).ToList()).ToList());
    }

    /// <summary>
    /// Whether a value is recoverable from a breakdown whose total is published: the only suppressed cell, or suppressed
    /// cells that add up to their number (each must then be 1).
    /// </summary>
    public static bool Discloses(long total, IReadOnlyList<PublishedCount> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var count = cells.Count(c => c.Suppressed);
        var rest = total - cells.Where(c => !c.Suppressed).Sum(c => c.Value!.Value);
        return count == 1 || (count > 1 && rest == count);
    }

    /// <summary>Adds secondary suppressions; false when only suppressing the total can protect the breakdown.</summary>
    private static bool ProtectUnderKnownTotal(long total, IReadOnlyList<long> cells, bool[] hidden)
    {
        while (true)
        {
            var count = hidden.Count(h => h);
            var rest = total - cells.Where((_, j) => !hidden[j]).Sum();
            if (count == 0 || (count > 1 && rest != count))
            {
                return true;
            }

            var next = SmallestPublishedNonZero(cells, hidden);
            if (next < 0)
            {
                return false;
            }

            hidden[next] = true;
        }
    }

    /// <summary>With the total suppressed, the published cells of a breakdown must not add up to it.</summary>
    private static void ProtectUnderHiddenTotal(IReadOnlyList<long> cells, bool[] hidden)
    {
        if (!hidden.Any(h => h) && SmallestPublishedNonZero(cells, hidden) is var next and >= 0)
        {
            hidden[next] = true;
        }
    }

    private static int SmallestPublishedNonZero(IReadOnlyList<long> cells, bool[] hidden)
    {
        var best = -1;
        for (var j = 0; j < cells.Count; j++)
        {
            if (!hidden[j] && cells[j] > 0 && (best < 0 || cells[j] < cells[best]))
            {
                best = j;
            }
        }

        return best;
    }
}
