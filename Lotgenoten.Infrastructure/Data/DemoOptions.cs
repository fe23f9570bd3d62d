namespace Lotgenoten.Infrastructure.Data;

/// <summary>Configuration section <c>Demo</c>.</summary>
public sealed class DemoOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Demo";

    /// <summary>
    /// Fill a database that has no data yet with demo data at start-up.
    /// When not set: true in Development, false elsewhere.
    /// </summary>
    public bool? Seed { get; set; }
}
