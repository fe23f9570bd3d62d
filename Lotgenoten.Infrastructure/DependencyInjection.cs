using Lotgenoten.Infrastructure.Calendar;
using Lotgenoten.Infrastructure.Calendar.Feeds;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Email;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Infrastructure.Retention;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Infrastructure;

/// <summary>Registers the infrastructure: database, Data Protection, field encryption, clock.</summary>
public static class DependencyInjection
{
    /// <summary>The Data Protection application name: keys are shared by every instance of the portal.</summary>
    public const string ApplicationName = "Lotgenoten";

    /// <summary>
    /// Registers <see cref="IDbContextFactory{LotgenotenDbContext}"/> (one short-lived context per operation) and a scoped
    /// <see cref="LotgenotenDbContext"/> (for Identity's stores and Data Protection) on the provider of
    /// <c>Database:Provider</c>; Data Protection with its key ring in the database, encrypted by the key-encryption key;
    /// <see cref="IFieldProtector"/>; <see cref="TimeProvider.System"/> unless a clock is registered; and the options
    /// <see cref="DatabaseOptions"/>, <see cref="DemoOptions"/>, <see cref="DataProtectionKeyOptions"/>, validated at start.
    /// </summary>
    public static IHostApplicationBuilder AddInfrastructure(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>());
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        AddDatabase(services);
        AddProtection(services);
        services.AddCalendar();
        services.AddEmail();
        services.AddRetention();
        return builder;
    }

    /// <summary>
    /// Adds the health check <c>database</c>: healthy when the configured database answers, unhealthy otherwise.
    /// Map it with <c>app.MapHealthChecks("/health")</c> (200 <c>Healthy</c> / 503 <c>Unhealthy</c>).
    /// </summary>
    public static IHealthChecksBuilder AddDatabaseCheck(this IHealthChecksBuilder builder, string name = "database")
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<DatabaseHealthCheck>(name, HealthStatus.Unhealthy, ["database"], TimeSpan.FromSeconds(10));
    }

    private static void AddDatabase(IServiceCollection services)
    {
        // The model depends on Identity's schema version: pin it so that it matches the migrations whoever configures Identity.
        services.AddOptions<IdentityOptions>().PostConfigure(IdentitySchema.Pin);

        // Both providers are registered; the options say which one the base type resolves to.
        // Every write moves CalendarFeedChanges.Generation, so that cached feed lookups are never served stale.
        services.TryAddSingleton<CalendarFeedChanges>();
        services.AddDbContextFactory<SqliteLotgenotenDbContext>((sp, options) =>
            options.UseSqlite(ConnectionString(sp, DatabaseProvider.Sqlite))
                .AddInterceptors(sp.GetRequiredService<CalendarFeedChanges>().Interceptor));
        services.AddDbContextFactory<PostgresLotgenotenDbContext>((sp, options) =>
            options.UseNpgsql(ConnectionString(sp, DatabaseProvider.Postgres))
                .AddInterceptors(sp.GetRequiredService<CalendarFeedChanges>().Interceptor));

        services.AddSingleton<IDbContextFactory<LotgenotenDbContext>>(sp =>
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider switch
            {
                DatabaseProvider.Postgres => new DbContextFactoryAdapter<PostgresLotgenotenDbContext>(
                    sp.GetRequiredService<IDbContextFactory<PostgresLotgenotenDbContext>>()),
                _ => new DbContextFactoryAdapter<SqliteLotgenotenDbContext>(
                    sp.GetRequiredService<IDbContextFactory<SqliteLotgenotenDbContext>>()),
            });
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContext());
    }

    private static string ConnectionString(IServiceProvider sp, DatabaseProvider provider) =>
        DatabaseConnection.Resolve(provider, sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>());

    private static void AddProtection(IServiceCollection services)
    {
        services.AddOptions<DataProtectionKeyOptions>()
            .BindConfiguration(DataProtectionKeyOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IPostConfigureOptions<DataProtectionKeyOptions>, DevelopmentProtectionKeys>());
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<DataProtectionKeyOptions>, DataProtectionKeyOptionsValidator>());
        services.TryAddSingleton<ProtectionKeys>();

        // Keys live in the database, each encrypted with the key-encryption key. Expired keys stay to decrypt old data:
        // nothing here ever deletes a key.
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<LotgenotenDbContext>();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(options =>
                options.XmlEncryptor = new KeyEncryptionKeyXmlEncryptor(sp.GetRequiredService<ProtectionKeys>())));

        services.TryAddSingleton<IFieldProtector, FieldProtector>();
    }
}
