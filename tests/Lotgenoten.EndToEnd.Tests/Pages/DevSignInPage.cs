using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Lotgenoten.EndToEnd.Tests.Pages;

/// <summary>The development sign-in: <c>/dev/signin</c> lists the demo users; <c>?user=key</c> signs in at once.</summary>
public sealed class DevSignInPage(IPage page)
{
    public const string Path = "dev/signin";

    public IPage Page { get; } = page;

    /// <summary>The page's one <c>h1</c>.</summary>
    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>The sign-in link of a demo user, by its accessible name ("Aanmelden als &lt;display name&gt;").</summary>
    public ILocator UserLink(string displayName) => Page.GetByRole(AriaRole.Link, new() { Name = displayName });

    /// <summary>Clicks the sign-in link of a demo user; returns the home page that the app redirects to.</summary>
    public async Task<HomePage> SignInByClickingAsync(string displayName)
    {
        await UserLink(displayName).ClickAsync();
        await Page.WaitForBlazorAsync();
        return new HomePage(Page);
    }

    /// <summary>Opens the list of demo users.</summary>
    public async Task<DevSignInPage> OpenAsync()
    {
        await Page.GotoAsync(Path);
        await Page.WaitForBlazorAsync();
        return this;
    }

    /// <summary>
    /// Signs in as the demo user with this key (<c>GET /dev/signin?user=key</c>); the app redirects to the role's home,
    /// whose page object is returned.
    /// </summary>
    public async Task<HomePage> SignInAsAsync(string userKey)
    {
        await Page.GotoAsync($"{Path}?user={Uri.EscapeDataString(userKey)}");
        await Page.WaitForBlazorAsync();
        return new HomePage(Page);
    }
}
