using Lotgenoten.Web.Features.Notes;

namespace Lotgenoten.Web.Features.Safeguarding;

/// <summary>Registers facilitator notes and the safeguarding queue.</summary>
public static class SafeguardingSetup
{
    /// <summary>
    /// The note and concern services (scoped: one per circuit or request, each opening its own short-lived context), the
    /// concern mail, its options, and the one change notifier the navigation badges listen to (a singleton without user data).
    /// </summary>
    public static IServiceCollection AddNotesAndSafeguarding(this IServiceCollection services)
    {
        services.AddOptions<SafeguardingOptions>()
            .BindConfiguration(SafeguardingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ConcernNotifier>();
        services.AddScoped<ConcernMail>();
        services.AddScoped<NoteService>();
        services.AddScoped<ConcernService>();
        return services;
    }
}
