using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lotgenoten.Infrastructure.Calendar;

/// <summary>Registers the iCalendar writer.</summary>
public static class CalendarServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ICalendarWriter"/> (a singleton: it holds no user state) and <see cref="CalendarOptions"/> from the
    /// section <c>Calendar</c>, validated at start. Needs a <see cref="TimeProvider"/> (AddInfrastructure registers one).
    /// </summary>
    public static IServiceCollection AddCalendar(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<CalendarOptions>().BindConfiguration(CalendarOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICalendarWriter, CalendarWriter>();
        return services;
    }
}
