using FluentValidation;

namespace Lotgenoten.Web.Features.Meetings;

/// <summary>Registers the meeting planner.</summary>
public static class MeetingsServiceCollectionExtensions
{
    /// <summary>The planner, the invites it queues (both scoped) and the validators of its forms.</summary>
    public static IServiceCollection AddMeetings(this IServiceCollection services)
    {
        services.AddScoped<MeetingInvites>();
        services.AddScoped<PlannerService>();
        services.AddScoped<IValidator<SeriesInput>, SeriesInputValidator>();
        services.AddScoped<IValidator<MeetingInput>, MeetingInputValidator>();
        return services;
    }
}
