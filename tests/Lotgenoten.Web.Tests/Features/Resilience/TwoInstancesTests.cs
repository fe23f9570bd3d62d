using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Email;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Infrastructure.Retention;
using Lotgenoten.Infrastructure.Scheduling;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using netDumbster.smtp;

namespace Lotgenoten.Web.Tests.Features.Resilience;

/// <summary>
/// Two instances of the app on one PostgreSQL database (as behind a load balancer), with the same key-encryption key:
/// every outbox mail leaves once although both dispatchers run, the daily retention run happens once although both are
/// due at the same instant, and what one instance protects (a participant's cookie, an antiforgery token, an encrypted
/// field) the other reads. Always PostgreSQL: it is the database of several instances.
/// </summary>
public sealed class TwoInstancesTests : IDisposable
{
    private const string Passphrase = "twee-servers-een-database";

    private readonly WebTestDatabase _database = WebTestDatabase.Create(DatabaseProvider.Postgres);
    private readonly string _keyEncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string _blindIndexKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly List<LotgenotenWebFactory> _factories = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        foreach (var factory in _factories)
        {
            factory.Dispose();
        }

        _database.Dispose();
    }

    [Fact]
    public async Task Outbox_BothDispatchersRunning_EveryMailSentExactlyOnce()
    {
        const int Mails = 150;
        var port = FreePort();
        using var smtp = Configuration.Configure().WithAddress(IPAddress.Loopback).WithPort(port).Build();
        var mailSettings = new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Smtp:SecureSocketOptions"] = "None",
            ["Smtp:DispatcherEnabled"] = "true",
            ["Smtp:PollInterval"] = "00:00:00.05",
            ["Smtp:BatchSize"] = "20",
        };
        var a = Start(mailSettings);
        var b = Start(mailSettings);

        await using (var db = await a.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct))
        {
            var outbox = a.Services.GetRequiredService<IOutbox>();
            for (var i = 0; i < Mails; i++)
            {
                outbox.Enqueue(db, new OutgoingEmail($"lid{i}@example.org", "Agenda", $"Bericht {i}", null, "test"));
            }

            await db.SaveChangesAsync(Ct);
        }

        // Until every row is marked sent, then a few more passes of both dispatchers: nothing may come after.
        await WaitUntilAsync(async () => await CountAsync(m => m.Status == OutboxStatus.Sent) == Mails, TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        await WaitUntilAsync(() => Task.FromResult(smtp.ReceivedEmailCount >= Mails), TimeSpan.FromSeconds(10));

        var received = smtp.ReceivedEmail.ToList();
        received.Count.ShouldBe(Mails);
        received.Select(m => m.ToAddresses.Single().Address).Order(StringComparer.Ordinal)
            .ShouldBe(Enumerable.Range(0, Mails).Select(i => $"lid{i}@example.org").Order(StringComparer.Ordinal));
        received.Select(m => m.Headers["Message-ID"]).Distinct().Count().ShouldBe(Mails);
        var (sentByA, sentByB) = (a.Log.Count(3002), b.Log.Count(3002));
        (sentByA + sentByB).ShouldBe(Mails);
        (a.Log.Count(3011) + b.Log.Count(3011)).ShouldBe(0); // no mail was sent by one and marked by nobody
        TestContext.Current.TestOutputHelper?.WriteLine($"sent by instance A: {sentByA}, by instance B: {sentByB}");
    }

    [Fact]
    public async Task Retention_BothInstancesDueAtOnce_OneRunOneAuditEvent()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));
        var settings = new Dictionary<string, string?> { ["Retention:Enabled"] = "true", ["Smtp:DispatcherEnabled"] = "false" };
        var a = Start(settings, clock);
        var b = Start(settings, clock);
        await using (var db = _database.CreateDbContext())
        {
            // Something for the run to do: an audit event older than the 24 months audit events are kept.
            db.Add(AuditEvent.Record("coordinator", AuditKind.NoteRead, "FacilitatorNote", Guid.NewGuid().ToString(), clock.GetUtcNow().AddYears(-3)));
            await db.SaveChangesAsync(Ct);
        }

        (await a.Log.WaitForAsync(6602, 1, TimeSpan.FromSeconds(30), Ct)).ShouldBeTrue("instance A never scheduled its run");
        (await b.Log.WaitForAsync(6602, 1, TimeSpan.FromSeconds(30), Ct)).ShouldBeTrue("instance B never scheduled its run");

        clock.Advance(TimeSpan.FromHours(17)); // 2026-11-30 03:00 UTC: 04:00 in Brussels, both runs (03:30) are due

        // Each instance has finished its turn once it scheduled the next day's run.
        (await a.Log.WaitForAsync(6602, 2, TimeSpan.FromSeconds(30), Ct)).ShouldBeTrue("instance A did not finish its turn");
        (await b.Log.WaitForAsync(6602, 2, TimeSpan.FromSeconds(30), Ct)).ShouldBeTrue("instance B did not finish its turn");
        (a.Log.Count(6600) + b.Log.Count(6600)).ShouldBe(1);
        (a.Log.Count(6604) + b.Log.Count(6604)).ShouldBe(1);
        (a.Log.Count(6601) + b.Log.Count(6601)).ShouldBe(0);
        await using (var db = _database.CreateDbContext())
        {
            var events = await db.Set<AuditEvent>().AsNoTracking().ToListAsync(Ct);
            events.Select(e => (e.Kind, e.EntityId)).ShouldBe([(AuditKind.RetentionRun, "e=0 n=0 a=1 u=0 o=0 i=0")]);
            var runs = await db.Set<ScheduledRun>().AsNoTracking().ToListAsync(Ct);
            runs.Select(r => (r.Job, r.Day)).ShouldBe([(RetentionBackgroundService.JobName, new DateOnly(2026, 11, 30))]);
        }
    }

    [Fact]
    public async Task DataProtection_CookieTokenAndFieldFromOneInstance_WorkOnTheOther()
    {
        var a = Start(new Dictionary<string, string?>());
        var b = Start(new Dictionary<string, string?>());
        var userName = "deelnemer-" + Guid.NewGuid().ToString("N")[..8];
        using (var scope = a.Services.CreateScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<UserManager<ParticipantUser>>()
                .CreateAsync(new ParticipantUser { UserName = userName }, Passphrase);
            created.Succeeded.ShouldBeTrue(string.Join(", ", created.Errors.Select(e => e.Code)));
        }

        // Both instances have made keys of their own before they meet each other's data (as after a rolling start).
        var cookies = new System.Net.CookieContainer();
        using var clientA = a.Host.CreateDefaultClient(new CookieContainerHandler(cookies));
        using var clientB = b.Host.CreateDefaultClient(new CookieContainerHandler(cookies));
        _ = b.Services.GetRequiredService<IFieldProtector>().Protect("test", "b");

        // The antiforgery token and cookie come from A, the form goes to B.
        var page = await clientA.GetStringAsync(new Uri("/deelnemer/aanmelden", UriKind.Relative), Ct);
        using var signIn = await clientB.PostAsync(new Uri("/deelnemer/aanmelden", UriKind.Relative), new FormUrlEncodedContent(
        [
            new("_handler", "participant-login"),
            new("__RequestVerificationToken", HttpResponseExtensions.AntiforgeryToken(page)),
            new("Input.UserName", userName),
            new("Input.Passphrase", Passphrase),
        ]), Ct);
        signIn.RedirectTarget().ShouldBe("/mijn");

        // The sign-in cookie comes from B, the page from A.
        using var home = await clientA.GetAsync(new Uri("/mijn", UriKind.Relative), Ct);
        home.StatusCode.ShouldBe(HttpStatusCode.OK);
        HttpResponseExtensions.H1(await home.Content.ReadAsStringAsync(Ct)).ShouldBe($"Welkom, {userName}");

        // An encrypted field written by either instance is read by the other.
        var protectorA = a.Services.GetRequiredService<IFieldProtector>();
        var protectorB = b.Services.GetRequiredService<IFieldProtector>();
        protectorB.Unprotect(ProtectionPurposes.ReferralEmail, protectorA.Protect(ProtectionPurposes.ReferralEmail, "lid@example.org")).ShouldBe("lid@example.org");
        protectorA.Unprotect(ProtectionPurposes.ReferralEmail, protectorB.Protect(ProtectionPurposes.ReferralEmail, "lid@example.org")).ShouldBe("lid@example.org");
    }

    private sealed record Instance(WebApplicationFactory<Program> Host, CapturingLoggerProvider Log)
    {
        public IServiceProvider Services => Host.Services;
    }

    /// <summary>Starts one instance on the shared database with the shared keys (the first one migrates it).</summary>
    private Instance Start(IReadOnlyDictionary<string, string?> settings, TimeProvider? clock = null)
    {
        var all = new Dictionary<string, string?>(settings)
        {
            ["DataProtection:KeyEncryptionKey"] = _keyEncryptionKey,
            ["DataProtection:BlindIndexKey"] = _blindIndexKey,
        };
        var factory = new LotgenotenWebFactory(settings: all, database: _database);
        _factories.Add(factory);
        var log = new CapturingLoggerProvider();
        var host = factory.WithWebHostBuilder(builder =>
        {
            builder.ConfigureLogging(logging => logging.AddProvider(log));
            if (clock is not null)
            {
                builder.ConfigureTestServices(services => services.AddSingleton(clock));
            }
        });
        _ = host.Services; // starts the host and its background services
        return new Instance(host, log);
    }

    private async Task<int> CountAsync(System.Linq.Expressions.Expression<Func<OutboxMessage, bool>> predicate)
    {
        await using var db = _database.CreateDbContext();
        return await db.Set<OutboxMessage>().CountAsync(predicate, Ct);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            watch.Elapsed.ShouldBeLessThan(timeout, "the condition did not come true in time");
            await Task.Delay(50, Ct);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
