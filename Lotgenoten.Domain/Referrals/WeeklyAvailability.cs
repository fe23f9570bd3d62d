namespace Lotgenoten.Domain.Referrals;

/// <summary>A part of the day in which someone can meet.</summary>
public enum DayPart
{
    Morning,
    Afternoon,
    Evening,
}

/// <summary>One weekday × part-of-day slot.</summary>
public readonly record struct AvailabilitySlot(DayOfWeek Day, DayPart Part);

/// <summary>
/// When a relative can meet: a set of weekday × part-of-day slots, stored as a 21-bit mask
/// (bit = day index Monday-first × 3 + part).
/// </summary>
public readonly record struct WeeklyAvailability
{
    public const int AllSlotsMask = (1 << 21) - 1;

    public WeeklyAvailability(int mask)
    {
        if (mask is < 0 or > AllSlotsMask)
        {
            throw new ArgumentOutOfRangeException(nameof(mask));
        }

        Mask = mask;
    }

    public int Mask { get; }

    public static WeeklyAvailability None => default;

    public static WeeklyAvailability Of(IEnumerable<AvailabilitySlot> slots) =>
        new(slots.Aggregate(0, (mask, slot) => mask | Bit(slot)));

    public bool Contains(AvailabilitySlot slot) => (Mask & Bit(slot)) != 0;

    public bool IsEmpty => Mask == 0;

    public IEnumerable<AvailabilitySlot> Slots
    {
        get
        {
            foreach (var day in MondayFirst)
            {
                foreach (var part in Enum.GetValues<DayPart>())
                {
                    var slot = new AvailabilitySlot(day, part);
                    if (Contains(slot))
                    {
                        yield return slot;
                    }
                }
            }
        }
    }

    public WeeklyAvailability With(AvailabilitySlot slot) => new(Mask | Bit(slot));

    public WeeklyAvailability Without(AvailabilitySlot slot) => new(Mask & ~Bit(slot));

    /// <summary>The part of the day a clock time belongs to: before 12:00 morning, before 17:00 afternoon, else evening.</summary>
    public static DayPart PartOf(TimeOnly time) =>
        time.Hour < 12 ? DayPart.Morning : time.Hour < 17 ? DayPart.Afternoon : DayPart.Evening;

    /// <summary>Monday to Sunday, the Belgian week.</summary>
    public static IReadOnlyList<DayOfWeek> MondayFirst { get; } =
    [
        DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday,
        DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday,
    ];

    private static int Bit(AvailabilitySlot slot)
    {
        if (!Enum.IsDefined(slot.Day) || !Enum.IsDefined(slot.Part))
        {
            throw new ArgumentOutOfRangeException(nameof(slot));
        }

        var dayIndex = ((int)slot.Day + 6) % 7;
        return 1 << ((dayIndex * 3) + (int)slot.Part);
    }
}
