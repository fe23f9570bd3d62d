namespace Lotgenoten.Web.Features.Attendance;

/// <summary>Registers the attendance register and the follow-up of members to check in with.</summary>
public static class AttendanceServiceCollectionExtensions
{
    /// <summary>The services (scoped, each opening short-lived contexts) and the in-process change notification (singleton, no user data).</summary>
    public static IServiceCollection AddAttendance(this IServiceCollection services)
    {
        services.AddSingleton<AttendanceChanges>();
        services.AddScoped<AttendanceService>();
        services.AddScoped<CheckInQuery>();
        return services;
    }
}
