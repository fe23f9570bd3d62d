using System.Text.RegularExpressions;
using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lotgenoten.EndToEnd.Tests.Pages;

/// <summary>A meeting's page, <c>/groepen/{id}/bijeenkomsten/{id}</c>: the attendance register and the notes.</summary>
public sealed partial class MeetingPage(IPage page)
{
    public static readonly string[] Statuses = ["Aanwezig", "Te laat", "Verontschuldigd", "Afwezig"];

    public IPage Page { get; } = page;

    /// <summary>The page's one <c>h1</c>: the meeting's date ("Dinsdag 24 november 2026").</summary>
    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>"Lijst open", "Lijst afgesloten", "Gepland" or "Geannuleerd".</summary>
    public ILocator StatusChip => Page.GetByTestId("meeting-status");

    /// <summary>The members of the register, in order.</summary>
    public ILocator Rows => Page.GetByRole(AriaRole.List, new() { Name = "Aanwezigheid" }).GetByTestId("register-row");

    /// <summary>The register's summary.</summary>
    public ILocator Summary => Page.GetByTestId("register-summary");

    /// <summary>The banner shown once the register is closed ("Lijst afgesloten op …").</summary>
    public ILocator ClosedBanner => Page.GetByTestId("register-closed");

    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog);

    /// <summary>A member's row, by pseudonym.</summary>
    public ILocator Row(string pseudonym) => Rows.Filter(new() { Has = Page.GetByRole(AriaRole.Heading, new() { Name = pseudonym, Exact = true }) });

    /// <summary>A status button of a member's row ("Aanwezig", "Te laat", "Verontschuldigd", "Afwezig").</summary>
    public ILocator Button(string pseudonym, string status) =>
        Row(pseudonym).GetByRole(AriaRole.Group, new() { Name = $"Aanwezigheid van {pseudonym}" }).GetByRole(AriaRole.Button, new() { Name = status, Exact = true });

    /// <summary>The count shown for a status in the summary.</summary>
    public ILocator Count(string status) => Page.GetByTestId($"summary-{status}");

    /// <summary>From the planner of a group: opens the most recent meeting of the past (the first "Aanwezigheid" link there).</summary>
    public static async Task<MeetingPage> OpenLatestPastAsync(PlannerPage planner)
    {
        var past = planner.Page.GetByRole(AriaRole.List, new() { Name = "Voorbij" });
        var link = past.GetByRole(AriaRole.Link, new() { NameRegex = AttendanceLink() }).First;
        var href = await link.GetAttributeAsync("href");
        MeetingUrl().IsMatch(href.ShouldNotBeNull()).ShouldBeTrue($"the attendance link leads to {href}");
        return await OpenAsync(planner.Page, href);
    }

    /// <summary>Opens a meeting page by its address and waits until it runs on its circuit.</summary>
    public static async Task<MeetingPage> OpenAsync(IPage page, string href)
    {
        await page.GotoAsync(href);
        await page.WaitForBlazorAsync();
        await page.Locator("header[data-interactive='true']").WaitForAsync(new() { Timeout = 15_000 });
        return new MeetingPage(page);
    }

    /// <summary>Taps a status for a member and waits until it is saved (pressed and "Bewaard").</summary>
    public async Task MarkAsync(string pseudonym, string status)
    {
        await Button(pseudonym, status).ClickAsync();
        await Expect(Button(pseudonym, status)).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(Row(pseudonym).GetByTestId("register-saved")).ToBeVisibleAsync();
    }

    /// <summary>"Overige n op afwezig zetten", confirmed.</summary>
    public async Task MarkRestAbsentAsync()
    {
        await Page.GetByTestId("mark-rest-absent").ClickAsync();
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Op afwezig zetten" }).ClickAsync();
        await Expect(Dialog).ToBeHiddenAsync();
    }

    /// <summary>"Lijst afsluiten", confirmed.</summary>
    public async Task CloseRegisterAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Lijst afsluiten" }).ClickAsync();
        await Expect(Dialog).ToBeVisibleAsync();
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Afsluiten", Exact = true }).ClickAsync();
        await Expect(Dialog).ToBeHiddenAsync();
    }

    [GeneratedRegex("^Aanwezigheid van ")]
    private static partial Regex AttendanceLink();

    [GeneratedRegex("^/groepen/[0-9a-f-]{36}/bijeenkomsten/[0-9a-f-]{36}$")]
    private static partial Regex MeetingUrl();
}
