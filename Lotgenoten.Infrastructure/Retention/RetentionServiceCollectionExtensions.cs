using Lotgenoten.Infrastructure.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lotgenoten.Infrastructure.Retention;

/// <summary>Registers retention.</summary>
public static class RetentionServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RetentionOptions"/> (section <c>Retention</c>, validated at start), <see cref="IRetentionJob"/>
    /// (<see cref="RetentionJob"/>, a singleton: it holds no state), <see cref="IDailyRunClaims"/> (one instance of several
    /// runs a day's job) and the daily <see cref="RetentionBackgroundService"/>.
    /// </summary>
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IRetentionJob, RetentionJob>();
        services.TryAddSingleton<IDailyRunClaims, DailyRunClaims>();
        services.AddHostedService<RetentionBackgroundService>();
        return services;
    }
}
