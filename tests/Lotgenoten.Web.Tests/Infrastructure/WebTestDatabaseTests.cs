using Lotgenoten.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Lotgenoten.Web.Tests.Infrastructure;

/// <summary>
/// The web tests' databases: a host runs on the provider that <c>LOTGENOTEN_WEB_TESTS_DATABASE</c> names (so that the
/// PostgreSQL run of ./test.sh really is one), and a PostgreSQL database lives exactly as long as its host.
/// </summary>
public sealed class WebTestDatabaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Factory_WithoutProvider_RunsTheAppOnTheWebTestsProvider()
    {
        var expected = string.Equals(Environment.GetEnvironmentVariable(WebTestDatabase.ProviderVariable), "Postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;
        await using var factory = new LotgenotenWebFactory();

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);

        (WebTestDatabase.DefaultProvider, factory.Provider, factory.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider)
            .ShouldBe((expected, expected, expected));
        db.Database.ProviderName.ShouldBe(expected == DatabaseProvider.Postgres
            ? "Npgsql.EntityFrameworkCore.PostgreSQL"
            : "Microsoft.EntityFrameworkCore.Sqlite");
        db.Database.GetConnectionString().ShouldBe(factory.Database.ConnectionString);
    }

    [Fact]
    public async Task Factory_OnPostgres_HasItsOwnDatabaseUntilDisposedEvenWithConnectionsOpen()
    {
        var first = new LotgenotenWebFactory(provider: DatabaseProvider.Postgres);
        string name;
        await using (var second = new LotgenotenWebFactory(provider: DatabaseProvider.Postgres))
        {
            name = first.Database.PostgresName!;
            name.ShouldStartWith("lotgenoten_web_test_");
            second.Database.PostgresName.ShouldNotBe(name);
            new NpgsqlConnectionStringBuilder(first.Database.ConnectionString).MaxPoolSize.ShouldBe(WebTestDatabase.PostgresPoolSize);
            (await DatabaseExistsAsync(name)).ShouldBeTrue();

            await using var open = first.Database.CreateConnection();
            await open.OpenAsync(Ct);
            await first.DisposeAsync();

            (await DatabaseExistsAsync(name)).ShouldBeFalse();
            (await DatabaseExistsAsync(second.Database.PostgresName!)).ShouldBeTrue();
        }
    }

    private static async Task<bool> DatabaseExistsAsync(string name)
    {
        await using var admin = new NpgsqlConnection(WebTestDatabase.AdminConnectionString());
        await admin.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", admin);
        command.Parameters.AddWithValue("name", name);
        return (long)(await command.ExecuteScalarAsync(Ct))! == 1;
    }
}
