using Lotgenoten.Domain.Referrals;

namespace Lotgenoten.Domain.Tests.Referrals;

public class WeeklyAvailabilityTests
{
    [Theory]
    [InlineData(DayOfWeek.Monday, DayPart.Morning, 0)]
    [InlineData(DayOfWeek.Monday, DayPart.Afternoon, 1)]
    [InlineData(DayOfWeek.Monday, DayPart.Evening, 2)]
    [InlineData(DayOfWeek.Tuesday, DayPart.Morning, 3)]
    [InlineData(DayOfWeek.Tuesday, DayPart.Evening, 5)]
    [InlineData(DayOfWeek.Saturday, DayPart.Afternoon, 16)]
    [InlineData(DayOfWeek.Sunday, DayPart.Morning, 18)]
    [InlineData(DayOfWeek.Sunday, DayPart.Evening, 20)]
    public void Of_OneSlot_SetsBitMondayFirst(DayOfWeek day, DayPart part, int bit)
    {
        var availability = WeeklyAvailability.Of([new AvailabilitySlot(day, part)]);

        availability.Mask.ShouldBe(1 << bit);
        availability.Contains(new AvailabilitySlot(day, part)).ShouldBeTrue();
        availability.IsEmpty.ShouldBeFalse();
    }

    [Fact]
    public void Slots_EverySlot_RoundTripsInMondayFirstOrder()
    {
        var all = WeeklyAvailability.MondayFirst
            .SelectMany(d => Enum.GetValues<DayPart>().Select(p => new AvailabilitySlot(d, p)))
            .ToList();

        var availability = WeeklyAvailability.Of(all);

        availability.Mask.ShouldBe(WeeklyAvailability.AllSlotsMask);
        availability.Slots.ToList().ShouldBe(all);
        availability.Slots.First().ShouldBe(new AvailabilitySlot(DayOfWeek.Monday, DayPart.Morning));
        availability.Slots.Last().ShouldBe(new AvailabilitySlot(DayOfWeek.Sunday, DayPart.Evening));
    }

    [Fact]
    public void Slots_FromMask_RoundTrips()
    {
        var slots = new[]
        {
            new AvailabilitySlot(DayOfWeek.Wednesday, DayPart.Afternoon),
            new AvailabilitySlot(DayOfWeek.Tuesday, DayPart.Evening),
            new AvailabilitySlot(DayOfWeek.Sunday, DayPart.Morning),
        };

        var availability = new WeeklyAvailability(WeeklyAvailability.Of(slots).Mask);

        availability.Slots.ShouldBe(
        [
            new AvailabilitySlot(DayOfWeek.Tuesday, DayPart.Evening),
            new AvailabilitySlot(DayOfWeek.Wednesday, DayPart.Afternoon),
            new AvailabilitySlot(DayOfWeek.Sunday, DayPart.Morning),
        ]);
        availability.ShouldBe(WeeklyAvailability.Of(slots));
    }

    [Fact]
    public void WithAndWithout_Slot_AddsAndRemovesOnlyThatSlot()
    {
        var tuesdayEvening = new AvailabilitySlot(DayOfWeek.Tuesday, DayPart.Evening);
        var fridayMorning = new AvailabilitySlot(DayOfWeek.Friday, DayPart.Morning);

        var availability = WeeklyAvailability.None.With(tuesdayEvening).With(fridayMorning).With(fridayMorning);

        availability.Slots.Count().ShouldBe(2);
        var without = availability.Without(tuesdayEvening);
        without.Contains(tuesdayEvening).ShouldBeFalse();
        without.Contains(fridayMorning).ShouldBeTrue();
        without.Without(tuesdayEvening).ShouldBe(without);
        WeeklyAvailability.None.IsEmpty.ShouldBeTrue();
        WeeklyAvailability.None.Slots.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1 << 21)]
    [InlineData(int.MaxValue)]
    public void Constructor_MaskOutOfRange_Throws(int mask)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new WeeklyAvailability(mask));
    }

    [Fact]
    public void Of_UndefinedDayOrPart_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => WeeklyAvailability.Of([new AvailabilitySlot((DayOfWeek)7, DayPart.Morning)]));
        Should.Throw<ArgumentOutOfRangeException>(() => WeeklyAvailability.Of([new AvailabilitySlot(DayOfWeek.Monday, (DayPart)3)]));
    }

    [Theory]
    [InlineData(0, 0, DayPart.Morning)]
    [InlineData(11, 59, DayPart.Morning)]
    [InlineData(12, 0, DayPart.Afternoon)]
    [InlineData(16, 59, DayPart.Afternoon)]
    [InlineData(17, 0, DayPart.Evening)]
    [InlineData(19, 0, DayPart.Evening)]
    [InlineData(23, 59, DayPart.Evening)]
    public void PartOf_Time_ReturnsPartOfDay(int hour, int minute, DayPart expected)
    {
        WeeklyAvailability.PartOf(new TimeOnly(hour, minute)).ShouldBe(expected);
    }
}
