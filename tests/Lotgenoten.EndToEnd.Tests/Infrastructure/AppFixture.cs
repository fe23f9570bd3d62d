using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Lotgenoten.EndToEnd.Tests.Infrastructure.AppFixture))]

namespace Lotgenoten.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Once per test run: the real web app (see <see cref="WebAppProcess"/>) and one headless Debian Chromium driven by
/// Playwright. Each test opens its own browser context (cookies are not shared) through <see cref="NewPageAsync"/>.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium; Playwright's own browser download does not work here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>A desktop window.</summary>
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };

    /// <summary>A small phone.</summary>
    public static readonly ViewportSize Mobile = new() { Width = 360, Height = 740 };

    private WebAppProcess? app;
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>The app's address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress => App.BaseAddress;

    /// <summary>The file with everything the app logged during the run.</summary>
    public string AppLogPath => App.LogPath;

    private WebAppProcess App => app ?? throw new InvalidOperationException("The app fixture is not initialised.");

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        // Failure screenshots of an earlier run would mislead.
        foreach (var stale in Directory.EnumerateFiles(TestPaths.Screenshots, "FAILED-*.png"))
        {
            File.Delete(stale);
        }

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        app = await WebAppProcess.StartAsync(Path.Combine(TestPaths.TestOutput, "e2e-app.log"), cancellationToken);
        TestContext.Current.SendDiagnosticMessage($"E2E: app answered /health at {BaseAddress} after {stopwatch.Elapsed.TotalSeconds:0.0} s");
        RegisterDemoSecrets(app.DatabasePath);

        // Blazor Server can be slow on a loaded 2-core CI machine.
        Assertions.SetDefaultExpectTimeout(15_000);

        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"No browser at {ChromiumPath}: install Debian's chromium (`apt-get install chromium`; ./test.sh does this).");
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        });
        TestContext.Current.SendDiagnosticMessage($"E2E: Chromium {browser.Version} ready after {stopwatch.Elapsed.TotalSeconds:0.0} s");

        await WarmUpAsync();
        TestContext.Current.SendDiagnosticMessage($"E2E: first interactive page after {stopwatch.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>
    /// Opens one interactive page (the referral form, as the demo counsellor) before the first test, with a generous
    /// timeout: the first circuit of a freshly started app compiles MudBlazor's components and can take longer than a
    /// test's own timeouts on a loaded two-core machine. Best effort: a failure here shows in the test that follows.
    /// </summary>
    private async Task WarmUpAsync()
    {
        var page = await NewPageAsync();
        try
        {
            await page.GotoAsync("/dev/signin?user=counsellor", new() { Timeout = 60_000 });
            await page.GotoAsync("/doorverwijzen", new() { Timeout = 60_000 });
            await page.Locator("header[data-interactive='true']").WaitForAsync(new() { Timeout = 60_000 });
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            TestContext.Current.SendDiagnosticMessage($"E2E: warm-up did not finish ({e.GetType().Name})");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>A new page in a fresh browser context (no cookies), Dutch (Belgium), at the given size.</summary>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        App.EnsureRunning();
        var context = await (browser ?? throw new InvalidOperationException("The browser is not started.")).NewContextAsync(
            new BrowserNewContextOptions
            {
                BaseURL = BaseAddress.ToString(),
                Locale = "nl-BE",
                TimezoneId = "Europe/Brussels",
                ViewportSize = viewport ?? Desktop,
            });
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Fails (<see cref="LogLeakException"/>) when the app's log holds a value of <see cref="LogSecrets"/> or an e-mail
    /// address that no earlier check reported.
    /// </summary>
    public void AssertLogHasNoSecrets() => LogSecrets.AssertNoNewLeaks(App.ReadLog(), AppLogPath);

    /// <summary>
    /// The demo data's secrets: the demo participant's login and passphrase, the demo feed tokens, and every pseudonym
    /// and participant login in the seeded database (read from the app's SQLite file; e-mail addresses are encrypted
    /// there, and any address in the log fails the check anyway).
    /// </summary>
    private static void RegisterDemoSecrets(string databasePath)
    {
        LogSecrets.Register(Lotgenoten.Infrastructure.Demo.DemoUsers.ParticipantUserName, "demo participant's login");
        LogSecrets.Register(Lotgenoten.Infrastructure.Demo.DemoUsers.ParticipantPassphrase, "demo participant's passphrase");
        LogSecrets.Register(Lotgenoten.Infrastructure.Demo.DemoDataSeeder.FacilitatorFeedToken, "demo feed token");
        LogSecrets.Register(Lotgenoten.Infrastructure.Demo.DemoDataSeeder.ParticipantFeedToken, "demo feed token");
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        foreach (var (sql, kind) in new[]
                 {
                     ("SELECT DISTINCT Pseudonym FROM Memberships", "demo pseudonym"),
                     ("SELECT UserName FROM AspNetUsers", "demo participant's login"),
                 })
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (!reader.IsDBNull(0))
                {
                    LogSecrets.Register(reader.GetString(0), kind);
                }
            }
        }
    }

    /// <summary>The last lines of the app's log, to add to a failure message.</summary>
    public string AppLogTail(int lines = 60) => App.LogTail(lines);

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();

            // What the app logged while it shut down, and anything the last test's check could not see yet.
            LogSecrets.AssertNoNewLeaks(app.ReadLog(), AppLogPath);
        }
    }
}
