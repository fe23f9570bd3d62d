namespace Lotgenoten.Web.Features.Audit;

/// <summary>Registers the audit log.</summary>
public static class AuditSetup
{
    /// <summary>The audit log service (scoped: one per circuit or request).</summary>
    public static IServiceCollection AddAuditLog(this IServiceCollection services)
    {
        services.AddScoped<AuditLogService>();
        return services;
    }
}
