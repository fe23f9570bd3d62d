using Lotgenoten.Domain.Common;
using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Lotgenoten.EndToEnd.Tests.Pages;
using Lotgenoten.Infrastructure.Demo;
using static Microsoft.Playwright.Assertions;

namespace Lotgenoten.EndToEnd.Tests.Referrals;

/// <summary>A coordinator works the demo waiting list: tabs, a filter, a referral, its intake and its outcome.</summary>
public sealed class WaitingListTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task Coordinator_PlansIntakeAndRecordsSuitable_ReferralIsWaiting()
    {
        var page = await NewPageAsync(AppFixture.Desktop);
        var home = await new DevSignInPage(page).SignInAsAsync(DemoUsers.Coordinator.Key);
        await home.ShouldBeAtAsync(HomePage.StaffPath);

        var list = await new WaitingListPage(page).OpenFromNavigationAsync();
        (await list.TabCountAsync(WaitingListPage.TabWaiting)).ShouldBeGreaterThanOrEqualTo(14, "the demo's fixed waiting list");
        await Expect(list.WarningChips.First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("summary-past-warning")).Not.ToHaveTextAsync("0");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "waiting-list");

        await list.FilterAsync("Taal", "Frans");
        await Expect(list.Rows.Filter(new() { HasNotText = "Frans" })).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        var french = await list.Rows.CountAsync();
        french.ShouldBeGreaterThan(0);
        (await list.Rows.AllInnerTextsAsync()).ShouldAllBe(row => row.Contains("Frans", StringComparison.Ordinal));
        (await list.TabCountAsync(WaitingListPage.TabWaiting)).ShouldBe(french, "the tab counts what the filter leaves (fewer than a page)");
        await list.ClearFiltersAsync();

        await list.SelectTabAsync(WaitingListPage.TabToPlan);
        var toPlan = await list.TabCountAsync(WaitingListPage.TabToPlan);
        var referral = await list.OpenFirstReferralAsync();
        (await referral.StatusTextAsync()).ShouldBe("Ontvangen");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        var today = BrusselsTime.Today(TimeProvider.System.GetUtcNow());
        await referral.PlanIntakeAsync(today, "09:30", "Hilde Coördinator");
        await Expect(referral.Status).ToHaveTextAsync("Intake gepland", new() { Timeout = 15_000 });
        await Expect(referral.IntakePlanned).ToContainTextAsync("09:30");

        await referral.RecordSuitableAsync(today);
        await Expect(referral.Status).ToHaveTextAsync("Wachtend", new() { Timeout = 15_000 });
        await Expect(referral.HistorySteps.First).ToHaveAttributeAsync("data-status", "Waiting");
        await Expect(referral.HistorySteps).ToHaveCountAsync(4);
        await referral.WaitForSnackbarsToCloseAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "referral-waiting");

        var reference = (await referral.Heading.InnerTextAsync()).Replace("Doorverwijzing ", string.Empty, StringComparison.Ordinal).Trim();
        list = await new WaitingListPage(page).OpenAsync();
        (await list.TabCountAsync(WaitingListPage.TabToPlan)).ShouldBe(toPlan - 1);
        await list.SearchAsync(reference);
        await Expect(list.References).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Coordinator_OnA360PixelScreen_SeesTheWaitingListAndAReferral()
    {
        var page = await NewPageAsync(AppFixture.Mobile);
        await new DevSignInPage(page).SignInAsAsync(DemoUsers.Coordinator.Key);

        var list = await new WaitingListPage(page).OpenAsync();
        await Expect(list.References.First).ToBeVisibleAsync();
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1")).ShouldBeTrue("nothing scrolls sideways");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "waiting-list-360");

        var referral = await list.OpenFirstReferralAsync();
        await Expect(referral.DaysWaiting).ToBeVisibleAsync();
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1")).ShouldBeTrue("nothing scrolls sideways");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "referral-360");
    }

    [Fact]
    public async Task Counsellor_OpensTheWaitingList_IsRefused()
    {
        var page = await NewPageAsync(AppFixture.Desktop);
        await new DevSignInPage(page).SignInAsAsync(DemoUsers.Counsellor.Key);

        await page.GotoAsync(WaitingListPage.Path);

        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Geen toegang");
    }
}
