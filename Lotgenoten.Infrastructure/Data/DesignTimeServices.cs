using Lotgenoten.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lotgenoten.Infrastructure.Data;

/// <summary>
/// The few application services that shape the model at design time exactly as <see cref="DependencyInjection.AddInfrastructure"/>
/// does at run time (the Identity schema version).
/// </summary>
internal static class DesignTimeServices
{
    private static readonly Lazy<IServiceProvider> Services = new(() =>
    {
        var services = new ServiceCollection();
        services.AddOptions<IdentityOptions>().PostConfigure(IdentitySchema.Pin);
        return services.BuildServiceProvider();
    });

    public static IServiceProvider Instance => Services.Value;
}
