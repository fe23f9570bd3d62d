using System.Net;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Web.Tests.Infrastructure;
using Npgsql;

namespace Lotgenoten.Web.Tests.Features.Health;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Get_DatabaseAnswers_Returns200Healthy()
    {
        using var factory = new LotgenotenWebFactory();
        using var client = factory.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("Healthy");
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/plain");
    }

    [Fact]
    public async Task Get_DatabaseUnreachable_Returns503()
    {
        // On SQLite the connection string names a directory, which SQLite cannot open as a database; on PostgreSQL it
        // names a database that the server does not have.
        var directory = Path.Combine(Path.GetTempPath(), "lotgenoten-web-tests", Guid.NewGuid().ToString("N"), "not-a-database");
        Directory.CreateDirectory(directory);
        var unreachable = WebTestDatabase.DefaultProvider == DatabaseProvider.Postgres
            ? new NpgsqlConnectionStringBuilder(WebTestDatabase.AdminConnectionString()) { Database = "no_such_database_" + Guid.NewGuid().ToString("N") }.ToString()
            : $"Data Source={directory}";
        using var factory = new LotgenotenWebFactory(settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Lotgenoten"] = unreachable,
            ["Database:MigrateOnStartup"] = "false",
        });
        using var client = factory.CreateNonRedirectingClient();

        try
        {
            using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("Unhealthy");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(directory)!, recursive: true);
        }
    }
}
