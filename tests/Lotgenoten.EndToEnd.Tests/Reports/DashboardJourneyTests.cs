using System.Globalization;
using System.Text.RegularExpressions;
using Lotgenoten.Domain.Common;
using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Lotgenoten.EndToEnd.Tests.Pages;
using Lotgenoten.Infrastructure.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lotgenoten.EndToEnd.Tests.Reports;

/// <summary>
/// The dashboard end to end: a coordinator opens it, changes the period, follows a figure to the list behind it and back,
/// and a waiting-list figure to the waiting list; on a phone it does not scroll sideways; a facilitator sees only their
/// own groups, from placement on, and a forged address of another group's list shows nothing of it.
/// </summary>
public sealed class DashboardJourneyTests(AppFixture app) : BrowserTest(app)
{
    /// <summary>The demo facilitator's group (see DemoDataSeeder).</summary>
    private const string OwnGroup = "Partners Antwerpen (dinsdag)";

    /// <summary>A demo group the facilitator does not lead: closed, its meetings all within the last twelve months' reach.</summary>
    private const string OtherGroup = "Naasten Limburg";

    /// <summary>A demo group the facilitator does not lead, recruiting now.</summary>
    private const string RecruitingGroup = "Ouders online (woensdag)";

    private static readonly DateOnly Today = BrusselsTime.Today(TimeProvider.System.GetUtcNow()); // the app runs on the real clock
    private static readonly int LastYear = Today.Year - 1;

    [Fact]
    public async Task Coordinator_ChangesPeriodAndFollowsFigures_ListsAgreeWithTheDashboard()
    {
        var page = await NewPageAsync(AppFixture.Desktop);
        await new DevSignInPage(page).SignInAsAsync(DemoUsers.Coordinator.Key);

        // What the annual figures page says for last year's referrals (exact): the dashboard must agree.
        var figures = await new AnnualFiguresPage(page).OpenAsync($"{AnnualFiguresPage.Path}/{LastYear.ToString(CultureInfo.InvariantCulture)}");
        await Expect(figures.Report).ToHaveAttributeAsync("data-variant", "internal");
        var receivedLastYear = DashboardPage.ParseCount(await page.GetByTestId("tile-value-ReferralsReceived").InnerTextAsync());
        receivedLastYear.ShouldBeGreaterThan(0, "the demo data has referrals in every recent year");

        // The dashboard from the navigation: this year so far.
        var dashboard = await new DashboardPage(page).OpenFromNavigationAsync();
        await dashboard.WaitForPeriodAsync(new DateOnly(Today.Year, 1, 1), Today);
        await Expect(dashboard.Preset(DashboardPage.ThisYear)).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(dashboard.Period).ToBeVisibleAsync();
        await Expect(dashboard.Waiting).ToBeVisibleAsync();
        await Expect(dashboard.Groups).ToBeVisibleAsync();
        await Expect(dashboard.ByRelation).ToBeVisibleAsync();
        await Expect(dashboard.ByConcern).ToBeVisibleAsync();
        await Expect(dashboard.FunnelSteps).ToHaveCountAsync(10);
        await Expect(dashboard.FunnelSteps.First).ToHaveAttributeAsync("data-testid", "funnel-step-Received");
        await Accessibility.AssertNoViolationsAsync(page);
        await Screenshots.TakeAsync(page, "dashboard-coordinator", fullPage: true);

        // "Vorig jaar": the address and the figures follow; the cohort received is last year's referrals.
        var lastYearFrom = new DateOnly(LastYear, 1, 1);
        var lastYearTo = new DateOnly(LastYear, 12, 31);
        await dashboard.ChoosePresetAsync(DashboardPage.LastYear, lastYearFrom, lastYearTo);
        await Expect(dashboard.Preset(DashboardPage.ThisYear)).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(page.GetByTestId("dashboard-period-shown")).ToContainTextAsync(LastYear.ToString(CultureInfo.InvariantCulture));
        (await dashboard.StepCountAsync("Received")).ShouldBe(receivedLastYear, "the funnel's Received is the year's referrals received, as on /cijfers");
        await Expect(dashboard.AttendanceChart).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "dashboard-coordinator-last-year", fullPage: true);

        // Follow "Ontvangen" to the referrals behind it: the same period, as many as the funnel said (25 on a page).
        var received = await dashboard.FollowStepAsync("Received", lastYearFrom, lastYearTo);
        await Expect(received.Title).ToContainTextAsync("Ontvangen");
        await Expect(received.Title).ToContainTextAsync(LastYear.ToString(CultureInfo.InvariantCulture));
        (await received.TotalAsync()).ShouldBe(receivedLastYear);
        await Expect(received.Rows).ToHaveCountAsync(Math.Min(receivedLastYear, 25));
        await Accessibility.AssertNoViolationsAsync(page);
        await Screenshots.TakeAsync(page, "dashboard-list-received", fullPage: true);

        // Back to the dashboard of the same period.
        await page.ClickAndWaitForPathAsync(received.Back, DashboardPage.Path);
        await dashboard.WaitForFiguresAsync();
        await dashboard.WaitForPeriodAsync(lastYearFrom, lastYearTo);
        await Expect(page).ToHaveURLAsync(new Regex($"from={DashboardPage.Iso(lastYearFrom)}&to={DashboardPage.Iso(lastYearTo)}"));
        (await dashboard.StepCountAsync("Received")).ShouldBe(receivedLastYear);

        // "Laatste 12 maanden", then "Geplaatst": the referrals of that cohort placed in a group, each with its group.
        var yearAgo = Today.AddYears(-1).AddDays(1);
        await dashboard.ChoosePresetAsync(DashboardPage.Last12Months, yearAgo, Today);
        var placedCount = await dashboard.StepCountAsync("Placed");
        placedCount.ShouldBeGreaterThan(0, "the demo's recruiting group invited referrals from the recent waiting list");
        var placed = await dashboard.FollowStepAsync("Placed", yearAgo, Today);
        await Expect(placed.Title).ToContainTextAsync("Geplaatst");
        (await placed.TotalAsync()).ShouldBe(placedCount);
        await Expect(placed.Rows).ToHaveCountAsync(Math.Min(placedCount, 25));
        await Expect(placed.RowGroups).ToHaveCountAsync(Math.Min(placedCount, 25));
        await Accessibility.AssertNoViolationsAsync(page);
        await Screenshots.TakeAsync(page, "dashboard-list-placed", fullPage: true);
        await page.ClickAndWaitForPathAsync(placed.Back, DashboardPage.Path);
        await dashboard.WaitForFiguresAsync();
        await dashboard.WaitForPeriodAsync(yearAgo, Today);

        // The waiting list now, by language: Dutch leads to the waiting list's "Wachtend" tab filtered on Dutch.
        var waitingDutch = await dashboard.WaitingByLanguageCountAsync("Nl");
        waitingDutch.ShouldBeGreaterThan(0, "the demo waiting list has Dutch-speaking referrals");
        await page.ClickAndWaitForPathAsync(dashboard.WaitingByLanguage("Nl"), WaitingListPage.Path);
        await page.WaitForBlazorAsync();
        var waitingList = new WaitingListPage(page);
        await Expect(waitingList.Heading).ToHaveTextAsync("Wachtlijst");
        await Expect(waitingList.Tab(WaitingListPage.TabWaiting)).ToHaveAttributeAsync("aria-selected", "true", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("filter-language")).ToContainTextAsync("Nederlands");
        await Expect(waitingList.Rows.First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(waitingList.Rows.Filter(new() { HasNotText = "Nederlands" })).ToHaveCountAsync(0);
        await Screenshots.TakeAsync(page, "dashboard-waiting-dutch");
    }

    [Fact]
    public async Task Coordinator_OnPhone_SeesDashboardWithoutSidewaysScrolling()
    {
        var page = await NewPageAsync(AppFixture.Mobile);
        await new DevSignInPage(page).SignInAsAsync(DemoUsers.Coordinator.Key);

        var dashboard = await new DashboardPage(page).OpenAsync();

        await Expect(dashboard.FunnelStep("Received")).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        overflow.ShouldBeLessThanOrEqualTo(0, "the dashboard must not scroll sideways at 360 px");
        await Accessibility.AssertNoViolationsAsync(page);
        await Screenshots.TakeAsync(page, "dashboard-mobile");
        await dashboard.Funnel.ScrollIntoViewIfNeededAsync();
        await Screenshots.TakeAsync(page, "dashboard-mobile-funnel");
        await dashboard.Groups.ScrollIntoViewIfNeededAsync();
        await Screenshots.TakeAsync(page, "dashboard-mobile-groups");

        // The list behind "Ontvangen" on the phone too.
        var list = await dashboard.FollowStepAsync("Received", new DateOnly(Today.Year, 1, 1), Today);
        await Expect(list.Rows.First).ToBeVisibleAsync();
        overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        overflow.ShouldBeLessThanOrEqualTo(0, "the list must not scroll sideways at 360 px");
        await Screenshots.TakeAsync(page, "dashboard-mobile-list");
    }

    [Fact]
    public async Task Facilitator_OpensDashboard_SeesOnlyOwnGroupsFromPlacementOn()
    {
        // The list of another group's meetings, as the coordinator's dashboard links it (the last twelve months).
        var coordinatorPage = await NewPageAsync(AppFixture.Desktop);
        await new DevSignInPage(coordinatorPage).SignInAsAsync(DemoUsers.Coordinator.Key);
        var from = Today.AddYears(-1).AddDays(1);
        var coordinatorDashboard = await new DashboardPage(coordinatorPage).OpenAsync($"{DashboardPage.Path}?from={DashboardPage.Iso(from)}&to={DashboardPage.Iso(Today)}");
        await coordinatorDashboard.WaitForPeriodAsync(from, Today);
        await Expect(coordinatorDashboard.GroupNames.Filter(new() { HasText = RecruitingGroup })).ToHaveCountAsync(1);
        var otherMeetings = coordinatorDashboard.Groups.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"bijeenkomsten van {Regex.Escape(OtherGroup)}") });
        var forged = await otherMeetings.GetAttributeAsync("href");
        forged.ShouldNotBeNull();
        forged.ShouldContain("list=Meetings");
        forged.ShouldContain("group=");
        var coordinatorList = await new DashboardListPage(coordinatorPage).OpenAsync(forged);
        await Expect(coordinatorList.RowGroups.Filter(new() { HasText = OtherGroup }).First).ToBeVisibleAsync();

        // The facilitator: the same dashboard for their own groups only.
        var page = await NewPageAsync(AppFixture.Desktop);
        await new DevSignInPage(page).SignInAsAsync(DemoUsers.Facilitator.Key);
        var dashboard = await new DashboardPage(page).OpenFromNavigationAsync();
        await dashboard.ChoosePresetAsync(DashboardPage.Last12Months, from, Today);

        await Expect(dashboard.Waiting).ToHaveCountAsync(0);
        await Expect(dashboard.FunnelSteps.First).ToHaveAttributeAsync("data-testid", "funnel-step-Placed");
        foreach (var hidden in new[] { "Received", "Intake", "Waiting", "Declined", "Unreachable" })
        {
            await Expect(dashboard.FunnelStep(hidden)).ToHaveCountAsync(0);
        }

        foreach (var shown in new[] { "Placed", "Joined", "Started", "Completed", "Withdrawn" })
        {
            await Expect(dashboard.FunnelStep(shown)).ToBeVisibleAsync();
        }

        await Expect(dashboard.GroupNames.Filter(new() { HasText = OwnGroup })).ToHaveCountAsync(1);
        await Expect(dashboard.Groups).Not.ToContainTextAsync(OtherGroup);
        await Expect(dashboard.Groups).Not.ToContainTextAsync(RecruitingGroup);
        await Accessibility.AssertNoViolationsAsync(page);
        await Screenshots.TakeAsync(page, "dashboard-facilitator", fullPage: true);

        // Their own placements behind "Geplaatst": memberships of their groups only, as many as the funnel said.
        var placedCount = await dashboard.StepCountAsync("Placed");
        var own = await dashboard.FollowStepAsync("Placed", from, Today);
        await Expect(own.Title).ToContainTextAsync("Geplaatst");
        (await own.TotalAsync()).ShouldBe(placedCount);
        await Expect(own.Rows).ToHaveCountAsync(Math.Min(placedCount, 25));
        await Expect(own.RowGroups.Filter(new() { HasNotText = OwnGroup })).ToHaveCountAsync(0);
        await Accessibility.AssertNoViolationsAsync(page);
        await Screenshots.TakeAsync(page, "dashboard-facilitator-list-placed", fullPage: true);

        // The other group's list, forged: nothing of it.
        var list = await new DashboardListPage(page).OpenAsync(forged);
        await Expect(list.Problem.Or(list.Empty).First).ToBeVisibleAsync();
        await Expect(list.Rows).ToHaveCountAsync(0);
        await Expect(page.Locator("main")).Not.ToContainTextAsync(OtherGroup);
        await Screenshots.TakeAsync(page, "dashboard-facilitator-forged-list");
    }
}
