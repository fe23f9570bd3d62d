using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Email;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lotgenoten.Web.Tests.Features.Resilience;

/// <summary>
/// The app (a child process, <c>dotnet Lotgenoten.Web.dll</c>) is killed with SIGKILL while it sends mails that were
/// committed to the outbox, and started again on the same database: nothing is lost. Killed before the SMTP server
/// accepted the mail, nothing is sent twice. Killed after the server received it but before the app heard the server's
/// 250 (and so before it could mark the mail sent), that one mail is sent again after its claim's lease with the same
/// Message-Id: at-least-once, and exactly once for every receiver that drops duplicates by Message-Id. SMTP has no
/// transaction to join, so no sender can promise more; the window is one mail per killed dispatcher.
/// </summary>
public sealed class ProcessKillTests : IAsyncDisposable
{
    private const int Mails = 4;

    private readonly WebTestDatabase _database = WebTestDatabase.Create();
    private readonly string _keyEncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string _blindIndexKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string _directory = Directory.CreateTempSubdirectory("lotgenoten-kill-").FullName;
    private readonly BlockingSmtpServer _smtp = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await _smtp.DisposeAsync();
        _database.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans up the temp folder.
        }
    }

    [Fact]
    public async Task Kill_AfterCommitBeforeSend_EveryMailSentOnce()
    {
        var ids = await EnqueueAsync();
        _smtp.BlockNext(SmtpBlock.BeforeGreeting);

        var killed = await RunUntilBlockedAndKillAsync("first");
        killed.Status.ShouldBe(OutboxStatus.Sending); // committed and claimed, not handed to the server
        _smtp.Received.ShouldBeEmpty();

        await RunUntilAllSentAsync("second");

        _smtp.Received.Count.ShouldBe(Mails);
        _smtp.Received.Select(r => r.MessageId).Order(StringComparer.Ordinal)
            .ShouldBe(ids.Select(id => $"<{id:D}@lotgenoten.invalid>").Order(StringComparer.Ordinal));
        _smtp.Received.Select(r => r.To).Distinct().Count().ShouldBe(Mails);
    }

    [Fact]
    public async Task Kill_AfterServerReceivedBeforeMarked_ResentOnceWithTheSameMessageId()
    {
        var ids = await EnqueueAsync();
        _smtp.BlockNext(SmtpBlock.AfterData);

        var killed = await RunUntilBlockedAndKillAsync("first");
        killed.Status.ShouldBe(OutboxStatus.Sending);
        var first = _smtp.Received.ShouldHaveSingleItem();
        first.MessageId.ShouldBe($"<{killed.Id:D}@lotgenoten.invalid>");

        await RunUntilAllSentAsync("second");

        // Every mail arrived; only the one in flight at the kill arrived twice, both copies the same message.
        _smtp.Received.Count.ShouldBe(Mails + 1);
        _smtp.Received.Select(r => r.MessageId).Distinct().Order(StringComparer.Ordinal)
            .ShouldBe(ids.Select(id => $"<{id:D}@lotgenoten.invalid>").Order(StringComparer.Ordinal));
        _smtp.Received.Where(r => r.MessageId == first.MessageId).ShouldBe([first, first]);
        await using var db = _database.CreateDbContext();
        (await db.Set<OutboxMessage>().SingleAsync(m => m.Id == killed.Id, Ct)).Attempts.ShouldBe(2);
    }

    /// <summary>Commits <see cref="Mails"/> mails through the app's outbox (an in-process host on the same database, which also migrates it).</summary>
    private async Task<List<Guid>> EnqueueAsync()
    {
        using var app = new LotgenotenWebFactory(settings: new Dictionary<string, string?>
        {
            ["DataProtection:KeyEncryptionKey"] = _keyEncryptionKey,
            ["DataProtection:BlindIndexKey"] = _blindIndexKey,
            ["Smtp:DispatcherEnabled"] = "false",
        }, database: _database);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);
        var outbox = app.Services.GetRequiredService<IOutbox>();
        for (var i = 0; i < Mails; i++)
        {
            outbox.Enqueue(db, new OutgoingEmail($"lid{i}@example.org", "Agenda", $"Bericht {i}", null, "test"));
        }

        await db.SaveChangesAsync(Ct);
        return await db.Set<OutboxMessage>().Select(m => m.Id).ToListAsync(Ct);
    }

    /// <summary>Starts the app, waits until the SMTP server blocks one of its mails, and kills it (SIGKILL); returns that mail's row.</summary>
    private async Task<OutboxMessage> RunUntilBlockedAndKillAsync(string name)
    {
        using var app = StartApp(name);
        try
        {
            await _smtp.Blocked.WaitAsync(TimeSpan.FromSeconds(90), Ct);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"The app never reached the SMTP server. Log:\n{Log(name)}");
        }

        app.Kill();
        await app.WaitForExitAsync(Ct);
        await using var db = _database.CreateDbContext();
        return await db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Status != OutboxStatus.Pending, Ct);
    }

    /// <summary>Starts the app again and waits until every mail is marked sent, and a little longer (further passes must send nothing).</summary>
    private async Task RunUntilAllSentAsync(string name)
    {
        using var app = StartApp(name);
        try
        {
            var watch = Stopwatch.StartNew();
            while (true)
            {
                await using (var db = _database.CreateDbContext())
                {
                    if (await db.Set<OutboxMessage>().CountAsync(m => m.Status == OutboxStatus.Sent, Ct) == Mails)
                    {
                        break;
                    }
                }

                app.HasExited.ShouldBeFalse($"The app stopped. Log:\n{Log(name)}");
                watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(90), $"Not every mail was sent. Log:\n{Log(name)}");
                await Task.Delay(100, Ct);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), Ct); // five more dispatcher passes
        }
        finally
        {
            app.Kill();
            await app.WaitForExitAsync(Ct);
        }
    }

    private Process StartApp(string name)
    {
        var web = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = _directory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { web, "--urls", "http://127.0.0.1:0", "--contentRoot", Path.GetDirectoryName(web)! })
        {
            start.ArgumentList.Add(argument);
        }

        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["Database__Provider"] = _database.Provider.ToString(),
            ["ConnectionStrings__Lotgenoten"] = _database.ConnectionString,
            ["Database__MigrateOnStartup"] = "false",
            ["Demo__Seed"] = "false",
            ["Retention__Enabled"] = "false",
            ["DataProtection__KeyEncryptionKey"] = _keyEncryptionKey,
            ["DataProtection__BlindIndexKey"] = _blindIndexKey,
            ["DataProtection__DevelopmentKeyDirectory"] = Path.Combine(_directory, "keys"),
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Smtp__SecureSocketOptions"] = "None",
            ["Smtp__PollInterval"] = "00:00:00.2",
            ["Smtp__Lease"] = "00:00:02",
            ["Smtp__Timeout"] = "00:02:00",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled",
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        var log = new StreamWriter(Path.Combine(_directory, name + ".log")) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        var logLock = new Lock();
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.Exited += (_, _) =>
        {
            lock (logLock)
            {
                log.Dispose();
            }
        };
        process.EnableRaisingEvents = true;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;

        void Write(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (logLock)
            {
                try
                {
                    log.WriteLine(line);
                }
                catch (ObjectDisposedException)
                {
                    // The process exited.
                }
            }
        }
    }

    private string Log(string name)
    {
        try
        {
            using var stream = new FileStream(Path.Combine(_directory, name + ".log"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return string.Join('\n', reader.ReadToEnd().Split('\n').TakeLast(60));
        }
        catch (IOException e)
        {
            return $"(no log: {e.Message})";
        }
    }
}
