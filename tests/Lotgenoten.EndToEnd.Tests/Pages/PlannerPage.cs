using System.Globalization;
using System.Text.RegularExpressions;
using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Lotgenoten.EndToEnd.Tests.Pages;

/// <summary>The meeting planner of a group, <c>/groepen/{id}/planning</c>, found by accessible names only.</summary>
public sealed partial class PlannerPage(IPage page)
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-BE");

    public IPage Page { get; } = page;

    /// <summary>The page's one <c>h1</c>, "Planning · &lt;group&gt;".</summary>
    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>The open dialog (series, move, add or a confirmation).</summary>
    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog);

    /// <summary>The dates of the live preview in the series dialog.</summary>
    public ILocator PreviewDates => Dialog.GetByRole(AriaRole.List, new() { Name = "Voorbeeld" }).GetByRole(AriaRole.Listitem);

    /// <summary>A meeting of the list, by its date ("dinsdag 4 januari 2028").</summary>
    public ILocator Meeting(DateOnly date) => Page.GetByRole(AriaRole.Listitem, new() { Name = LongDate(date), Exact = true });

    /// <summary>From the facilitator's home: the group card's "Planning" button.</summary>
    public static async Task<PlannerPage> OpenFromHomeAsync(IPage page, string groupName)
    {
        // The link's address, opened as a page of its own: a click during the home's own start-up could race its circuit.
        var href = await page.GetByRole(AriaRole.Link, new() { Name = $"Planning · {groupName}" }).GetAttributeAsync("href");
        PlanningUrl().IsMatch(href.ShouldNotBeNull()).ShouldBeTrue($"the planning link leads to {href}");
        await page.GotoAsync(href);
        await page.WaitForBlazorAsync();
        await page.Locator("header[data-interactive='true']").WaitForAsync(new() { Timeout = 15_000 });
        var planner = new PlannerPage(page);
        await Microsoft.Playwright.Assertions.Expect(planner.Heading).ToHaveTextAsync($"Planning · {groupName}");
        return planner;
    }

    /// <summary>Opens "Reeks plannen" and fills it in: every two weeks from <paramref name="first"/>, at <paramref name="time"/>, <paramref name="count"/> meetings.</summary>
    public async Task FillSeriesAsync(DateOnly first, string time, int count)
    {
        await OpenDialogAsync(Page.GetByRole(AriaRole.Button, new() { Name = "Reeks plannen" }));
        await FillAsync(Dialog.GetByLabel("Eerste datum"), first.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await FillAsync(Dialog.GetByLabel("Beginuur"), time);
        await FillAsync(Dialog.GetByLabel("Aantal bijeenkomsten"), count.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Saves the series of the open dialog.</summary>
    public async Task SaveSeriesAsync()
    {
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Reeks opslaan" }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(Dialog).ToBeHiddenAsync();
    }

    /// <summary>Moves the meeting of <paramref name="date"/> to <paramref name="to"/> at <paramref name="time"/>.</summary>
    public async Task MoveAsync(DateOnly date, DateOnly to, string time)
    {
        await OpenActionAsync(date, "Verplaatsen");
        await FillAsync(Dialog.GetByLabel("Datum"), to.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await FillAsync(Dialog.GetByLabel("Beginuur"), time);
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Verplaatsen" }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(Dialog).ToBeHiddenAsync();
    }

    /// <summary>Cancels the meeting of <paramref name="date"/>, confirming.</summary>
    public async Task CancelAsync(DateOnly date)
    {
        await OpenActionAsync(date, "Annuleren");
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Bijeenkomst annuleren" }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(Dialog).ToBeHiddenAsync();
    }

    public static string LongDate(DateOnly date) => date.ToString("dddd d MMMM yyyy", Dutch);

    private async Task OpenActionAsync(DateOnly date, string action)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Acties voor {LongDate(date)}" }).ClickAsync();
        await Page.GetByRole(AriaRole.Menuitem, new() { Name = action }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(Dialog).ToBeVisibleAsync();
    }

    private async Task OpenDialogAsync(ILocator button)
    {
        await button.ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(Dialog).ToBeVisibleAsync();
    }

    /// <summary>Types into a MudBlazor input and commits it (they update on change).</summary>
    private static async Task FillAsync(ILocator input, string value)
    {
        await input.FillAsync(value);
        await input.PressAsync("Tab");
    }

    [GeneratedRegex("^/groepen/[0-9a-f-]{36}/planning$")]
    private static partial Regex PlanningUrl();
}
