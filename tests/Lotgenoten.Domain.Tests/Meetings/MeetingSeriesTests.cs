using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Tests.TestSupport;

namespace Lotgenoten.Domain.Tests.Meetings;

public class MeetingSeriesTests
{
    private static readonly TimeOnly Seven = new(19, 0);

    private static DateOnly D(int m, int d) => new(2026, m, d);

    private static DateTimeOffset Utc(int m, int d, int h, int mi = 0) => new(2026, m, d, h, mi, 0, TimeSpan.Zero);

    private static SeriesPlan Plan(RecurrencePattern pattern, DateOnly first, int? count = null, DateOnly? until = null, TimeOnly? time = null, DateOnly[]? skipped = null, int duration = 120) =>
        new(pattern, first, time ?? Seven, duration, count, until, skipped);

    // ---- Dates ----

    [Fact]
    public void Preview_Weekly_EverySevenDays()
    {
        MeetingSeries.Preview(Plan(RecurrencePattern.Weekly, D(1, 13), count: 4))
            .ShouldBe([D(1, 13), D(1, 20), D(1, 27), D(2, 3)]);
    }

    [Fact]
    public void Preview_EveryTwoWeeks_EveryFourteenDays()
    {
        MeetingSeries.Preview(Plan(RecurrencePattern.EveryTwoWeeks, D(1, 13), count: 4))
            .ShouldBe([D(1, 13), D(1, 27), D(2, 10), D(2, 24)]);
    }

    [Fact]
    public void Preview_MonthlySecondTuesday_SecondTuesdayOfEachMonth()
    {
        MeetingSeries.Preview(Plan(RecurrencePattern.MonthlyByWeekday, D(1, 13), count: 6))
            .ShouldBe([D(1, 13), D(2, 10), D(3, 10), D(4, 14), D(5, 12), D(6, 9)]);
    }

    [Fact]
    public void Preview_MonthlyFirstTuesday_FirstTuesdayOfEachMonth()
    {
        MeetingSeries.Preview(Plan(RecurrencePattern.MonthlyByWeekday, D(2, 3), count: 3))
            .ShouldBe([D(2, 3), D(3, 3), D(4, 7)]);
    }

    [Fact]
    public void Preview_MonthlyFifthTuesday_MeansLastTuesday()
    {
        // 31 March 2026 is the fifth Tuesday; April and May have four, June has five.
        MeetingSeries.Preview(Plan(RecurrencePattern.MonthlyByWeekday, D(3, 31), count: 4))
            .ShouldBe([D(3, 31), D(4, 28), D(5, 26), D(6, 30)]);
    }

    [Fact]
    public void Preview_MonthlyFourthTuesday_StaysFourthEvenWhenAFifthExists()
    {
        MeetingSeries.Preview(Plan(RecurrencePattern.MonthlyByWeekday, D(5, 26), count: 2))
            .ShouldBe([D(5, 26), D(6, 23)]);
    }

    [Fact]
    public void Preview_MonthlyAcrossYearEnd_KeepsWeekdayAndPlace()
    {
        MeetingSeries.Preview(new SeriesPlan(RecurrencePattern.MonthlyByWeekday, new DateOnly(2026, 11, 10), Seven, 120, 3, null))
            .ShouldBe([new DateOnly(2026, 11, 10), new DateOnly(2026, 12, 8), new DateOnly(2027, 1, 12)]);
    }

    [Fact]
    public void Preview_Until_IncludesTheEndDate()
    {
        MeetingSeries.Preview(Plan(RecurrencePattern.Weekly, D(1, 6), until: D(1, 27)))
            .ShouldBe([D(1, 6), D(1, 13), D(1, 20), D(1, 27)]);
        MeetingSeries.Preview(Plan(RecurrencePattern.Weekly, D(1, 6), until: D(1, 26)))
            .ShouldBe([D(1, 6), D(1, 13), D(1, 20)]);
    }

    [Fact]
    public void Preview_UntilEqualsFirstDate_OneMeeting()
    {
        MeetingSeries.Preview(Plan(RecurrencePattern.EveryTwoWeeks, D(1, 6), until: D(1, 6))).ShouldBe([D(1, 6)]);
    }

    [Fact]
    public void Preview_MonthlyUntil_StopsAtEndDate()
    {
        MeetingSeries.Preview(Plan(RecurrencePattern.MonthlyByWeekday, D(1, 13), until: D(4, 13)))
            .ShouldBe([D(1, 13), D(2, 10), D(3, 10)]);
    }

    // ---- Count or end date ----

    [Fact]
    public void Preview_CountAndUntil_ThrowsEnd()
    {
        DomainAssert.Throws(() => MeetingSeries.Preview(Plan(RecurrencePattern.Weekly, D(1, 6), count: 4, until: D(3, 1))), "series.end");
    }

    [Fact]
    public void Preview_NeitherCountNorUntil_ThrowsEnd()
    {
        DomainAssert.Throws(() => MeetingSeries.Preview(Plan(RecurrencePattern.Weekly, D(1, 6))), "series.end");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(MeetingSeries.MaxCount + 1)]
    public void Preview_CountOutOfRange_ThrowsCount(int count)
    {
        DomainAssert.Throws(() => MeetingSeries.Preview(Plan(RecurrencePattern.Weekly, D(1, 6), count: count)), "series.count");
    }

    [Fact]
    public void Preview_MaximumCount_GivesThatManyDates()
    {
        var dates = MeetingSeries.Preview(Plan(RecurrencePattern.Weekly, D(1, 6), count: MeetingSeries.MaxCount));

        dates.Count.ShouldBe(104);
        dates[^1].ShouldBe(D(1, 6).AddDays(7 * 103));
    }

    [Fact]
    public void Preview_UntilBeforeFirstOrBeyondTwoYears_ThrowsUntil()
    {
        DomainAssert.Throws(() => MeetingSeries.Preview(Plan(RecurrencePattern.Weekly, D(1, 6), until: D(1, 5))), "series.until");
        DomainAssert.Throws(() => MeetingSeries.Preview(Plan(RecurrencePattern.Weekly, D(1, 6), until: new DateOnly(2028, 1, 7))), "series.until");
        MeetingSeries.Preview(Plan(RecurrencePattern.Weekly, D(1, 6), until: new DateOnly(2028, 1, 6))).Count.ShouldBe(105);
    }

    [Theory]
    [InlineData(MeetingSeries.MinDurationMinutes - 1)]
    [InlineData(MeetingSeries.MaxDurationMinutes + 1)]
    [InlineData(0)]
    public void Preview_DurationOutOfRange_ThrowsDuration(int minutes)
    {
        DomainAssert.Throws(() => MeetingSeries.Preview(Plan(RecurrencePattern.Weekly, D(1, 6), count: 2, duration: minutes)), "meeting.duration");
    }

    [Theory]
    [InlineData(MeetingSeries.MinDurationMinutes)]
    [InlineData(MeetingSeries.MaxDurationMinutes)]
    public void Preview_DurationAtLimits_IsAccepted(int minutes)
    {
        MeetingSeries.Preview(Plan(RecurrencePattern.Weekly, D(1, 6), count: 2, duration: minutes)).Count.ShouldBe(2);
    }

    [Fact]
    public void Preview_UndefinedPattern_ThrowsPatternInvalid()
    {
        DomainAssert.Throws(() => MeetingSeries.Preview(Plan((RecurrencePattern)9, D(1, 6), count: 2)), "series.pattern.invalid");
    }

    // ---- Skipped dates ----

    [Fact]
    public void Preview_SkippedDate_IsLeftOutAndCountIncludesIt()
    {
        MeetingSeries.Preview(Plan(RecurrencePattern.Weekly, D(1, 6), count: 4, skipped: [D(1, 13)]))
            .ShouldBe([D(1, 6), D(1, 20), D(1, 27)]);
    }

    [Fact]
    public void Preview_SkippedDateNotInSeries_ThrowsSkipUnknown()
    {
        DomainAssert.Throws(
            () => MeetingSeries.Preview(Plan(RecurrencePattern.Weekly, D(1, 6), count: 4, skipped: [D(1, 14)])),
            "series.skip.unknown");
        DomainAssert.Throws(
            () => MeetingSeries.Preview(Plan(RecurrencePattern.Weekly, D(1, 6), count: 4, skipped: [D(2, 3)])),
            "series.skip.unknown");
    }

    [Fact]
    public void Preview_EveryDateSkipped_ThrowsEmpty()
    {
        DomainAssert.Throws(
            () => MeetingSeries.Preview(Plan(RecurrencePattern.Weekly, D(1, 6), count: 2, skipped: [D(1, 6), D(1, 13)])),
            "series.empty");
    }

    [Fact]
    public void PlanSeries_SkippedDates_StoredDistinctAndOrdered()
    {
        var group = Build.RecruitingGroup();

        var (series, meetings) = group.PlanSeries(Plan(RecurrencePattern.Weekly, D(1, 6), count: 5, skipped: [D(1, 27), D(1, 13), D(1, 27)]), Build.Now);

        series.SkippedDates.ShouldBe([D(1, 13), D(1, 27)]);
        meetings.Select(m => m.Date).ShouldBe([D(1, 6), D(1, 20), D(2, 3)]);
        series.Dates().ShouldBe([D(1, 6), D(1, 20), D(2, 3)]);
    }

    // ---- Wall-clock time across the clock changes ----

    [Fact]
    public void PlanSeries_WeeklyAt19AcrossMarchChange_Stays19LocalAndMovesInUtc()
    {
        var group = Build.RecruitingGroup();

        var (_, meetings) = group.PlanSeries(Plan(RecurrencePattern.Weekly, D(3, 17), count: 3), Build.Now);

        meetings.Select(m => m.StartTime).ShouldAllBe(t => t == Seven);
        meetings.Select(m => m.StartsAt).ShouldBe([Utc(3, 17, 18), Utc(3, 24, 18), Utc(3, 31, 17)]);
        meetings.Select(m => m.EndsAt).ShouldBe([Utc(3, 17, 20), Utc(3, 24, 20), Utc(3, 31, 19)]);
    }

    [Fact]
    public void PlanSeries_WeeklyAt19AcrossOctoberChange_Stays19LocalAndMovesInUtc()
    {
        var group = Build.RecruitingGroup();

        var (_, meetings) = group.PlanSeries(Plan(RecurrencePattern.Weekly, D(10, 20), count: 2), Build.Now);

        meetings.Select(m => m.StartLocal).ShouldBe([new DateTime(2026, 10, 20, 19, 0, 0), new DateTime(2026, 10, 27, 19, 0, 0)]);
        meetings.Select(m => m.StartsAt).ShouldBe([Utc(10, 20, 17), Utc(10, 27, 18)]);
    }

    [Fact]
    public void PlanSeries_MonthlySecondTuesdayAcrossClockChange_Stays19Local()
    {
        var group = Build.RecruitingGroup();

        var (series, meetings) = group.PlanSeries(Plan(RecurrencePattern.MonthlyByWeekday, D(2, 10), count: 3), Build.Now);

        meetings.Select(m => m.StartsAt).ShouldBe([Utc(2, 10, 18), Utc(3, 10, 18), Utc(4, 14, 17)]);
        series.TimeZoneId.ShouldBe("Europe/Brussels");
        meetings.ShouldAllBe(m => m.TimeZoneId == "Europe/Brussels");
    }

    [Fact]
    public void Preview_TimeInSpringGap_ThrowsNonexistent()
    {
        var plan = Plan(RecurrencePattern.Weekly, D(3, 22), count: 2, time: new TimeOnly(2, 30));

        DomainAssert.Throws(() => MeetingSeries.Preview(plan), "time.nonexistent");
        DomainAssert.Throws(() => Build.RecruitingGroup().PlanSeries(plan, Build.Now), "time.nonexistent");
    }

    [Fact]
    public void Preview_TimeInSpringGapOnSkippedDate_IsAccepted()
    {
        var plan = Plan(RecurrencePattern.Weekly, D(3, 22), count: 3, time: new TimeOnly(2, 30), skipped: [D(3, 29)]);

        MeetingSeries.Preview(plan).ShouldBe([D(3, 22), D(4, 5)]);
    }

    [Fact]
    public void PlanSeries_TimeInAutumnOverlap_TakesFirstAndListsTheDate()
    {
        var plan = Plan(RecurrencePattern.Weekly, D(10, 18), count: 3, time: new TimeOnly(2, 30));
        var group = Build.RecruitingGroup();

        MeetingSeries.AmbiguousDates(plan).ShouldBe([D(10, 25)]);
        var (_, meetings) = group.PlanSeries(plan, Build.Now);

        meetings.Select(m => m.StartsAt).ShouldBe([Utc(10, 18, 0, 30), Utc(10, 25, 0, 30), Utc(11, 1, 1, 30)]);
    }

    [Fact]
    public void AmbiguousDates_OrdinaryEveningSeries_IsEmpty()
    {
        MeetingSeries.AmbiguousDates(Plan(RecurrencePattern.Weekly, D(10, 18), count: 3)).ShouldBeEmpty();
    }

    // ---- Creation ----

    [Fact]
    public void PlanSeries_ValidPlan_CreatesSeriesAndMeetings()
    {
        var group = Build.RecruitingGroup();
        var plan = Plan(RecurrencePattern.EveryTwoWeeks, D(1, 13), count: 3);

        var (series, meetings) = group.PlanSeries(plan, Build.Now);

        series.GroupId.ShouldBe(group.Id);
        series.Status.ShouldBe(SeriesStatus.Active);
        series.Sequence.ShouldBe(0);
        series.CreatedAt.ShouldBe(Build.Now);
        series.ToPlan().ShouldBe(plan with { SkippedDates = series.SkippedDates });
        meetings.Count.ShouldBe(3);
        meetings.ShouldAllBe(m => m.SeriesId == series.Id && m.GroupId == group.Id && m.Status == MeetingStatus.Scheduled);
        meetings.ShouldAllBe(m => m.OriginalDate == m.Date && m.OriginalStartTime == Seven && m.DurationMinutes == 120);
        meetings.ShouldAllBe(m => !m.IsMovedFromSeries && m.Sequence == 0);
        meetings.Select(m => m.Id).ShouldBeUnique();
    }

    [Fact]
    public void PlanSeries_FirstDateBeforeTodayInBrussels_ThrowsPast()
    {
        var group = Build.RecruitingGroup();
        var now = new DateTimeOffset(2026, 1, 12, 23, 30, 0, TimeSpan.Zero); // 00:30 on 13 January in Brussels

        DomainAssert.Throws(() => group.PlanSeries(Plan(RecurrencePattern.Weekly, D(1, 12), count: 2), now), "series.past");
        group.PlanSeries(Plan(RecurrencePattern.Weekly, D(1, 13), count: 2), now).Meetings.Count.ShouldBe(2);
    }

    [Fact]
    public void PlanSeries_StartingTodayAtAnHourAlreadyPast_ThrowsPast()
    {
        var group = Build.RecruitingGroup();
        var now = new DateTimeOffset(2026, 1, 13, 19, 0, 0, TimeSpan.Zero); // 20:00 on 13 January in Brussels

        DomainAssert.Throws(() => group.PlanSeries(Plan(RecurrencePattern.Weekly, D(1, 13), count: 2), now), "series.past");
        group.PlanSeries(Plan(RecurrencePattern.Weekly, D(1, 14), count: 2), now).Meetings.Count.ShouldBe(2);
    }

    // ---- Cancel ----

    [Fact]
    public void Cancel_Series_CancelsOnlyFutureScheduledMeetingsOfThatSeries()
    {
        var group = Build.RecruitingGroup();
        var (series, meetings) = group.PlanSeries(Plan(RecurrencePattern.Weekly, D(1, 6), count: 4), Build.Now);
        var (_, otherMeetings) = group.PlanSeries(Plan(RecurrencePattern.Weekly, D(1, 7), count: 4), Build.Now);
        var single = group.ScheduleMeeting(new DateTime(2026, 1, 29, 19, 0, 0), 120, null, Build.Now);
        meetings[0].MarkHeld(Utc(1, 6, 20));
        meetings[3].Cancel(Utc(1, 8, 9));
        var now = Utc(1, 20, 12); // 13:00 on 20 January: meetings[1] is past, meetings[2] is tonight

        var changed = series.Cancel([.. meetings, .. otherMeetings, single], now);

        changed.ShouldBe([meetings[2]]);
        meetings[0].Status.ShouldBe(MeetingStatus.Held);
        meetings[1].Status.ShouldBe(MeetingStatus.Scheduled);
        meetings[2].Status.ShouldBe(MeetingStatus.Cancelled);
        meetings[2].CancelledAt.ShouldBe(now);
        meetings[2].Sequence.ShouldBe(1);
        meetings[3].Sequence.ShouldBe(1);
        meetings[3].CancelledAt.ShouldBe(Utc(1, 8, 9));
        otherMeetings.ShouldAllBe(m => m.Status == MeetingStatus.Scheduled);
        single.Status.ShouldBe(MeetingStatus.Scheduled);
        series.Status.ShouldBe(SeriesStatus.Cancelled);
        series.CancelledAt.ShouldBe(now);
        series.Sequence.ShouldBe(1);
    }

    [Fact]
    public void Cancel_Twice_ThrowsCancelled()
    {
        var (series, meetings) = Build.RecruitingGroup().PlanSeries(Plan(RecurrencePattern.Weekly, D(1, 6), count: 2), Build.Now);
        series.Cancel(meetings, Build.Now);

        DomainAssert.Throws(() => series.Cancel(meetings, Build.Now), "series.cancelled");
        series.Sequence.ShouldBe(1);
        meetings.ShouldAllBe(m => m.Status == MeetingStatus.Cancelled && m.Sequence == 1);
    }
}
