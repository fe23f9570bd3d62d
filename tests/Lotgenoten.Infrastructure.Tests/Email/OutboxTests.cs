using System.Net;
using System.Net.Sockets;
using System.Text;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Calendar;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Email;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Infrastructure.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using netDumbster.smtp;

namespace Lotgenoten.Infrastructure.Tests.Email;

/// <summary>The outbox against a real SMTP server (netDumbster on a free loopback port), on SQLite and PostgreSQL.</summary>
public abstract class OutboxTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private static readonly DateTimeOffset Start = new(2026, 3, 3, 8, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Invite = Encoding.UTF8.GetBytes(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:test-1\r\nDTSTAMP:20260303T080000Z\r\n" +
        "DTSTART:20260310T180000Z\r\nDTEND:20260310T200000Z\r\nSUMMARY:Afspraak\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");

    private readonly FakeTimeProvider clock = new(Start);
    private readonly int port = FreePort();
    private readonly string pickup = Path.Combine(Path.GetTempPath(), "lotgenoten-pickup-" + Guid.NewGuid().ToString("N"));
    private SimpleSmtpServer? server;
    private IHost? app;

    private IHost App => app ?? throw new InvalidOperationException("Not initialised.");

    private OutboxDispatcher Dispatcher => App.Services.GetRequiredService<OutboxDispatcher>();

    private IOutbox Outbox => App.Services.GetRequiredService<IOutbox>();

    private IDbContextFactory<LotgenotenDbContext> Db => App.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>();

    // The schema comes from the current model (the migrations are generated for all new entities at once).
    public override async ValueTask InitializeAsync()
    {
        app = NewApp();
        await using var db = await Db.CreateDbContextAsync(Ct);
        await db.Database.EnsureCreatedAsync(Ct);
        await db.Set<OutboxMessage>().ExecuteDeleteAsync(Ct);
    }

    public override async ValueTask DisposeAsync()
    {
        StopServer();
        if (Directory.Exists(pickup))
        {
            Directory.Delete(pickup, recursive: true);
        }

        await base.DisposeAsync();
    }

    private IHost NewApp(CapturingLoggerProvider? logger = null, bool pickupMode = false, int maxAttempts = 8, bool loop = false) =>
        CreateHost(
            [
                new("Smtp:DispatcherEnabled", loop ? "true" : "false"),
                new("Smtp:Host", pickupMode ? null : "127.0.0.1"),
                new("Smtp:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("Smtp:SecureSocketOptions", "None"),
                new("Smtp:PickupDirectory", pickup),
                new("Smtp:MaxAttempts", maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("Smtp:BackoffBase", "00:01:00"),
                new("Smtp:Timeout", "00:00:10"),
            ],
            logger: logger,
            services: s => s.AddSingleton<TimeProvider>(clock));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void StartServer() =>
        server = Configuration.Configure().WithAddress(IPAddress.Loopback).WithPort(port).Build();

    private void StopServer()
    {
        server?.Stop();
        server?.Dispose();
        server = null;
    }

    private static OutgoingEmail Mail(string to, bool withInvite = true) =>
        new(to, "Afspraak", "Je agenda is bijgewerkt.\nTot dan.", withInvite ? new CalendarDocument(CalendarMethod.Request, Invite) : null, "meeting-invite");

    private async Task<IReadOnlyList<Guid>> EnqueueAsync(params string[] recipients)
    {
        await using var db = await Db.CreateDbContextAsync(Ct);
        foreach (var to in recipients)
        {
            Outbox.Enqueue(db, Mail(to));
        }

        await db.SaveChangesAsync(Ct);
        return await db.Set<OutboxMessage>().OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(Ct);
    }

    private async Task<List<OutboxMessage>> MessagesAsync()
    {
        await using var db = await Db.CreateDbContextAsync(Ct);
        return await db.Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.Id).ToListAsync(Ct);
    }

    private IReadOnlyList<MimeMessage> Received() =>
        [.. (server?.ReceivedEmail ?? []).Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))];

    private static string[] Addresses(int count) => [.. Enumerable.Range(1, count).Select(i => $"deelnemer{i}@voorbeeld.test")];

    [Fact]
    public async Task Enqueue_InTheSameSaveChangesAsAChange_SendsOneMailWithOneRecipientNeutralSenderAndInvite()
    {
        StartServer();
        Guid id;
        await using (var db = await Db.CreateDbContextAsync(Ct))
        {
            var staff = StaffMember.Create("oid-" + Guid.NewGuid().ToString("N"), "Pieter Begeleider", Start);
            db.Add(staff);
            Outbox.Enqueue(db, Mail("zonnebloem@voorbeeld.test"));
            id = db.ChangeTracker.Entries<OutboxMessage>().Single().Entity.Id;
            (await db.SaveChangesAsync(Ct)).ShouldBe(2);
        }

        (await Dispatcher.DispatchDueAsync(Ct)).ShouldBe(1);

        var mail = Received().ShouldHaveSingleItem();
        mail.To.Mailboxes.Select(m => m.Address).ShouldBe(["zonnebloem@voorbeeld.test"]);
        mail.Cc.Count.ShouldBe(0);
        mail.Bcc.Count.ShouldBe(0);
        mail.From.Mailboxes.Single().Name.ShouldBe("Agenda");
        mail.From.Mailboxes.Single().Address.ShouldBe("agenda@lotgenoten.invalid");
        mail.Subject.ShouldBe("Afspraak");
        mail.MessageId.ShouldBe($"{id:D}@lotgenoten.invalid");
        server!.ReceivedEmail.Single().ToAddresses.Select(a => a.Address).ShouldBe(["zonnebloem@voorbeeld.test"]);

        var mixed = mail.Body.ShouldBeOfType<Multipart>();
        mixed.ContentType.MimeType.ShouldBe("multipart/mixed");
        var alternative = mixed[0].ShouldBeOfType<MultipartAlternative>();
        var text = alternative[0].ShouldBeOfType<TextPart>();
        text.ContentType.MimeType.ShouldBe("text/plain");
        text.Text.ShouldBe("Je agenda is bijgewerkt.\nTot dan.");
        var calendar = alternative[1].ShouldBeOfType<TextPart>();
        calendar.ContentType.MimeType.ShouldBe("text/calendar");
        calendar.ContentType.Parameters["method"].ShouldBe("REQUEST");
        calendar.ContentType.Charset.ShouldBe("utf-8");
        calendar.IsAttachment.ShouldBeFalse();
        Bytes(calendar).ShouldBe(Invite);
        var attachment = mixed[1].ShouldBeOfType<MimePart>();
        attachment.IsAttachment.ShouldBeTrue();
        attachment.FileName.ShouldBe("invite.ics");
        Bytes(attachment).ShouldBe(Invite);

        var stored = (await MessagesAsync()).ShouldHaveSingleItem();
        stored.Status.ShouldBe(OutboxStatus.Sent);
        stored.SentAt.ShouldBe(Start);
        stored.Attempts.ShouldBe(1);
        (await Dispatcher.DispatchDueAsync(Ct)).ShouldBe(0);
        server.ReceivedEmailCount.ShouldBe(1);
    }

    [Fact]
    public async Task Enqueue_WithoutSaveChanges_SendsNothing()
    {
        StartServer();
        await using (var db = await Db.CreateDbContextAsync(Ct))
        {
            Outbox.Enqueue(db, Mail("zonnebloem@voorbeeld.test"));
        }

        (await Dispatcher.DispatchDueAsync(Ct)).ShouldBe(0);
        server!.ReceivedEmailCount.ShouldBe(0);
        (await MessagesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task DispatchDue_FiveMessages_SendsFiveMailsEachToItsOwnRecipient()
    {
        StartServer();
        var to = Addresses(5);
        await EnqueueAsync(to);

        (await Dispatcher.DispatchDueAsync(Ct)).ShouldBe(5);

        var mails = Received();
        mails.Count.ShouldBe(5);
        mails.Select(m => m.To.Mailboxes.Single().Address).Order().ShouldBe(to);
        mails.ShouldAllBe(m => m.To.Count == 1);
        mails.Select(m => m.MessageId).Distinct().Count().ShouldBe(5);
    }

    [Fact]
    public async Task DispatchDue_ServerDownThenBack_LosesNothingBacksOffAndDeliversEachOnce()
    {
        var to = Addresses(3);
        await EnqueueAsync(to);

        (await Dispatcher.DispatchDueAsync(Ct)).ShouldBe(0);

        var afterFirst = await MessagesAsync();
        afterFirst.Count.ShouldBe(3);
        afterFirst.ShouldAllBe(m => m.Status == OutboxStatus.Pending && m.Attempts == 1 && m.NextAttemptAt == Start.AddMinutes(1));
        afterFirst.ShouldAllBe(m => m.LastError == "socket-ConnectionRefused");

        clock.Advance(TimeSpan.FromMinutes(1));
        (await Dispatcher.DispatchDueAsync(Ct)).ShouldBe(0);
        (await MessagesAsync()).ShouldAllBe(m => m.Attempts == 2 && m.NextAttemptAt == Start.AddMinutes(1 + 2));

        StartServer();
        (await Dispatcher.DispatchDueAsync(Ct)).ShouldBe(0); // not due yet: the backoff holds
        server!.ReceivedEmailCount.ShouldBe(0);

        clock.Advance(TimeSpan.FromMinutes(2));
        (await Dispatcher.DispatchDueAsync(Ct)).ShouldBe(3);
        clock.Advance(TimeSpan.FromHours(1));
        (await Dispatcher.DispatchDueAsync(Ct)).ShouldBe(0);

        Received().Select(m => m.To.Mailboxes.Single().Address).Order().ShouldBe(to);
        (await MessagesAsync()).ShouldAllBe(m => m.Status == OutboxStatus.Sent && m.Attempts == 3 && m.LastError == null);
    }

    [Fact]
    public async Task DispatchDue_MaxAttemptsReached_MarksFailedAndRetryFromMaintenanceSendsIt()
    {
        app = NewApp(maxAttempts: 3);
        var id = (await EnqueueAsync("zonnebloem@voorbeeld.test")).Single();

        for (var i = 0; i < 3; i++)
        {
            (await Dispatcher.DispatchDueAsync(Ct)).ShouldBe(0);
            clock.Advance(TimeSpan.FromHours(1));
        }

        var failed = (await MessagesAsync()).Single();
        failed.Status.ShouldBe(OutboxStatus.Failed);
        failed.Attempts.ShouldBe(3);
        failed.FailedAt.ShouldBe(Start.AddHours(2));
        failed.LastError.ShouldBe("socket-ConnectionRefused");

        var maintenance = App.Services.GetRequiredService<OutboxMaintenance>();
        var listed = (await maintenance.FailedAsync(100, Ct)).ShouldHaveSingleItem();
        listed.ShouldBe(new FailedOutboxMessage(id, Start, "meeting-invite", 3, "socket-ConnectionRefused", Start.AddHours(2), false));

        StartServer();
        (await Dispatcher.DispatchDueAsync(Ct)).ShouldBe(0); // failed messages stay failed
        (await maintenance.RetryAsync(id, Ct)).ShouldBeTrue();
        (await maintenance.RetryAsync(id, Ct)).ShouldBeFalse(); // no longer failed

        var retried = (await MessagesAsync()).Single();
        retried.Status.ShouldBe(OutboxStatus.Pending);
        retried.Attempts.ShouldBe(0);
        retried.LastError.ShouldBeNull();
        (await maintenance.FailedAsync(100, Ct)).ShouldBeEmpty();

        (await Dispatcher.DispatchDueAsync(Ct)).ShouldBe(1);
        server!.ReceivedEmailCount.ShouldBe(1);
    }

    [Fact]
    public async Task RetryAllFailed_TwoFailed_RetriesBoth()
    {
        app = NewApp(maxAttempts: 1);
        await EnqueueAsync(Addresses(2));
        (await Dispatcher.DispatchDueAsync(Ct)).ShouldBe(0);
        (await MessagesAsync()).ShouldAllBe(m => m.Status == OutboxStatus.Failed);

        (await App.Services.GetRequiredService<OutboxMaintenance>().RetryAllFailedAsync(Ct)).ShouldBe(2);

        StartServer();
        (await Dispatcher.DispatchDueAsync(Ct)).ShouldBe(2);
        server!.ReceivedEmailCount.ShouldBe(2);
    }

    [Fact]
    public async Task DispatchDue_MessageClaimedByAnotherDispatcher_IsNotSentUntilItsLeaseExpires()
    {
        StartServer();
        var id = (await EnqueueAsync("zonnebloem@voorbeeld.test")).Single();
        var first = Dispatcher;
        var second = NewApp().Services.GetRequiredService<OutboxDispatcher>();
        second.ShouldNotBeSameAs(first);

        // The first instance claims, then "crashes" before sending or marking.
        (await first.ClaimAsync(id, Ct)).ShouldNotBeNull();
        (await first.ClaimAsync(id, Ct)).ShouldBeNull();

        (await second.DispatchDueAsync(Ct)).ShouldBe(0);
        server!.ReceivedEmailCount.ShouldBe(0);

        clock.Advance(TimeSpan.FromMinutes(5)); // the lease expires
        (await second.DispatchDueAsync(Ct)).ShouldBe(1);
        Received().Single().MessageId.ShouldBe($"{id:D}@lotgenoten.invalid");
        var sent = (await MessagesAsync()).Single();
        sent.Status.ShouldBe(OutboxStatus.Sent);
        sent.Attempts.ShouldBe(2);
    }

    [Fact]
    public async Task DispatchDue_TwoInstancesAtOnce_SendEachMessageExactlyOnce()
    {
        StartServer();
        await EnqueueAsync(Addresses(12));
        var first = Dispatcher;
        var second = NewApp().Services.GetRequiredService<OutboxDispatcher>();

        var counts = await Task.WhenAll(Task.Run(() => first.DispatchDueAsync(Ct), Ct), Task.Run(() => second.DispatchDueAsync(Ct), Ct));

        counts.Sum().ShouldBe(12);
        var mails = Received();
        mails.Count.ShouldBe(12);
        mails.Select(m => m.MessageId).Distinct().Count().ShouldBe(12);
        (await MessagesAsync()).ShouldAllBe(m => m.Status == OutboxStatus.Sent && m.Attempts == 1);
    }

    [Fact]
    public async Task BackgroundLoop_Started_SendsAtOnceAndThenEveryPollIntervalOfTheClock()
    {
        StartServer();
        using var received = new SemaphoreSlim(0);
        server!.MessageReceived += (_, _) => received.Release();
        await EnqueueAsync("eerste@voorbeeld.test");
        var looping = NewApp(loop: true);

        await looping.StartAsync(Ct);
        try
        {
            (await received.WaitAsync(TimeSpan.FromSeconds(30), Ct)).ShouldBeTrue();
            await EnqueueAsync("tweede@voorbeeld.test");
            (await received.WaitAsync(TimeSpan.FromMilliseconds(300), Ct)).ShouldBeFalse(); // waits for the clock, not for real time

            // The loop may not have reached its wait yet: advance until the pass runs (the fake clock only moves when told).
            var sent = false;
            for (var i = 0; i < 100 && !sent; i++)
            {
                clock.Advance(TimeSpan.FromSeconds(15));
                sent = await received.WaitAsync(TimeSpan.FromMilliseconds(100), Ct);
            }

            sent.ShouldBeTrue();
            server.ReceivedEmailCount.ShouldBe(2);
        }
        finally
        {
            await looping.StopAsync(Ct);
        }
    }

    [Fact]
    public async Task SaveChanges_StaleVersion_ThrowsConcurrencyException()
    {
        var id = (await EnqueueAsync("zonnebloem@voorbeeld.test")).Single();
        await using var one = await Db.CreateDbContextAsync(Ct);
        await using var two = await Db.CreateDbContextAsync(Ct);
        var a = await one.Set<OutboxMessage>().SingleAsync(m => m.Id == id, Ct);
        var b = await two.Set<OutboxMessage>().SingleAsync(m => m.Id == id, Ct);

        a.Claim(Start, TimeSpan.FromMinutes(5));
        await one.SaveChangesAsync(Ct);
        b.Claim(Start, TimeSpan.FromMinutes(5));

        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => two.SaveChangesAsync(Ct));
    }

    [Fact]
    public async Task Enqueue_Recipient_IsStoredEncryptedNeverInPlainText()
    {
        const string address = "geheim.adres@voorbeeld.test";
        var id = (await EnqueueAsync(address)).Single();

        await using var db = await Db.CreateDbContextAsync(Ct);
        var ciphertext = await db.Database
            .SqlQueryRaw<string>("SELECT \"RecipientCiphertext\" AS \"Value\" FROM \"OutboxMessages\"")
            .SingleAsync(Ct);
        ciphertext.ShouldNotContain("geheim");
        ciphertext.ShouldNotContain("voorbeeld");
        App.Services.GetRequiredService<IFieldProtector>().Unprotect(ProtectionPurposes.OutboxRecipient, ciphertext).ShouldBe(address);
        id.Version.ShouldBe(7);

        if (Database is SqliteTestDatabase sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var path in new[] { sqlite.FilePath, sqlite.FilePath + "-wal" }.Where(File.Exists))
            {
                Encoding.UTF8.GetString(await File.ReadAllBytesAsync(path, Ct)).ShouldNotContain(address);
            }
        }
    }

    [Fact]
    public async Task DispatchDue_Log_HoldsIdsButNeverTheAddress()
    {
        StartServer();
        var logger = new CapturingLoggerProvider();
        app = NewApp(logger);
        const string address = "zonnebloem.log@voorbeeld.test";
        var id = (await EnqueueAsync(address)).Single();
        (await Dispatcher.DispatchDueAsync(Ct)).ShouldBe(1);

        StopServer();
        await EnqueueAsync("tweede.log@voorbeeld.test");
        (await Dispatcher.DispatchDueAsync(Ct)).ShouldBe(0);

        logger.AllText.ShouldContain(id.ToString());
        logger.AllText.ShouldContain("socket-ConnectionRefused");
        logger.AllText.ShouldNotContain("voorbeeld.test", Case.Insensitive);
        logger.AllText.ShouldNotContain("zonnebloem", Case.Insensitive);
        logger.AllText.ShouldNotContain("Je agenda");
    }

    [Fact]
    public async Task DispatchDue_NoSmtpHost_WritesAParseableEmlToThePickupFolder()
    {
        app = NewApp(pickupMode: true);
        Dispatcher.UsesPickupFolder.ShouldBeTrue();
        var id = (await EnqueueAsync("zonnebloem@voorbeeld.test")).Single();

        (await Dispatcher.DispatchDueAsync(Ct)).ShouldBe(1);

        var file = Directory.GetFiles(pickup).ShouldHaveSingleItem();
        Path.GetFileName(file).ShouldBe($"{id:D}.eml");
        var mail = await MimeMessage.LoadAsync(file, Ct);
        mail.MessageId.ShouldBe($"{id:D}@lotgenoten.invalid");
        mail.To.Mailboxes.Single().Address.ShouldBe("zonnebloem@voorbeeld.test");
        mail.Attachments.Single().ContentDisposition!.FileName.ShouldBe("invite.ics");
        (await MessagesAsync()).Single().Status.ShouldBe(OutboxStatus.Sent);
    }

    [Fact]
    public async Task EraseExpired_AfterTheConfiguredDays_ErasesRecipientAndContentOnlyOfFinishedMessages()
    {
        StartServer();
        await EnqueueAsync("zonnebloem@voorbeeld.test");
        (await Dispatcher.DispatchDueAsync(Ct)).ShouldBe(1);
        await EnqueueAsync("later@voorbeeld.test"); // pending: kept

        clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        (await Dispatcher.EraseExpiredAsync(Ct)).ShouldBe(0);
        clock.Advance(TimeSpan.FromSeconds(1));
        (await Dispatcher.EraseExpiredAsync(Ct)).ShouldBe(1);

        var messages = await MessagesAsync();
        var erased = messages.Single(m => m.Status == OutboxStatus.Sent);
        erased.RecipientCiphertext.ShouldBeNull();
        erased.Subject.ShouldBeNull();
        erased.TextBodyCiphertext.ShouldBeNull();
        erased.CalendarContent.ShouldBeNull();
        erased.ErasedAt.ShouldBe(Start.AddDays(7));
        erased.Kind.ShouldBe("meeting-invite");
        var pending = messages.Single(m => m.Status == OutboxStatus.Pending);
        pending.RecipientCiphertext.ShouldNotBeNull();
        pending.ErasedAt.ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("niet-een-adres")]
    [InlineData("a@voorbeeld.test, b@voorbeeld.test")]
    [InlineData("a@voorbeeld.test; b@voorbeeld.test")]
    [InlineData("Naam <a@voorbeeld.test>")]
    [InlineData("a@voorbeeld.test\r\nBcc: b@voorbeeld.test")]
    public async Task Enqueue_NotExactlyOneAddress_Throws(string to)
    {
        await using var db = await Db.CreateDbContextAsync(Ct);
        var ex = Should.Throw<ArgumentException>(() => Outbox.Enqueue(db, Mail(to)));
        if (to.Length > 0)
        {
            ex.Message.ShouldNotContain(to);
        }

        db.ChangeTracker.Entries().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Afspraak\r\nBcc: b@voorbeeld.test")]
    [InlineData("Afspraak\nX")]
    [InlineData("Afspraak\u2028X")]
    [InlineData("")]
    public async Task Enqueue_SubjectWithLineBreakOrEmpty_Throws(string subject)
    {
        await using var db = await Db.CreateDbContextAsync(Ct);
        Should.Throw<ArgumentException>(() => Outbox.Enqueue(db, Mail("a@voorbeeld.test") with { Subject = subject }));
        db.ChangeTracker.Entries().ShouldBeEmpty();
    }

    [Fact]
    public async Task Enqueue_SubjectTooLong_Throws()
    {
        await using var db = await Db.CreateDbContextAsync(Ct);
        Should.Throw<ArgumentException>(() => Outbox.Enqueue(db, Mail("a@voorbeeld.test") with { Subject = new string('a', 201) }));
        Outbox.Enqueue(db, Mail("a@voorbeeld.test") with { Subject = new string('a', 200) });
        db.ChangeTracker.Entries<OutboxMessage>().Count().ShouldBe(1);
    }

    private static byte[] Bytes(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }
}

public sealed class SqliteOutboxTests(SqliteTestDatabase db) : OutboxTests<SqliteTestDatabase>(db);

public sealed class PostgresOutboxTests(PostgresTestDatabase db) : OutboxTests<PostgresTestDatabase>(db);
