using System.Text.RegularExpressions;
using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Lotgenoten.EndToEnd.Tests.Pages;

/// <summary>The coordinators' waiting list at <c>/wachtlijst</c>: tabs with counts, filters, search, and the grid of referrals.</summary>
public sealed class WaitingListPage(IPage page)
{
    public const string Path = "/wachtlijst";

    /// <summary>The tabs' Dutch names, as the page shows them (followed by their count).</summary>
    public const string TabToPlan = "Intake te plannen";
    public const string TabPlanned = "Intake gepland";
    public const string TabWaiting = "Wachtend";
    public const string TabInvited = "Uitgenodigd";

    public IPage Page { get; } = page;

    /// <summary>The page's one <c>h1</c>, "Wachtlijst".</summary>
    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>A tab by its name ("Wachtend"), whatever its count.</summary>
    public ILocator Tab(string name) => Page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex($"^{Regex.Escape(name)}( \\(\\d+\\))?$") });

    /// <summary>The grid's data rows (none while it shows its empty state).</summary>
    public ILocator Rows => Page.GetByTestId("waiting-grid").Locator("tbody tr").Filter(new() { Has = Page.GetByTestId("row-reference") });

    /// <summary>The short references of the rows shown, in order.</summary>
    public ILocator References => Page.GetByTestId("row-reference");

    /// <summary>The empty state of the grid.</summary>
    public ILocator Empty => Page.GetByTestId("waiting-empty");

    /// <summary>The rows that show the "too long" warning chip.</summary>
    public ILocator WarningChips => Page.GetByTestId("days-warning");

    /// <summary>Opens <c>/wachtlijst</c> directly and waits until the grid is interactive.</summary>
    public async Task<WaitingListPage> OpenAsync()
    {
        await Page.GotoAsync(Path);
        await WaitUntilReadyAsync();
        return this;
    }

    /// <summary>Opens the list through the navigation item "Wachtlijst".</summary>
    public async Task<WaitingListPage> OpenFromNavigationAsync()
    {
        await Page.ClickAndWaitForPathAsync(Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Wachtlijst" }), Path);
        await WaitUntilReadyAsync();
        return this;
    }

    /// <summary>The count a tab shows, e.g. 14 for "Wachtend (14)".</summary>
    public async Task<int> TabCountAsync(string name)
    {
        await Assertions.Expect(Tab(name)).ToHaveTextAsync(new Regex("\\(\\d+\\)"), new() { Timeout = 15_000 });
        var text = await Tab(name).InnerTextAsync();
        return int.Parse(Regex.Match(text, "\\((\\d+)\\)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Shows a tab ("Intake gepland") and waits for its rows.</summary>
    public async Task SelectTabAsync(string name)
    {
        await Tab(name).ClickAsync();
        await Assertions.Expect(Tab(name)).ToHaveAttributeAsync("aria-selected", "true");
        await WaitForGridAsync();
    }

    /// <summary>Chooses a value in one of the filter selects, by its label ("Taal") and the option's name ("Frans").</summary>
    public async Task FilterAsync(string label, string option)
    {
        // On a small screen the filters fold away behind "Filters".
        var toggle = Page.GetByTestId("filter-toggle");
        if (await toggle.IsVisibleAsync() && await toggle.GetAttributeAsync("aria-expanded") != "true")
        {
            await toggle.ClickAsync();
        }

        await Page.GetByTestId("waiting-filters").GetByLabel(label, new() { Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await WaitForGridAsync();
    }

    /// <summary>Clears every filter and the search.</summary>
    public async Task ClearFiltersAsync()
    {
        await Page.GetByTestId("filter-clear").ClickAsync();
        await WaitForGridAsync();
    }

    /// <summary>Types a short reference in "Zoek op referentie".</summary>
    public async Task SearchAsync(string reference)
    {
        var search = Page.GetByLabel("Zoek op referentie");
        await search.FillAsync(reference);
        await search.PressAsync("Tab");
        await Assertions.Expect(References.First).ToHaveTextAsync(reference, new() { Timeout = 15_000 });
    }

    /// <summary>Opens the referral of a row by its short reference.</summary>
    public async Task<ReferralPage> OpenReferralAsync(string reference)
    {
        await Page.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }).ClickAsync();
        var referral = new ReferralPage(Page);
        await referral.WaitUntilReadyAsync(reference);
        return referral;
    }

    /// <summary>Opens the first row's referral; returns its page.</summary>
    public async Task<ReferralPage> OpenFirstReferralAsync()
    {
        var reference = (await References.First.InnerTextAsync()).Trim();
        return await OpenReferralAsync(reference);
    }

    private async Task WaitUntilReadyAsync()
    {
        await Page.WaitForBlazorAsync();
        await Page.Locator("header[data-interactive='true']").WaitForAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(Heading).ToHaveTextAsync("Wachtlijst");
        await WaitForGridAsync();
    }

    /// <summary>Waits until the grid shows rows or its empty state (not its loading bar).</summary>
    private async Task WaitForGridAsync()
    {
        await Page.Locator(".lg-waiting-grid .mud-table-loading-progress").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 15_000 });
        await Assertions.Expect(References.First.Or(Empty)).ToBeVisibleAsync(new() { Timeout = 15_000 });
    }
}
