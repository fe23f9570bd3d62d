namespace Lotgenoten.Infrastructure.Scheduling;

/// <summary>
/// The claim of one daily run of a background job (e.g. retention) on one day: the primary key (<see cref="Job"/>,
/// <see cref="Day"/>) lets exactly one of several app instances on one database insert it, and only that instance runs
/// the job that day. Holds no personal data.
/// </summary>
public sealed class ScheduledRun
{
    public const int JobMaxLength = 64;
    public const int InstanceMaxLength = 64;

    private ScheduledRun()
    {
    }

    /// <summary>The job's name, e.g. <c>retention</c>.</summary>
    public string Job { get; private set; } = "";

    /// <summary>The Brussels calendar day of the run.</summary>
    public DateOnly Day { get; private set; }

    /// <summary>When the instance claimed the run.</summary>
    public DateTimeOffset ClaimedAt { get; private set; }

    /// <summary>A random id of the claiming process (no host name): tells two instances apart in a diagnosis.</summary>
    public string Instance { get; private set; } = "";

    internal static ScheduledRun Create(string job, DateOnly day, DateTimeOffset now, string instance) =>
        new() { Job = job, Day = day, ClaimedAt = now, Instance = instance };
}
