using System.Globalization;
using Lotgenoten.Domain.Common;
using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Lotgenoten.EndToEnd.Tests.Pages;
using Lotgenoten.Infrastructure.Demo;
using static Microsoft.Playwright.Assertions;

namespace Lotgenoten.EndToEnd.Tests.Reports;

/// <summary>
/// The lists behind the dashboard's figures opened from their addresses: on a phone they do not scroll sideways and pass
/// axe (referrals, meetings, a facilitator's memberships), a filter chip can be dropped, and an address with garbage
/// gets a message; the waiting list opened from a dashboard link starts on its tab with its filters.
/// </summary>
public sealed class DashboardListTests(AppFixture app) : BrowserTest(app)
{
    private static readonly DateOnly Today = BrusselsTime.Today(TimeProvider.System.GetUtcNow()); // the app runs on the real clock
    private static readonly string LastYear = (Today.Year - 1).ToString(CultureInfo.InvariantCulture);

    private static string Period => $"from={LastYear}-01-01&to={LastYear}-12-31";

    private static async Task ShouldNotScrollSidewaysAsync(Microsoft.Playwright.IPage page, string what)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        overflow.ShouldBeLessThanOrEqualTo(0, $"{what} must not scroll sideways at 360 px");
    }

    [Fact]
    public async Task Coordinator_OnPhone_ListsFitAndPassAxe()
    {
        var page = await NewPageAsync(AppFixture.Mobile);
        await new DevSignInPage(page).SignInAsAsync(DemoUsers.Coordinator.Key);

        var received = await new DashboardListPage(page).OpenAsync($"{DashboardListPage.Path}?list=Stage&stage=Received&{Period}&relation=Partner");
        (await received.TotalAsync()).ShouldBeGreaterThan(0, "the demo data has partners among last year's referrals");
        await Expect(received.Title).ToContainTextAsync("Ontvangen");
        await Expect(received.Title).ToContainTextAsync("Partner");
        await Expect(received.Rows.First).ToBeVisibleAsync();
        await ShouldNotScrollSidewaysAsync(page, "the referrals behind a figure");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "dashboard-list-mobile-received", fullPage: true);

        // Dropping the relation chip: all of last year's referrals, more than the partners.
        var partners = await received.TotalAsync();
        await page.ClickAndWaitForPathAsync(page.GetByTestId("dashboard-list-filter-relation"), DashboardListPage.Path);
        await received.WaitForListAsync();
        await Expect(received.Title).Not.ToContainTextAsync("Partner");
        (await received.TotalAsync()).ShouldBeGreaterThan(partners);

        var meetings = await new DashboardListPage(page).OpenAsync($"{DashboardListPage.Path}?list=Meetings&{Period}");
        await Expect(meetings.Rows.First).ToBeVisibleAsync();
        await ShouldNotScrollSidewaysAsync(page, "the meetings held");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "dashboard-list-mobile-meetings", fullPage: true);
    }

    [Fact]
    public async Task Facilitator_OwnMemberships_FitOnPhoneAndPassAxe()
    {
        var page = await NewPageAsync(AppFixture.Mobile);
        await new DevSignInPage(page).SignInAsAsync(DemoUsers.Facilitator.Key);

        // The demo's recruiting group invited referrals from the recent waiting list: the last twelve months have placements.
        var recent = $"from={Today.AddYears(-1).AddDays(1):yyyy-MM-dd}&to={Today:yyyy-MM-dd}";
        var placed = await new DashboardListPage(page).OpenAsync($"{DashboardListPage.Path}?list=Stage&stage=Placed&{recent}");

        await Expect(placed.Title).ToContainTextAsync("deelnames in je groepen");
        await Expect(placed.Problem).ToHaveCountAsync(0);
        await ShouldNotScrollSidewaysAsync(page, "a facilitator's memberships");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "dashboard-list-mobile-facilitator", fullPage: true);

        var refused = await new DashboardListPage(page).OpenAsync($"{DashboardListPage.Path}?list=Stage&stage=Waiting&{Period}");
        await Expect(refused.Problem).ToBeVisibleAsync();
        await Expect(refused.Grid).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Coordinator_OnDesktopThenGarbageAddress_ListsPlacedThenGetsAMessage()
    {
        var page = await NewPageAsync(AppFixture.Desktop);
        await new DevSignInPage(page).SignInAsAsync(DemoUsers.Coordinator.Key);

        // The demo's recruiting group invited referrals from the recent waiting list: the last twelve months have placements.
        var recent = $"from={Today.AddYears(-1).AddDays(1):yyyy-MM-dd}&to={Today:yyyy-MM-dd}";
        var placed = await new DashboardListPage(page).OpenAsync($"{DashboardListPage.Path}?list=Stage&stage=Placed&{recent}");
        await Expect(placed.Rows.First).ToBeVisibleAsync();
        await Expect(placed.RowGroups).ToHaveCountAsync(await placed.Rows.CountAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "dashboard-list-desktop-placed", fullPage: true);

        var list = await new DashboardListPage(page).OpenAsync($"{DashboardListPage.Path}?list=Stage&stage=Everything&from=yesterday");

        await Expect(list.Problem).ToBeVisibleAsync();
        await Expect(list.Back).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/dashboard"));
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task WaitingList_DashboardLinkWithFilters_OpensOnTheTabFiltered()
    {
        var page = await NewPageAsync(AppFixture.Desktop);
        await new DevSignInPage(page).SignInAsAsync(DemoUsers.Coordinator.Key);

        await page.GotoAsync($"{WaitingListPage.Path}?tab=Waiting&language=Fr&region=nonsense");
        await page.WaitForBlazorAsync();
        var waitingList = new WaitingListPage(page);

        await Expect(waitingList.Tab(WaitingListPage.TabWaiting)).ToHaveAttributeAsync("aria-selected", "true", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("filter-language")).ToContainTextAsync("Frans");
        await Expect(page.GetByTestId("filter-region")).Not.ToContainTextAsync("nonsense");
        await Expect(waitingList.Rows.First.Or(waitingList.Empty).First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(waitingList.Rows.Filter(new() { HasNotText = "Frans" })).ToHaveCountAsync(0);
    }
}
