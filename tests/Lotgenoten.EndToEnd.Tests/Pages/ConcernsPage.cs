using System.Text.RegularExpressions;
using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lotgenoten.EndToEnd.Tests.Pages;

/// <summary>The coordinators' safeguarding queue, <c>/zorgmeldingen</c>, and the navigation badge that leads to it.</summary>
public sealed partial class ConcernsPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>The navigation item "Zorgmeldingen" (its name ends with "n zorgmelding(en) wachten" while any wait).</summary>
    public ILocator NavLink => Page.GetByRole(AriaRole.Link, new() { NameRegex = NavName() });

    /// <summary>The count on the navigation item.</summary>
    public ILocator Badge => NavLink.GetByTestId("concern-badge");

    /// <summary>The waiting concerns, oldest first.</summary>
    public ILocator WaitingRows => Page.GetByTestId("concern-row");

    /// <summary>The handled concerns' grid.</summary>
    public ILocator Handled => Page.GetByTestId("concerns-handled");

    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog);

    /// <summary>Follows the navigation item and waits for the page's circuit.</summary>
    public async Task<ConcernsPage> OpenFromNavigationAsync()
    {
        await NavLink.ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/zorgmeldingen");
        await Page.WaitForBlazorAsync();
        await Expect(Heading).ToHaveTextAsync("Zorgmeldingen");
        await Expect(Page.GetByTestId("concern-summary")).ToBeVisibleAsync();
        return this;
    }

    /// <summary>Opens a waiting concern (its "Openen" button) and waits for the flagged note's text.</summary>
    public async Task OpenAsync(ILocator row)
    {
        await row.GetByTestId("concern-open").ClickAsync();
        await Expect(Dialog).ToBeVisibleAsync();
        await Expect(Dialog.GetByTestId("concern-note-text")).ToBeVisibleAsync();
    }

    /// <summary>"Opnemen" in the open dialog.</summary>
    public async Task TakeAsync()
    {
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Opnemen" }).ClickAsync();
        await Expect(Dialog.GetByTestId("concern-status")).ToHaveTextAsync("In behandeling");
    }

    /// <summary>Writes what was done and closes the concern ("Afsluiten"); the dialog closes.</summary>
    public async Task HandleAsync(string whatWasDone)
    {
        var field = Dialog.GetByRole(AriaRole.Textbox, new() { Name = "Wat is er gedaan?" });
        await field.FillAsync(LogSecrets.Register(whatWasDone, "safeguarding text"));
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Afsluiten" }).ClickAsync();
        await Expect(Dialog).ToBeHiddenAsync();
    }

    [GeneratedRegex("^Zorgmeldingen")]
    private static partial Regex NavName();
}
