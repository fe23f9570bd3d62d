namespace Lotgenoten.Web.Features.Attendance;

/// <summary>Texts of the attendance register and the follow-up page; see AttendanceTexts.resx.</summary>
public sealed class AttendanceTexts;
