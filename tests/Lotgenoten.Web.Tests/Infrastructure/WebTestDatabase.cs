using System.Collections.Concurrent;
using System.Data.Common;
using Lotgenoten.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Lotgenoten.Web.Tests.Infrastructure;

/// <summary>
/// The app database of one web test host: a SQLite file, or a fresh database with a random name on the throwaway
/// PostgreSQL server named by <see cref="PostgresVariable"/>, dropped on dispose. The web tests run on SQLite unless
/// <see cref="ProviderVariable"/> is <c>Postgres</c> (./test.sh runs the project once on each). Tests reach the data
/// without the app through <see cref="CreateDbContext"/> and <see cref="CreateConnection"/>, whichever the provider.
/// </summary>
public sealed class WebTestDatabase : IDisposable
{
    /// <summary>Chooses the provider of every web test host that does not ask for one: <c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    public const string ProviderVariable = "LOTGENOTEN_WEB_TESTS_DATABASE";

    /// <summary>An admin connection string of the throwaway PostgreSQL server (./test.sh sets it).</summary>
    public const string PostgresVariable = "LOTGENOTEN_TEST_POSTGRES";

    /// <summary>Connections one PostgreSQL test database may hold: the web tests run hosts in parallel on one server.</summary>
    public const int PostgresPoolSize = 20;

    // PostgreSQL databases not dropped yet: a host a test forgot to dispose must not leave its database behind.
    private static readonly ConcurrentDictionary<WebTestDatabase, byte> Undropped = new();

    private readonly string? _adminConnectionString;
    private readonly string? _folder;
    private int _disposed;

    static WebTestDatabase() =>
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var database in Undropped.Keys)
            {
                try
                {
                    database.Dispose();
                }
                catch (NpgsqlException)
                {
                    // The server is gone already: the test command removes the whole throwaway cluster anyway.
                }
            }
        };

    private WebTestDatabase(DatabaseProvider provider, string connectionString, string? filePath, string? adminConnectionString, string? folder)
    {
        Provider = provider;
        ConnectionString = connectionString;
        FilePath = filePath;
        _adminConnectionString = adminConnectionString;
        _folder = folder;
    }

    /// <summary>The provider of <see cref="ProviderVariable"/>; SQLite when it is not set.</summary>
    public static DatabaseProvider DefaultProvider { get; } = ReadDefaultProvider();

    public DatabaseProvider Provider { get; }

    /// <summary>The app's connection string (<c>ConnectionStrings:Lotgenoten</c>).</summary>
    public string ConnectionString { get; }

    /// <summary>The SQLite file; null on PostgreSQL.</summary>
    public string? FilePath { get; }

    /// <summary>The PostgreSQL database name; null on SQLite.</summary>
    public string? PostgresName => Provider == DatabaseProvider.Postgres ? new NpgsqlConnectionStringBuilder(ConnectionString).Database : null;

    /// <summary>Settings that point the app at this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = Provider.ToString(),
        ["ConnectionStrings:Lotgenoten"] = ConnectionString,
    };

    /// <summary>
    /// A database of <paramref name="provider"/> (default <see cref="DefaultProvider"/>). A SQLite file is created in
    /// <paramref name="folder"/> (which the caller deletes) or in a folder of its own (deleted on dispose).
    /// </summary>
    public static WebTestDatabase Create(DatabaseProvider? provider = null, string? folder = null)
    {
        if ((provider ?? DefaultProvider) == DatabaseProvider.Postgres)
        {
            var admin = AdminConnectionString();
            var name = "lotgenoten_web_test_" + Guid.NewGuid().ToString("N");
            using (var connection = new NpgsqlConnection(admin))
            {
                connection.Open();
                using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                create.ExecuteNonQuery();
            }

            // A small pool whose idle connections close soon: many hosts share one server, and a few may be left undisposed.
            var connectionString = new NpgsqlConnectionStringBuilder(admin)
            {
                Database = name,
                MaxPoolSize = PostgresPoolSize,
                ConnectionIdleLifetime = 15,
            }.ToString();
            var database = new WebTestDatabase(DatabaseProvider.Postgres, connectionString, null, admin, null);
            Undropped.TryAdd(database, 0);
            return database;
        }

        var owned = folder is null ? Path.Combine(Path.GetTempPath(), "lotgenoten-web-tests", "db-" + Guid.NewGuid().ToString("N")) : null;
        var directory = folder ?? owned!;
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "lotgenoten.db");
        return new WebTestDatabase(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = file }.ToString(), file, null, owned);
    }

    /// <summary>The admin connection string of <see cref="PostgresVariable"/>; without it PostgreSQL tests fail rather than pass silently.</summary>
    public static string AdminConnectionString()
    {
        var value = Environment.GetEnvironmentVariable(PostgresVariable);
        return string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException(
                $"PostgreSQL tests need a throwaway server: set {PostgresVariable} to an admin connection string, for example " +
                "\"Host=127.0.0.1;Port=5433;Username=postgres\" (./test.sh starts a server and sets it).")
            : value;
    }

    /// <summary>
    /// A context on this database that is not the app's (none of its interceptors, so none of its change signals), as
    /// another instance of the portal would have. The caller disposes it.
    /// </summary>
    public LotgenotenDbContext CreateDbContext() => Provider == DatabaseProvider.Postgres
        ? new PostgresLotgenotenDbContext(new DbContextOptionsBuilder<PostgresLotgenotenDbContext>().UseNpgsql(ConnectionString).Options)
        : new SqliteLotgenotenDbContext(new DbContextOptionsBuilder<SqliteLotgenotenDbContext>().UseSqlite(ConnectionString).Options);

    /// <summary>A closed ADO.NET connection to this database; the caller opens and disposes it.</summary>
    public DbConnection CreateConnection() => Provider == DatabaseProvider.Postgres
        ? new NpgsqlConnection(ConnectionString)
        : new SqliteConnection(ConnectionString);

    /// <summary>Closes the pooled connections to this database (SQLite keeps the file open otherwise).</summary>
    public void ClearPool()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            using var connection = new NpgsqlConnection(ConnectionString);
            NpgsqlConnection.ClearPool(connection);
        }
        else
        {
            using var connection = new SqliteConnection(ConnectionString);
            SqliteConnection.ClearPool(connection);
        }
    }

    /// <summary>Drops the PostgreSQL database (even with connections still open) or deletes the SQLite folder this owns.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        ClearPool();
        if (_adminConnectionString is not null)
        {
            using var admin = new NpgsqlConnection(_adminConnectionString);
            admin.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{PostgresName}\" WITH (FORCE)", admin);
            drop.ExecuteNonQuery();
            Undropped.TryRemove(this, out _);
        }

        if (_folder is not null)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow machine: the temp folder is cleaned up by the OS.
            }
        }
    }

    private static DatabaseProvider ReadDefaultProvider()
    {
        var value = Environment.GetEnvironmentVariable(ProviderVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }

        return Enum.TryParse<DatabaseProvider>(value.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new InvalidOperationException($"{ProviderVariable} is '{value}': use Sqlite or Postgres.");
    }
}
