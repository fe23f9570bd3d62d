using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Tests.TestSupport;

namespace Lotgenoten.Domain.Tests.Meetings;

public class MeetingTests
{
    private static readonly DateTime Jan13At19 = new(2026, 1, 13, 19, 0, 0);

    private static DateTimeOffset Utc(int m, int d, int h, int mi = 0) => new(2026, m, d, h, mi, 0, TimeSpan.Zero);

    private static Meeting SeriesMeeting(DateOnly? first = null)
    {
        var (_, meetings) = Build.RecruitingGroup().PlanSeries(Build.Weekly(first ?? new DateOnly(2026, 1, 13), new TimeOnly(19, 0), count: 2), Build.Now);
        return meetings[0];
    }

    // ---- Scheduling a single meeting ----

    [Fact]
    public void ScheduleMeeting_Future_DerivesUtcFromBrusselsTime()
    {
        var meeting = Build.RecruitingGroup().ScheduleMeeting(new DateTime(2026, 7, 14, 19, 0, 0), 90, "  Grenzen  ", Build.Now);

        meeting.Date.ShouldBe(new DateOnly(2026, 7, 14));
        meeting.StartTime.ShouldBe(new TimeOnly(19, 0));
        meeting.StartLocal.ShouldBe(new DateTime(2026, 7, 14, 19, 0, 0));
        meeting.StartsAt.ShouldBe(Utc(7, 14, 17));
        meeting.EndsAt.ShouldBe(Utc(7, 14, 18, 30));
        meeting.DurationMinutes.ShouldBe(90);
        meeting.Theme.ShouldBe("Grenzen");
        meeting.TimeZoneId.ShouldBe("Europe/Brussels");
        meeting.Sequence.ShouldBe(0);
        meeting.CreatedAt.ShouldBe(Build.Now);
        meeting.OriginalDate.ShouldBeNull();
        meeting.IsMovedFromSeries.ShouldBeFalse();
    }

    [Theory]
    [InlineData(9, 0)] // 08:00 UTC, an hour ago
    [InlineData(10, 0)] // exactly now
    public void ScheduleMeeting_NotInTheFuture_ThrowsPast(int hour, int minute)
    {
        DomainAssert.Throws(
            () => Build.RecruitingGroup().ScheduleMeeting(new DateTime(2026, 1, 5, hour, minute, 0), 60, null, Build.Now),
            "meeting.past");
    }

    [Theory]
    [InlineData(14)]
    [InlineData(481)]
    public void ScheduleMeeting_DurationOutOfRange_ThrowsDuration(int minutes)
    {
        DomainAssert.Throws(() => Build.RecruitingGroup().ScheduleMeeting(Jan13At19, minutes, null, Build.Now), "meeting.duration");
    }

    [Fact]
    public void ScheduleMeeting_InSpringGap_ThrowsNonexistent()
    {
        DomainAssert.Throws(
            () => Build.RecruitingGroup().ScheduleMeeting(new DateTime(2026, 3, 29, 2, 30, 0), 60, null, Build.Now),
            "time.nonexistent");
    }

    [Fact]
    public void ScheduleMeeting_InAutumnOverlap_TakesFirstOccurrence()
    {
        var meeting = Build.RecruitingGroup().ScheduleMeeting(new DateTime(2026, 10, 25, 2, 30, 0), 60, null, Build.Now);

        meeting.StartsAt.ShouldBe(Utc(10, 25, 0, 30));
        meeting.EndsAt.ShouldBe(Utc(10, 25, 1, 30));
    }

    [Fact]
    public void ScheduleMeeting_ThemeWithLineBreakOrTooLong_Throws()
    {
        var group = Build.RecruitingGroup();

        DomainAssert.Throws(() => group.ScheduleMeeting(Jan13At19, 60, "Theme\r\nLOCATION:elsewhere", Build.Now), "meeting.theme.control-characters");
        DomainAssert.Throws(() => group.ScheduleMeeting(Jan13At19, 60, new string('t', Meeting.ThemeMaxLength + 1), Build.Now), "meeting.theme.too-long");
    }

    // ---- Move ----

    [Fact]
    public void Move_SeriesMeeting_ChangesTimeRaisesSequenceAndIsMoved()
    {
        var meeting = SeriesMeeting();

        meeting.Move(new DateTime(2026, 1, 14, 18, 30, 0), 90, Build.Now);

        meeting.Date.ShouldBe(new DateOnly(2026, 1, 14));
        meeting.StartTime.ShouldBe(new TimeOnly(18, 30));
        meeting.DurationMinutes.ShouldBe(90);
        meeting.StartsAt.ShouldBe(Utc(1, 14, 17, 30));
        meeting.EndsAt.ShouldBe(Utc(1, 14, 19));
        meeting.Sequence.ShouldBe(1);
        meeting.Version.ShouldBe(1);
        meeting.OriginalDate.ShouldBe(new DateOnly(2026, 1, 13));
        meeting.OriginalStartTime.ShouldBe(new TimeOnly(19, 0));
        meeting.IsMovedFromSeries.ShouldBeTrue();
    }

    [Fact]
    public void Move_OnlyTheTime_IsMovedFromSeries()
    {
        var meeting = SeriesMeeting();

        meeting.Move(new DateTime(2026, 1, 13, 20, 0, 0), 120, Build.Now);

        meeting.IsMovedFromSeries.ShouldBeTrue();
    }

    [Fact]
    public void Move_BackToOriginalTime_IsNoLongerMovedButSequenceKeepsRising()
    {
        var meeting = SeriesMeeting();
        meeting.Move(new DateTime(2026, 1, 14, 19, 0, 0), 120, Build.Now);

        meeting.Move(Jan13At19, 120, Build.Now);

        meeting.IsMovedFromSeries.ShouldBeFalse();
        meeting.Sequence.ShouldBe(2);
    }

    [Fact]
    public void Move_AcrossTheSpringChange_KeepsWallClockTime()
    {
        var meeting = SeriesMeeting(new DateOnly(2026, 3, 24));
        meeting.StartsAt.ShouldBe(Utc(3, 24, 18));

        meeting.Move(new DateTime(2026, 3, 31, 19, 0, 0), 120, Build.Now);

        meeting.StartsAt.ShouldBe(Utc(3, 31, 17));
    }

    [Fact]
    public void Move_SingleMeeting_IsNeverMovedFromSeries()
    {
        var meeting = Build.Meeting(Build.RecruitingGroup(), Jan13At19);

        meeting.Move(new DateTime(2026, 1, 20, 19, 0, 0), 120, Build.Now);

        meeting.IsMovedFromSeries.ShouldBeFalse();
        meeting.Sequence.ShouldBe(1);
    }

    [Fact]
    public void Move_IntoThePast_ThrowsAndChangesNothing()
    {
        var meeting = SeriesMeeting();

        DomainAssert.Throws(() => meeting.Move(new DateTime(2026, 1, 4, 19, 0, 0), 60, Build.Now), "meeting.past");

        meeting.Date.ShouldBe(new DateOnly(2026, 1, 13));
        meeting.StartTime.ShouldBe(new TimeOnly(19, 0));
        meeting.DurationMinutes.ShouldBe(120);
        meeting.StartsAt.ShouldBe(Utc(1, 13, 18));
        meeting.EndsAt.ShouldBe(Utc(1, 13, 20));
        meeting.Sequence.ShouldBe(0);
        meeting.IsMovedFromSeries.ShouldBeFalse();
    }

    [Fact]
    public void Move_OnceStarted_ThrowsStarted()
    {
        var meeting = SeriesMeeting();

        DomainAssert.Throws(() => meeting.Move(new DateTime(2026, 1, 20, 19, 0, 0), 120, Utc(1, 13, 18)), "meeting.started");
        DomainAssert.Throws(() => meeting.Move(new DateTime(2026, 1, 20, 19, 0, 0), 120, Utc(1, 13, 18, 30)), "meeting.started");
        meeting.Date.ShouldBe(new DateOnly(2026, 1, 13));
    }

    [Fact]
    public void Move_IntoSpringGapOrBadDuration_ThrowsAndChangesNothing()
    {
        var meeting = SeriesMeeting();

        DomainAssert.Throws(() => meeting.Move(new DateTime(2026, 3, 29, 2, 15, 0), 60, Build.Now), "time.nonexistent");
        DomainAssert.Throws(() => meeting.Move(new DateTime(2026, 1, 20, 19, 0, 0), 500, Build.Now), "meeting.duration");

        meeting.Date.ShouldBe(new DateOnly(2026, 1, 13));
        meeting.DurationMinutes.ShouldBe(120);
        meeting.Sequence.ShouldBe(0);
    }

    [Fact]
    public void Move_CancelledOrHeld_Throws()
    {
        var cancelled = SeriesMeeting();
        cancelled.Cancel(Build.Now);
        var held = SeriesMeeting();
        held.MarkHeld(Utc(1, 13, 20));

        DomainAssert.Throws(() => cancelled.Move(new DateTime(2026, 1, 20, 19, 0, 0), 120, Build.Now), "meeting.cancelled");
        DomainAssert.Throws(() => held.Move(new DateTime(2026, 1, 20, 19, 0, 0), 120, Build.Now), "meeting.held");
    }

    // ---- Cancel ----

    [Fact]
    public void Cancel_Scheduled_CancelsAndRaisesSequence()
    {
        var meeting = SeriesMeeting();
        var now = Build.Now.AddDays(1);

        meeting.Cancel(now);

        meeting.Status.ShouldBe(MeetingStatus.Cancelled);
        meeting.CancelledAt.ShouldBe(now);
        meeting.Sequence.ShouldBe(1);
        meeting.Version.ShouldBe(1);
    }

    [Fact]
    public void Cancel_Twice_ThrowsCancelledAndKeepsSequence()
    {
        var meeting = SeriesMeeting();
        meeting.Cancel(Build.Now);

        DomainAssert.Throws(() => meeting.Cancel(Build.Now.AddDays(1)), "meeting.cancelled");

        meeting.Sequence.ShouldBe(1);
        meeting.CancelledAt.ShouldBe(Build.Now);
    }

    [Fact]
    public void Cancel_Held_ThrowsHeld()
    {
        var meeting = SeriesMeeting();
        meeting.MarkHeld(Utc(1, 13, 20));

        DomainAssert.Throws(() => meeting.Cancel(Utc(1, 13, 21)), "meeting.held");
        meeting.Status.ShouldBe(MeetingStatus.Held);
    }

    // ---- Held ----

    [Fact]
    public void MarkHeld_BeforeStart_ThrowsNotStarted()
    {
        var meeting = SeriesMeeting();

        DomainAssert.Throws(() => meeting.MarkHeld(Utc(1, 13, 17, 59)), "meeting.not-started");
        meeting.Status.ShouldBe(MeetingStatus.Scheduled);
        meeting.HeldAt.ShouldBeNull();
    }

    [Fact]
    public void MarkHeld_AtStart_IsHeld()
    {
        var meeting = SeriesMeeting();

        meeting.MarkHeld(Utc(1, 13, 18));

        meeting.Status.ShouldBe(MeetingStatus.Held);
        meeting.HeldAt.ShouldBe(Utc(1, 13, 18));
        meeting.Sequence.ShouldBe(0);
    }

    [Fact]
    public void MarkHeld_Twice_ThrowsHeld()
    {
        var meeting = SeriesMeeting();
        meeting.MarkHeld(Utc(1, 13, 20));

        DomainAssert.Throws(() => meeting.MarkHeld(Utc(1, 13, 21)), "meeting.held");
        meeting.HeldAt.ShouldBe(Utc(1, 13, 20));
    }

    [Fact]
    public void MarkHeld_Cancelled_ThrowsCancelled()
    {
        var meeting = SeriesMeeting();
        meeting.Cancel(Build.Now);

        DomainAssert.Throws(() => meeting.MarkHeld(Utc(1, 13, 20)), "meeting.cancelled");
    }

    // ---- Theme ----

    [Fact]
    public void SetTheme_Scheduled_SetsAndClears()
    {
        var meeting = SeriesMeeting();

        meeting.SetTheme(" Schaamte ");
        meeting.Theme.ShouldBe("Schaamte");

        meeting.SetTheme("  ");
        meeting.Theme.ShouldBeNull();
        meeting.Version.ShouldBe(2);
        meeting.Sequence.ShouldBe(0);
    }

    [Fact]
    public void SetTheme_Cancelled_ThrowsCancelled()
    {
        var meeting = SeriesMeeting();
        meeting.Cancel(Build.Now);

        DomainAssert.Throws(() => meeting.SetTheme("Schaamte"), "meeting.cancelled");
    }
}
