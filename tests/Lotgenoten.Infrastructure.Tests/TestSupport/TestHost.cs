using Lotgenoten.Infrastructure.Protection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lotgenoten.Infrastructure.Tests.TestSupport;

/// <summary>Fixed test keys (never used anywhere else).</summary>
public static class TestKeys
{
    public static readonly string KeyEncryptionKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    public static readonly string OtherKeyEncryptionKey = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());
    public static readonly string BlindIndexKey = Convert.ToBase64String(Enumerable.Range(51, 32).Select(i => (byte)i).ToArray());

    public static DataProtectionKeyOptions Options(string? kek = null, string? blindIndexKey = null) => new()
    {
        KeyEncryptionKey = kek ?? KeyEncryptionKey,
        BlindIndexKey = blindIndexKey ?? BlindIndexKey,
    };
}

/// <summary>A host with <c>AddInfrastructure</c>, as the web app builds it, with test settings.</summary>
public static class TestHost
{
    /// <summary>
    /// Builds a host (not started). Settings: the database's, then test keys and <c>Demo:Seed=false</c>, then
    /// <paramref name="settings"/> (a null value removes a setting).
    /// </summary>
    public static IHost Build(
        TestDatabase? database = null,
        IEnumerable<KeyValuePair<string, string?>>? settings = null,
        string environment = "Testing",
        string? contentRoot = null,
        ILoggerProvider? logger = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = environment,
            ContentRootPath = contentRoot ?? AppContext.BaseDirectory,
        });

        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["DataProtection:KeyEncryptionKey"] = TestKeys.KeyEncryptionKey,
            ["DataProtection:BlindIndexKey"] = TestKeys.BlindIndexKey,
            ["Demo:Seed"] = "false",
        };
        foreach (var (key, value) in database?.Settings ?? [])
        {
            values[key] = value;
        }

        foreach (var (key, value) in settings ?? [])
        {
            if (value is null)
            {
                values.Remove(key);
            }
            else
            {
                values[key] = value;
            }
        }

        builder.Configuration.AddInMemoryCollection(values);
        if (logger is not null)
        {
            builder.Logging.AddProvider(logger);
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
        }

        services?.Invoke(builder.Services);
        builder.AddInfrastructure();
        return builder.Build();
    }
}
