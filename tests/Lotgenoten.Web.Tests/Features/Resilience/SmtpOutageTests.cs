using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Email;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using netDumbster.smtp;

namespace Lotgenoten.Web.Tests.Features.Resilience;

/// <summary>
/// The SMTP server is away for an hour of (fake) time while mails are queued: the dispatcher keeps trying with its
/// backoff, gives up on none, and once the server is back every mail goes out exactly once.
/// </summary>
public sealed class SmtpOutageTests : IDisposable
{
    private const int Mails = 20;
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private readonly int _port = FreePort();
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly LotgenotenWebFactory _factory;
    private readonly IServiceProvider _services;

    public SmtpOutageTests()
    {
        _factory = new LotgenotenWebFactory(settings: new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = _port.ToString(CultureInfo.InvariantCulture),
            ["Smtp:SecureSocketOptions"] = "None",
            ["Smtp:DispatcherEnabled"] = "false",
            ["Smtp:Timeout"] = "00:00:10",
        });
        _services = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock))).Services;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private OutboxDispatcher Dispatcher => _services.GetRequiredService<OutboxDispatcher>();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Dispatch_SmtpDownForAnHour_EveryMailSentOnceAfterwards()
    {
        await EnqueueAsync();

        // An hour without a server, a dispatcher pass every minute: attempts at 0, 1, 3, 7, 15 and 31 minutes (the
        // wait doubles from one minute), each refused, none given up (8 attempts are allowed).
        var sentDuringOutage = 0;
        for (var minute = 0; minute < 60; minute++)
        {
            sentDuringOutage += await Dispatcher.DispatchDueAsync(Ct);
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        sentDuringOutage.ShouldBe(0);
        var waiting = await MessagesAsync();
        waiting.ShouldAllBe(m => m.Status == OutboxStatus.Pending && m.Attempts == 6 && m.LastError == "socket-ConnectionRefused");
        waiting.ShouldAllBe(m => m.NextAttemptAt == Start.AddMinutes(63));

        // The server is back at minute 60; the next attempt (minute 63) sends all, and no later pass sends again.
        using var smtp = Configuration.Configure().WithAddress(IPAddress.Loopback).WithPort(_port).Build();
        var sent = new List<int>();
        for (var minute = 60; minute < 75; minute++)
        {
            sent.Add(await Dispatcher.DispatchDueAsync(Ct));
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        sent.ShouldBe(Enumerable.Range(60, 15).Select(minute => minute == 63 ? Mails : 0));
        for (var i = 0; i < 200 && smtp.ReceivedEmailCount < Mails; i++)
        {
            await Task.Delay(25, Ct); // netDumbster stores a mail just after it answered the client
        }

        smtp.ReceivedEmail.Select(m => m.ToAddresses.Single().Address).Order(StringComparer.Ordinal)
            .ShouldBe(Enumerable.Range(0, Mails).Select(i => $"lid{i}@example.org").Order(StringComparer.Ordinal));
        (await MessagesAsync()).ShouldAllBe(m => m.Status == OutboxStatus.Sent && m.Attempts == 7 && m.SentAt == Start.AddMinutes(63));
    }

    private async Task EnqueueAsync()
    {
        await using var db = await _services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);
        var outbox = _services.GetRequiredService<IOutbox>();
        for (var i = 0; i < Mails; i++)
        {
            outbox.Enqueue(db, new OutgoingEmail($"lid{i}@example.org", "Agenda", $"Bericht {i}", null, "test"));
        }

        await db.SaveChangesAsync(Ct);
    }

    private async Task<List<OutboxMessage>> MessagesAsync()
    {
        await using var db = _factory.Database.CreateDbContext();
        return await db.Set<OutboxMessage>().AsNoTracking().ToListAsync(Ct);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
