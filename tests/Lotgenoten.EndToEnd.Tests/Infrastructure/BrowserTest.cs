using Microsoft.Playwright;

namespace Lotgenoten.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Base of the browser tests: opens pages through the <see cref="AppFixture"/>, closes their contexts at the end,
/// and adds a screenshot and the app's log tail to the output of a test that fails.
/// </summary>
public abstract class BrowserTest(AppFixture app) : IAsyncLifetime
{
    private readonly List<IPage> pages = [];

    protected AppFixture App { get; } = app;

    /// <summary>A new page in a fresh browser context (no cookies), closed when the test ends.</summary>
    protected async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var page = await App.NewPageAsync(viewport);
        pages.Add(page);
        return page;
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        var context = TestContext.Current;
        var failed = context.TestState?.Result == TestResult.Failed;
        foreach (var (page, index) in pages.Select((page, index) => (page, index)))
        {
            if (failed && !page.IsClosed)
            {
                var test = (context.Test?.TestDisplayName ?? "test").Replace("Lotgenoten.EndToEnd.Tests.", string.Empty, StringComparison.Ordinal);
                var name = $"FAILED-{index}-{test}";
                var path = await Screenshots.TakeAsync(page, name, fullPage: true);
                context.TestOutputHelper?.WriteLine($"Screenshot of the failure: {path} (at {page.Url})");
            }

            await page.Context.CloseAsync();
        }

        if (failed)
        {
            context.TestOutputHelper?.WriteLine($"Last lines of the app log ({App.AppLogPath}):\n{App.AppLogTail()}");
        }

        GC.SuppressFinalize(this);

        // No personal data or secret in the app's log (LogSecrets): checked after every test, so that a leak fails the
        // test that caused it.
        App.AssertLogHasNoSecrets();
    }
}
