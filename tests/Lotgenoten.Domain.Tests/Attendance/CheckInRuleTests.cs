using Lotgenoten.Domain.Attendance;

namespace Lotgenoten.Domain.Tests.Attendance;

public class CheckInRuleTests
{
    private const AttendanceStatus P = AttendanceStatus.Present;
    private const AttendanceStatus L = AttendanceStatus.Late;
    private const AttendanceStatus E = AttendanceStatus.Excused;
    private const AttendanceStatus A = AttendanceStatus.Absent;

    public static TheoryData<AttendanceStatus?[], bool> Runs() => new()
    {
        { [A, A], true },
        { [P, A, A], true },
        { [A, A, A], true },
        { [P, L, E, A, A], true },
        { [], false },
        { [A], false },
        { [P, A], false },
        { [A, E, A], false },
        { [A, P, A], false },
        { [A, L, A], false },
        { [A, A, P], false },
        { [A, A, E], false },
        { [E, E, E], false },
        { [A, null, A], false },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void NeedsCheckIn_History_FlagsTwoAbsencesInARowAtTheEnd(AttendanceStatus?[] chronological, bool expected)
    {
        CheckInRule.NeedsCheckIn(chronological).ShouldBe(expected);
    }

    [Fact]
    public void NeedsCheckIn_Null_Throws()
    {
        Should.Throw<ArgumentNullException>(() => CheckInRule.NeedsCheckIn(null!));
    }
}
