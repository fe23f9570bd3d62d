using Lotgenoten.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lotgenoten.Infrastructure.Tests.TestSupport;

/// <summary>
/// Base of data tests: derive an abstract class with the cases, then one sealed class per provider
/// (<c>class SqliteXTests(SqliteTestDatabase db) : XTests&lt;SqliteTestDatabase&gt;(db);</c> and the PostgreSQL twin).
/// The class's database is migrated before each test; <see cref="Host"/> is a fresh host per test.
/// </summary>
public abstract class DatabaseTest<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private IHost? host;

    protected TDatabase Database => database;

    protected IHost Host => host ?? throw new InvalidOperationException("Not initialised.");

    protected IServiceProvider Services => Host.Services;

    protected IDbContextFactory<LotgenotenDbContext> DbFactory => Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>();

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Builds another host on the same database (e.g. with other keys), disposed with the test.</summary>
    protected IHost CreateHost(
        IEnumerable<KeyValuePair<string, string?>>? settings = null,
        string environment = "Testing",
        ILoggerProvider? logger = null,
        Action<IServiceCollection>? services = null)
    {
        var extra = TestHost.Build(database, settings, environment, logger: logger, services: services);
        extraHosts.Add(extra);
        return extra;
    }

    private readonly List<IHost> extraHosts = [];

    /// <summary>Registrations the test host adds to <c>AddInfrastructure</c>.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public virtual async ValueTask InitializeAsync()
    {
        host = TestHost.Build(database, services: ConfigureServices);
        await database.MigrateAsync(host.Services);
    }

    public virtual ValueTask DisposeAsync()
    {
        foreach (var extra in extraHosts)
        {
            extra.Dispose();
        }

        host?.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
