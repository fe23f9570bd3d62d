namespace Lotgenoten.Infrastructure.Demo.Scale;

/// <summary>What <see cref="ScaleSeeder"/> builds.</summary>
/// <param name="Years">How many years of history, ending today (never before the helpline opened in 2017).</param>
/// <param name="Scale">Times today's helpline (about 60 referrals and 6 groups a year): 50 gives about 3,000 referrals a year.</param>
/// <param name="Seed">The seed of every random choice: the same seed on the same day gives the same world (ids and codes aside).</param>
public sealed record ScaleOptions(int Years = 10, double Scale = 50, int Seed = 2026)
{
    public const int MaxYears = 20;
    public const double MaxScale = 1000;

    /// <summary>A message for the first option out of range, or null when all are fine.</summary>
    public string? Validate() =>
        Years is < 1 or > MaxYears ? $"--years must be 1 to {MaxYears}."
        : !(Scale > 0 && Scale <= MaxScale) ? $"--scale must be more than 0 and at most {MaxScale}."
        : null;
}

/// <summary>What <see cref="ScaleSeeder"/> wrote, and where a load client can go.</summary>
public sealed record ScaleResult
{
    public required int Referrals { get; init; }

    public required int Groups { get; init; }

    public required int Meetings { get; init; }

    public required int Attendance { get; init; }

    public required int Memberships { get; init; }

    public required int Participants { get; init; }

    public required int Responses { get; init; }

    public required int Notes { get; init; }

    public required int Concerns { get; init; }

    public required int AuditEvents { get; init; }

    /// <summary>Referrals on the waiting list today.</summary>
    public required int Waiting { get; init; }

    /// <summary>Time spent building the world in memory.</summary>
    public required TimeSpan GenerateTime { get; init; }

    /// <summary>Time spent writing it to the database.</summary>
    public required TimeSpan WriteTime { get; init; }

    /// <summary>
    /// Attendance registers (<c>/groepen/{g}/bijeenkomsten/{m}</c>) of meetings held or held today, with members, in groups
    /// that the demo "facilitator" facilitates: one per group first, then further meetings of those groups.
    /// </summary>
    public required IReadOnlyList<string> Registers { get; init; }

    /// <summary>The groups behind <see cref="Registers"/>.</summary>
    public required IReadOnlyList<Guid> FacilitatorGroups { get; init; }
}

/// <summary>The database already holds referrals or groups: the scale seeder fills only an empty one.</summary>
public sealed class ScaleDatabaseNotEmptyException : Exception
{
    public ScaleDatabaseNotEmptyException()
        : base("The database already holds referrals or groups; seed-scale fills only an empty database.")
    {
    }

    public ScaleDatabaseNotEmptyException(string message)
        : base(message)
    {
    }

    public ScaleDatabaseNotEmptyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
