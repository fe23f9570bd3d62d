using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Lotgenoten.EndToEnd.Tests.Pages;

/// <summary>
/// The list behind a dashboard figure at <c>/dashboard/lijst</c> (<c>?list=Stage&amp;stage=…</c> or
/// <c>?list=Meetings&amp;group=…</c>, with the period): its title says what it lists, a count, a grid, and the way back
/// to the dashboard of the same period.
/// </summary>
public sealed class DashboardListPage(IPage page)
{
    public const string Path = "/dashboard/lijst";

    public IPage Page { get; } = page;

    /// <summary>The page's one <c>h1</c>: the stage or "Gehouden bijeenkomsten", and the period.</summary>
    public ILocator Title => Page.GetByTestId("dashboard-list-title");

    /// <summary>How many the list holds ("7 doorverwijzingen"), the number itself in <c>data-count</c>.</summary>
    public ILocator Count => Page.GetByTestId("dashboard-list-count");

    public ILocator Grid => Page.GetByTestId("dashboard-list-grid");

    /// <summary>"Terug naar het dashboard".</summary>
    public ILocator Back => Page.GetByTestId("dashboard-list-back");

    /// <summary>Why the list cannot be shown (a bad address, or not one of the facilitator's groups).</summary>
    public ILocator Problem => Page.GetByTestId("dashboard-list-problem");

    /// <summary>The grid's empty state.</summary>
    public ILocator Empty => Page.GetByTestId("dashboard-list-empty");

    /// <summary>The grid's data rows (not its empty state).</summary>
    public ILocator Rows => Grid.Locator("tbody tr").Filter(new() { Has = Page.Locator("[data-testid^='row-']") });

    /// <summary>The group links of the rows (meetings and memberships name their group).</summary>
    public ILocator RowGroups => Grid.GetByTestId("row-group");

    /// <summary>Opens an address of the list with a full page load and waits until it shows rows, its empty state or a problem.</summary>
    public async Task<DashboardListPage> OpenAsync(string pathAndQuery)
    {
        await Page.GotoAsync(pathAndQuery);
        await WaitForListAsync();
        return this;
    }

    /// <summary>Waits until the interactive list shows its rows, its empty state, or why it cannot be shown.</summary>
    public async Task WaitForListAsync()
    {
        await Page.WaitForBlazorAsync();
        await Assertions.Expect(Page.Locator(".lg-dashlist[data-interactive='true']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(Title).ToBeVisibleAsync();
        await Assertions.Expect(Rows.First.Or(Empty).Or(Problem).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Page.Locator(".lg-dashlist-grid .mud-table-loading-progress").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 15_000 });
    }

    /// <summary>The total the page states (all pages of the grid together).</summary>
    public async Task<int> TotalAsync()
    {
        await Assertions.Expect(Count).ToHaveAttributeAsync("data-count", new System.Text.RegularExpressions.Regex(@"^\d+$"));
        return int.Parse((await Count.GetAttributeAsync("data-count"))!, System.Globalization.CultureInfo.InvariantCulture);
    }
}
