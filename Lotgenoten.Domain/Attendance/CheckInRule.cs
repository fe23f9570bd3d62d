namespace Lotgenoten.Domain.Attendance;

/// <summary>Two absences in a row without notice flag a member for a check-in by the facilitators.</summary>
public static class CheckInRule
{
    public const int AbsencesInARow = 2;

    /// <summary>
    /// True when the member's most recent held meetings (oldest first, one status per meeting, null when not recorded)
    /// end in two absences without notice. "Excused" breaks the run, as does any attendance.
    /// </summary>
    public static bool NeedsCheckIn(IEnumerable<AttendanceStatus?> chronological)
    {
        ArgumentNullException.ThrowIfNull(chronological);
        var run = 0;
        foreach (var status in chronological)
        {
            run = status == AttendanceStatus.Absent ? run + 1 : 0;
        }

        return run >= AbsencesInARow;
    }
}
