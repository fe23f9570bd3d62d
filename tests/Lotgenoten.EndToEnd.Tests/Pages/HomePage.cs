using Microsoft.Playwright;

namespace Lotgenoten.EndToEnd.Tests.Pages;

/// <summary>A role's home page: <c>/</c> for staff, <c>/mijn</c> for participants. Its h1 greets the user.</summary>
public sealed class HomePage(IPage page)
{
    public const string StaffPath = "/";
    public const string ParticipantPath = "/mijn";

    public IPage Page { get; } = page;

    /// <summary>The page's one <c>h1</c>, e.g. "Welkom, Hilde".</summary>
    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>The path of the page now shown, e.g. <c>/mijn</c>.</summary>
    public string CurrentPath => new Uri(Page.Url).AbsolutePath;

    /// <summary>Waits until the browser shows <paramref name="path"/>; fails with the URL it shows instead.</summary>
    public async Task<HomePage> ShouldBeAtAsync(string path)
    {
        try
        {
            await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path, new() { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            throw new ShouldAssertException($"Expected the home page at {path}, but the browser shows {Page.Url}.");
        }

        return this;
    }
}
