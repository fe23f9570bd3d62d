using Lotgenoten.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Lotgenoten.Infrastructure.Tests.TestSupport;

/// <summary>
/// A uniquely named, empty database for one test class (an xunit class fixture), dropped afterwards. Data tests derive
/// from <see cref="DatabaseTest{TDatabase}"/> once per provider, so the same cases run on SQLite and PostgreSQL.
/// </summary>
public abstract class TestDatabase : IAsyncLifetime
{
    private readonly SemaphoreSlim migrateLock = new(1, 1);
    private bool migrated;

    public abstract DatabaseProvider Provider { get; }

    public string ConnectionString { get; protected set; } = "";

    /// <summary>Settings that point <c>AddInfrastructure</c> at this database.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Database:Provider", Provider.ToString()),
        new("ConnectionStrings:Lotgenoten", ConnectionString),
    ];

    /// <summary>Applies the migrations once for the class (tests that need an empty database do not call it).</summary>
    public async Task MigrateAsync(IServiceProvider services)
    {
        await migrateLock.WaitAsync();
        try
        {
            if (!migrated)
            {
                await using var db = await services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync();
                await db.Database.MigrateAsync();
                migrated = true;
            }
        }
        finally
        {
            migrateLock.Release();
        }
    }

    public abstract ValueTask InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        await DropAsync();
        migrateLock.Dispose();
        GC.SuppressFinalize(this);
    }

    protected abstract Task DropAsync();
}

/// <summary>A fresh SQLite file in its own temporary folder.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "lotgenoten-tests", Guid.NewGuid().ToString("N"));

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string FilePath => Path.Combine(folder, "lotgenoten.db");

    public override ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = FilePath }.ToString();
        return ValueTask.CompletedTask;
    }

    protected override Task DropAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// A fresh database on the throwaway PostgreSQL server named by <see cref="Variable"/>. Without it the tests fail: a
/// PostgreSQL test that silently passes would hide exactly the differences it is there to find.
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    public const string Variable = "LOTGENOTEN_TEST_POSTGRES";

    private string? adminConnectionString;
    private readonly string name = "lotgenoten_test_" + Guid.NewGuid().ToString("N");

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public static string AdminConnectionString()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        return string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException(
                $"PostgreSQL tests need a throwaway server: set {Variable} to an admin connection string, for example " +
                $"\"Host=127.0.0.1;Port=5433;Username=postgres\" (./test.sh starts a server and sets it).")
            : value;
    }

    public override async ValueTask InitializeAsync()
    {
        adminConnectionString = AdminConnectionString();
        await using (var admin = new NpgsqlConnection(adminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ToString();
    }

    protected override async Task DropAsync()
    {
        if (adminConnectionString is null)
        {
            return;
        }

        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await using var admin = new NpgsqlConnection(adminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
