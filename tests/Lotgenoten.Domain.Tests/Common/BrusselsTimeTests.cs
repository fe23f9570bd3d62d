using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Tests.TestSupport;

namespace Lotgenoten.Domain.Tests.Common;

public class BrusselsTimeTests
{
    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(2026, 1, 13, 19, 0, 2026, 1, 13, 18, 0)] // winter, UTC+1
    [InlineData(2026, 7, 14, 19, 0, 2026, 7, 14, 17, 0)] // summer, UTC+2
    [InlineData(2026, 3, 29, 1, 59, 2026, 3, 29, 0, 59)] // last minute before the spring change
    [InlineData(2026, 3, 29, 3, 0, 2026, 3, 29, 1, 0)] // first minute after it
    [InlineData(2026, 10, 25, 1, 59, 2026, 10, 24, 23, 59)]
    [InlineData(2026, 10, 25, 3, 0, 2026, 10, 25, 2, 0)]
    [InlineData(2026, 1, 1, 0, 30, 2025, 12, 31, 23, 30)] // crosses the year in UTC
    public void ToUtc_WallClockTime_ReturnsInstant(int y, int mo, int d, int h, int mi, int uy, int umo, int ud, int uh, int umi)
    {
        var utc = BrusselsTime.ToUtc(new DateTime(y, mo, d, h, mi, 0));

        utc.ShouldBe(Utc(uy, umo, ud, uh, umi));
        utc.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(2, 30)]
    [InlineData(2, 59)]
    public void ToUtc_SpringGap_ThrowsNonexistent(int hour, int minute)
    {
        var local = new DateTime(2026, 3, 29, hour, minute, 0);

        BrusselsTime.IsNonexistent(local).ShouldBeTrue();
        DomainAssert.Throws(() => BrusselsTime.ToUtc(local), "time.nonexistent");
    }

    [Fact]
    public void ToUtc_AutumnAmbiguousTime_TakesFirstOccurrence()
    {
        var local = new DateTime(2026, 10, 25, 2, 30, 0);

        BrusselsTime.IsAmbiguous(local).ShouldBeTrue();
        BrusselsTime.ToUtc(local).ShouldBe(Utc(2026, 10, 25, 0, 30));
    }

    [Fact]
    public void ToUtc_KindUtcOrLocal_IsReadAsBrusselsWallClock()
    {
        var utcKind = new DateTime(2026, 1, 13, 19, 0, 0, DateTimeKind.Utc);

        BrusselsTime.ToUtc(utcKind).ShouldBe(Utc(2026, 1, 13, 18, 0));
    }

    [Theory]
    [InlineData(2026, 10, 25, 0, 30, 2)] // first 02:30 (summer time)
    [InlineData(2026, 10, 25, 1, 30, 2)] // second 02:30 (winter time)
    [InlineData(2026, 10, 25, 2, 0, 3)]
    [InlineData(2026, 3, 29, 0, 59, 1)]
    [InlineData(2026, 3, 29, 1, 0, 3)]
    public void ToLocal_AroundClockChanges_ReturnsWallClockHour(int y, int mo, int d, int h, int mi, int localHour)
    {
        var local = BrusselsTime.ToLocal(Utc(y, mo, d, h, mi));

        local.Hour.ShouldBe(localHour);
        local.Minute.ShouldBe(mi);
        local.Kind.ShouldBe(DateTimeKind.Unspecified);
    }

    [Theory]
    [InlineData(2026, 3, 28, 22, 59, 2026, 3, 28)]
    [InlineData(2026, 3, 28, 23, 0, 2026, 3, 29)] // midnight Brussels (UTC+1)
    [InlineData(2026, 3, 29, 21, 59, 2026, 3, 29)]
    [InlineData(2026, 3, 29, 22, 0, 2026, 3, 30)] // midnight Brussels, now UTC+2
    [InlineData(2026, 10, 24, 21, 59, 2026, 10, 24)]
    [InlineData(2026, 10, 24, 22, 0, 2026, 10, 25)] // midnight Brussels (UTC+2)
    [InlineData(2026, 10, 25, 22, 59, 2026, 10, 25)]
    [InlineData(2026, 10, 25, 23, 0, 2026, 10, 26)] // midnight Brussels, now UTC+1
    [InlineData(2026, 12, 31, 23, 30, 2027, 1, 1)]
    public void Today_InstantNearMidnight_ReturnsBrusselsDate(int y, int mo, int d, int h, int mi, int ly, int lmo, int ld)
    {
        BrusselsTime.Today(Utc(y, mo, d, h, mi)).ShouldBe(new DateOnly(ly, lmo, ld));
    }

    [Fact]
    public void Today_OffsetInstant_UsesTheInstantNotItsOffset()
    {
        // 23:30 in New York on 30 June is 05:30 on 1 July in Brussels.
        BrusselsTime.Today(new DateTimeOffset(2026, 6, 30, 23, 30, 0, TimeSpan.FromHours(-4))).ShouldBe(new DateOnly(2026, 7, 1));
    }

    [Theory]
    [InlineData(2026, 3, 29, 2026, 3, 28, 23)]
    [InlineData(2026, 3, 30, 2026, 3, 29, 22)]
    [InlineData(2026, 10, 25, 2026, 10, 24, 22)]
    [InlineData(2026, 10, 26, 2026, 10, 25, 23)]
    public void StartOfDay_AroundClockChanges_ReturnsUtcMidnight(int y, int mo, int d, int uy, int umo, int ud, int uh)
    {
        BrusselsTime.StartOfDay(new DateOnly(y, mo, d)).ShouldBe(Utc(uy, umo, ud, uh, 0));
    }

    [Fact]
    public void IsAmbiguousAndIsNonexistent_OrdinaryTime_AreFalse()
    {
        var local = new DateTime(2026, 10, 25, 3, 30, 0);

        BrusselsTime.IsAmbiguous(local).ShouldBeFalse();
        BrusselsTime.IsNonexistent(local).ShouldBeFalse();
        BrusselsTime.ZoneId.ShouldBe("Europe/Brussels");
    }
}
