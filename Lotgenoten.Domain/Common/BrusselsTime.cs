namespace Lotgenoten.Domain.Common;

/// <summary>
/// Wall-clock time in Europe/Brussels, where every meeting happens. Meetings are stored as a local time with this zone,
/// and their UTC instants are derived here. Decisions (tested): a local time that does not exist (the spring gap,
/// last Sunday of March 02:00–03:00) is refused; a time that exists twice (last Sunday of October 02:00–03:00) is taken
/// as its first occurrence (summer time, UTC+2).
/// </summary>
public static class BrusselsTime
{
    public const string ZoneId = "Europe/Brussels";

    private static readonly Lazy<TimeZoneInfo> LazyZone = new(() => TimeZoneInfo.FindSystemTimeZoneById(ZoneId));

    public static TimeZoneInfo Zone => LazyZone.Value;

    /// <summary>True when <paramref name="local"/> falls in the spring-forward gap and so never happens.</summary>
    public static bool IsNonexistent(DateTime local) => Zone.IsInvalidTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified));

    /// <summary>True when <paramref name="local"/> happens twice (autumn fall-back).</summary>
    public static bool IsAmbiguous(DateTime local) => Zone.IsAmbiguousTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified));

    /// <summary>The UTC instant of a Brussels wall-clock time. Throws for a time that does not exist; takes the first of two.</summary>
    public static DateTimeOffset ToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(unspecified))
        {
            throw new DomainException(
                "time.nonexistent",
                $"{unspecified:yyyy-MM-dd HH:mm} does not exist in {ZoneId} (clocks move forward).");
        }

        TimeSpan offset = Zone.IsAmbiguousTime(unspecified)
            ? Zone.GetAmbiguousTimeOffsets(unspecified).Max()
            : Zone.GetUtcOffset(unspecified);
        return new DateTimeOffset(unspecified, offset).ToUniversalTime();
    }

    /// <summary>The Brussels wall-clock time of an instant (Kind unspecified).</summary>
    public static DateTime ToLocal(DateTimeOffset instant) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(instant, Zone).DateTime, DateTimeKind.Unspecified);

    /// <summary>The date in Brussels at an instant.</summary>
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(ToLocal(now));

    /// <summary>The UTC instant of midnight starting <paramref name="date"/> in Brussels.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date) => ToUtc(date.ToDateTime(TimeOnly.MinValue));
}
