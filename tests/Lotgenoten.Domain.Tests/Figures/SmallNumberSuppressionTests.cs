using Lotgenoten.Domain.Figures;

namespace Lotgenoten.Domain.Tests.Figures;

public sealed class SmallNumberSuppressionTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    [InlineData(263, false)]
    public void Single_CountsFromOneToFour_AreSuppressed(long count, bool suppressed) =>
        SmallNumberSuppression.Single(count).Suppressed.ShouldBe(suppressed);

    [Fact]
    public void Apply_NothingSmall_PublishesEverything()
    {
        var table = SmallNumberSuppression.Apply(22, [[12, 10, 0], [5, 17]]);

        Render(table).ShouldBe("22 | 12 10 0 | 5 17");
    }

    [Fact]
    public void Apply_OneSmallCell_SuppressesTheSmallestOtherNonZeroCellToo()
    {
        // 3 alone would be 22 − 12 − 7 = 3.
        var table = SmallNumberSuppression.Apply(22, [[12, 7, 3, 0]]);

        Render(table).ShouldBe("22 | 12 <5 <5 0");
    }

    [Fact]
    public void Apply_SuppressedCellsThatMustAllBeOne_SuppressesAnotherCell()
    {
        // Two hidden cells adding up to 2 can only be 1 and 1.
        var table = SmallNumberSuppression.Apply(12, [[1, 1, 10]]);

        Render(table).ShouldBe("12 | <5 <5 <5");
    }

    [Fact]
    public void Apply_TwoSmallCellsWithRoom_NeedNoMore()
    {
        var table = SmallNumberSuppression.Apply(20, [[2, 3, 15]]);

        Render(table).ShouldBe("20 | <5 <5 15");
    }

    [Fact]
    public void Apply_SmallTotal_SuppressesTheTotalAndEveryNonZeroCellButNotTheZeros()
    {
        var table = SmallNumberSuppression.Apply(3, [[2, 0, 1], [3, 0]]);

        Render(table).ShouldBe("<5 | <5 0 <5 | <5 0");
    }

    [Fact]
    public void Apply_AllOnesWithNothingLeftToHide_SuppressesTheTotalAndOneCellOfEveryOtherBreakdown()
    {
        // Five referrals, each of another relation: hiding the five cells is not enough (five cells of at least 1 adding
        // up to 5), so the total goes; then by language (5, 0) would give the total back, so its 5 goes too.
        var table = SmallNumberSuppression.Apply(5, [[1, 1, 1, 1, 1, 0], [5, 0]]);

        Render(table).ShouldBe("<5 | <5 <5 <5 <5 <5 0 | <5 0");
    }

    [Fact]
    public void Apply_EachBreakdownIsProtectedOnItsOwn()
    {
        var table = SmallNumberSuppression.Apply(30, [[25, 5], [26, 4], [10, 10, 10]]);

        Render(table).ShouldBe("30 | 25 5 | <5 <5 | 10 10 10");
    }

    [Fact]
    public void Apply_BreakdownNotAddingUpToTheTotal_Throws() =>
        Should.Throw<ArgumentException>(() => SmallNumberSuppression.Apply(10, [[3, 3]]));

    [Fact]
    public void Apply_NegativeCount_Throws() =>
        Should.Throw<ArgumentException>(() => SmallNumberSuppression.Apply(1, [[2, -1]]));

    [Theory]
    [InlineData(10L, 20L, 0.5)]
    [InlineData(3L, 20L, null)]
    [InlineData(10L, 4L, null)]
    [InlineData(0L, 0L, null)]
    public void Rate_OnASuppressedCount_IsSuppressed(long numerator, long denominator, double? expected) =>
        SmallNumberSuppression.Rate(SmallNumberSuppression.Single(numerator), SmallNumberSuppression.Single(denominator)).ShouldBe(expected);

    /// <summary>
    /// The property: on random tables (a total and up to three breakdowns of up to five categories), no suppressed
    /// value can be recovered from the published total and cells. Recovery is by arithmetic on what is published:
    /// every breakdown adds up to the total, and a suppressed cell is at least 1 (zeros are always shown). All the
    /// worlds consistent with the publication are enumerated (totals up to a cap); each suppressed cell and a
    /// suppressed total must take at least two different values across them. Zeros are never suppressed, counts of
    /// 5 and more that need no protection are shown, and the internal variant (the raw table) is what went in.
    /// </summary>
    [Fact]
    public void Apply_RandomTables_NoSuppressedValueCanBeRecovered()
    {
        var random = new Random(20261129);
        var checkedTables = 0;
        for (var round = 0; round < 1500; round++)
        {
            var total = random.Next(0, 14);
            var breakdowns = Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => (IReadOnlyList<long>)RandomBreakdown(random, total, random.Next(1, 6)))
                .ToList();

            var table = SmallNumberSuppression.Apply(total, breakdowns);

            for (var i = 0; i < breakdowns.Count; i++)
            {
                for (var j = 0; j < breakdowns[i].Count; j++)
                {
                    var cell = table.Breakdowns[i][j];
                    if (breakdowns[i][j] == 0)
                    {
                        cell.Value.ShouldBe(0, "zeros are never suppressed");
                    }
                    else if (SmallNumberSuppression.IsSmall(breakdowns[i][j]))
                    {
                        cell.Suppressed.ShouldBeTrue("counts from 1 to 4 are suppressed");
                    }
                    else if (!cell.Suppressed)
                    {
                        cell.Value.ShouldBe(breakdowns[i][j]);
                    }
                }
            }

            AssertNothingRecoverable(total, breakdowns, table);
            checkedTables++;
        }

        checkedTables.ShouldBe(1500);
    }

    private static void AssertNothingRecoverable(long total, List<IReadOnlyList<long>> breakdowns, SuppressedTable table)
    {
        var totals = table.Total.Value is { } known ? [known] : Enumerable.Range(1, (int)total + 12).Select(t => (long)t).ToList();
        var seenTotals = new HashSet<long>();
        var seen = breakdowns.Select(b => b.Select(_ => new HashSet<long>()).ToArray()).ToArray();
        foreach (var candidate in totals)
        {
            // For this total, each breakdown's hidden cells (each ≥ 1) must add up to what the published ones leave.
            var perBreakdown = table.Breakdowns.Select(cells => Completions(cells, candidate).ToList()).ToList();
            if (perBreakdown.Any(options => options.Count == 0))
            {
                continue;
            }

            seenTotals.Add(candidate);
            for (var i = 0; i < perBreakdown.Count; i++)
            {
                foreach (var option in perBreakdown[i])
                {
                    for (var j = 0; j < option.Length; j++)
                    {
                        seen[i][j].Add(option[j]);
                    }
                }
            }
        }

        var description = $"total {total}, breakdowns {string.Join(" / ", breakdowns.Select(b => string.Join(",", b)))} → {Render(table)}";
        seenTotals.ShouldContain(total, description);
        if (table.Total.Suppressed)
        {
            seenTotals.Count.ShouldBeGreaterThan(1, $"the total can be recovered: {description}");
        }

        for (var i = 0; i < breakdowns.Count; i++)
        {
            for (var j = 0; j < breakdowns[i].Count; j++)
            {
                if (table.Breakdowns[i][j].Suppressed)
                {
                    seen[i][j].Count.ShouldBeGreaterThan(1, $"cell {j} of breakdown {i} can be recovered: {description}");
                }
            }
        }
    }

    /// <summary>Every way to fill the suppressed cells (each at least 1) so that the breakdown adds up to <paramref name="total"/>.</summary>
    private static IEnumerable<long[]> Completions(IReadOnlyList<PublishedCount> cells, long total)
    {
        var rest = total - cells.Where(c => !c.Suppressed).Sum(c => c.Value!.Value);
        var hidden = cells.Select((c, j) => (c, j)).Where(x => x.c.Suppressed).Select(x => x.j).ToArray();
        var values = cells.Select(c => c.Value ?? 0).ToArray();
        return Fill(values, hidden, 0, rest);
    }

    private static IEnumerable<long[]> Fill(long[] values, int[] hidden, int index, long rest)
    {
        if (index == hidden.Length)
        {
            if (rest == 0)
            {
                yield return (long[])values.Clone();
            }

            yield break;
        }

        var remainingSlots = hidden.Length - index - 1;
        for (var v = 1L; v <= rest - remainingSlots; v++)
        {
            values[hidden[index]] = v;
            foreach (var filled in Fill(values, hidden, index + 1, rest - v))
            {
                yield return filled;
            }
        }
    }

    private static List<long> RandomBreakdown(Random random, long total, int categories)
    {
        var cells = new long[categories];
        for (var n = 0; n < total; n++)
        {
            // Skewed: most people in the first categories, as in the real figures.
            cells[Math.Min(categories - 1, (int)Math.Floor(Math.Pow(random.NextDouble(), 2) * categories))]++;
        }

        return [.. cells];
    }

    private static string Render(SuppressedTable table) =>
        string.Join(" | ", new[] { table.Total.ToString() }.Concat(table.Breakdowns.Select(b => string.Join(" ", b.Select(c => c.ToString())))));
}
