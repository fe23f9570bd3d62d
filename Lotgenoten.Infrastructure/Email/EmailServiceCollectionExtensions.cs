using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lotgenoten.Infrastructure.Email;

/// <summary>Registers the outbox.</summary>
public static class EmailServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IOutbox"/>, <see cref="OutboxDispatcher"/> (a singleton, also the hosted service: it returns at
    /// once when <c>Smtp:DispatcherEnabled</c> is false), <see cref="OutboxMaintenance"/> and <see cref="SmtpOptions"/>
    /// (section <c>Smtp</c>, validated at start). Needs the database, <c>IFieldProtector</c> and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddEmail(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IOutbox, Outbox>();
        services.TryAddSingleton<OutboxDispatcher>();
        services.TryAddSingleton<OutboxMaintenance>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }
}
