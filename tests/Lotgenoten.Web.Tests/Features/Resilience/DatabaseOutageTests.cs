using System.Diagnostics;
using System.Net;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Web.Tests.Features.Security.Transport;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lotgenoten.Web.Tests.Features.Resilience;

/// <summary>
/// The database server stops while the app runs (a PostgreSQL cluster of the test's own, stopped and started with
/// pg_ctl): a page that needs it answers at once with the app's neutral error page (500, no stack trace), <c>/health</c>
/// answers 503, and when the server is back the app recovers by itself, without a restart.
/// </summary>
public sealed class DatabaseOutageTests
{
    private const string Passphrase = "de-server-komt-terug";
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Request_DatabaseStopsAndReturns_ErrorPageThen503ThenRecovers()
    {
        using var postgres = await PrivatePostgres.CreateAsync(Ct);
        using var factory = new LotgenotenWebFactory("Production", new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Lotgenoten"] = postgres.ConnectionString,
        });
        var log = new CapturingLoggerProvider();
        using var app = factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(log)));
        var userName = await CreateParticipantAsync(app.Services);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = SecurityHeadersTests.ProductionAddress,
        });
        client.Timeout = NoHang;
        try
        {
            await SignInAsync(client, userName);
        }
        catch (Exception)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', log.Entries.Select(e => $"{e.Category} {e.EventId} {e.Message}")));
            throw;
        }

        (await HomeAsync(client)).ShouldBe((HttpStatusCode.OK, $"Welkom, {userName}"));
        (await HealthAsync(client)).ShouldBe(HttpStatusCode.OK);

        await postgres.StopAsync(Ct);

        var watch = Stopwatch.StartNew();
        using (var page = await client.GetAsync(new Uri("/mijn", UriKind.Relative), Ct))
        {
            var html = await page.Content.ReadAsStringAsync(Ct);
            page.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
            HttpResponseExtensions.H1(html).ShouldBe("Er ging iets mis");
            html.ShouldNotContain("Npgsql");
            html.ShouldNotContain("Exception");
            html.ShouldNotContain(" at Lotgenoten");
        }

        watch.Elapsed.ShouldBeLessThan(NoHang);
        (await HealthAsync(client)).ShouldBe(HttpStatusCode.ServiceUnavailable);

        await postgres.StartAsync(Ct);

        // No restart: the connection pool drops the dead connections and the next requests work.
        var recovery = Stopwatch.StartNew();
        while (await HealthAsync(client) != HttpStatusCode.OK)
        {
            recovery.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30), "the app did not recover after the database came back");
            await Task.Delay(100, Ct);
        }

        (await HomeAsync(client)).ShouldBe((HttpStatusCode.OK, $"Welkom, {userName}"));
        TestContext.Current.TestOutputHelper?.WriteLine($"error page after {watch.Elapsed.TotalMilliseconds:F0} ms; healthy again {recovery.Elapsed.TotalMilliseconds:F0} ms after the restart");
    }

    private static async Task<(HttpStatusCode, string)> HomeAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/mijn", UriKind.Relative), Ct);
        return (response.StatusCode, HttpResponseExtensions.H1(await response.Content.ReadAsStringAsync(Ct)));
    }

    private static async Task<HttpStatusCode> HealthAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), Ct);
        return response.StatusCode;
    }

    private static async Task SignInAsync(HttpClient client, string userName)
    {
        var page = await client.GetStringAsync(new Uri("/deelnemer/aanmelden", UriKind.Relative), Ct);
        using var response = await client.PostAsync(new Uri("/deelnemer/aanmelden", UriKind.Relative), new FormUrlEncodedContent(
        [
            new("_handler", "participant-login"),
            new("__RequestVerificationToken", HttpResponseExtensions.AntiforgeryToken(page)),
            new("Input.UserName", userName),
            new("Input.Passphrase", Passphrase),
        ]), Ct);
        response.RedirectTarget().ShouldBe("/mijn");
    }

    private static async Task<string> CreateParticipantAsync(IServiceProvider services)
    {
        var userName = "deelnemer-" + Guid.NewGuid().ToString("N")[..8];
        using var scope = services.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<UserManager<ParticipantUser>>()
            .CreateAsync(new ParticipantUser { UserName = userName }, Passphrase);
        created.Succeeded.ShouldBeTrue(string.Join(", ", created.Errors.Select(e => e.Code)));
        return userName;
    }
}
