namespace Lotgenoten.Web.Features.Attendance;

/// <summary>
/// Tells open meeting pages that a register changed, so that two co-facilitators see each other's taps. In process
/// only (one app instance); it carries a meeting id and nothing about any person. Pages subscribe and unsubscribe on
/// dispose; with several instances this would become a backplane (e.g. PostgreSQL LISTEN/NOTIFY).
/// </summary>
public sealed class AttendanceChanges
{
    /// <summary>Raised with the id of the meeting whose register changed.</summary>
    public event Action<Guid>? Changed;

    public void Publish(Guid meetingId) => Changed?.Invoke(meetingId);
}
