using System.Net;
using Lotgenoten.Web.Tests.Infrastructure;

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
        // The connection string names a directory: SQLite cannot open it as a database.
        var directory = Path.Combine(Path.GetTempPath(), "lotgenoten-web-tests", Guid.NewGuid().ToString("N"), "not-a-database");
        Directory.CreateDirectory(directory);
        using var factory = new LotgenotenWebFactory(settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Lotgenoten"] = $"Data Source={directory}",
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
