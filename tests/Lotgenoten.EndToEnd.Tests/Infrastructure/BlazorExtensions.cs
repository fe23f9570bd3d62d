using Microsoft.Playwright;

namespace Lotgenoten.EndToEnd.Tests.Infrastructure;

/// <summary>Waiting for Blazor before interacting with a page.</summary>
public static class BlazorExtensions
{
    /// <summary>
    /// Waits until the Blazor script has loaded (<c>window.Blazor</c>); call it after a navigation and before clicking,
    /// so that the click reaches an interactive component and not the prerendered HTML.
    /// </summary>
    public static async Task WaitForBlazorAsync(this IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
    }

    /// <summary>
    /// Clicks a link and waits until the page is at <paramref name="path"/>. A click that lands while the page's circuit
    /// is starting can be swallowed by Blazor's navigation interception (the page stays where it was, nothing fails);
    /// then the link is clicked again, at most twice more.
    /// </summary>
    public static async Task ClickAndWaitForPathAsync(this IPage page, ILocator link, string path)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(link);
        for (var attempt = 1; ; attempt++)
        {
            await link.ClickAsync();
            try
            {
                await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path, new() { Timeout = 10_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                // The click was lost during the circuit's start; try again.
            }
        }
    }
}
