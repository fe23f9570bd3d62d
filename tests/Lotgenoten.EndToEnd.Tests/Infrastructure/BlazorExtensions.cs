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
}
