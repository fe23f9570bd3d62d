using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Lotgenoten.EndToEnd.Tests.Pages;
using Lotgenoten.Infrastructure.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lotgenoten.EndToEnd.Tests.Attendance;

/// <summary>
/// A facilitator takes attendance on a tablet: opens the latest meeting of the Tuesday group from the planner, taps
/// statuses (each saved at once), sees the summary, marks the rest absent and closes the register. When the demo's
/// latest meeting is already closed, the same taps are edits after closing (allowed, audited) and the banner stays.
/// </summary>
public sealed class AttendanceTests(AppFixture app) : BrowserTest(app)
{
    private const string TuesdayGroup = "Partners Antwerpen (dinsdag)";
    private static readonly ViewportSize Tablet = new() { Width = 768, Height = 1024 };

    [Fact]
    public async Task Register_FacilitatorOnTablet_TapsStatusesSeesSummaryAndCloses()
    {
        var page = await NewPageAsync(Tablet);
        await new DevSignInPage(page).SignInAsAsync(DemoUsers.Facilitator.Key);
        var planner = await PlannerPage.OpenFromHomeAsync(page, TuesdayGroup);
        var meeting = await MeetingPage.OpenLatestPastAsync(planner);
        await Expect(page.GetByTestId("meeting-group")).ToHaveTextAsync(TuesdayGroup);
        var wasOpen = await meeting.StatusChip.GetAttributeAsync("data-status") == "Open";
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "attendance-tablet-before", fullPage: true);

        var names = await meeting.Rows.GetByTestId("register-name").AllInnerTextsAsync();
        names.Count.ShouldBeGreaterThanOrEqualTo(3);
        await meeting.MarkAsync(names[0], "Aanwezig");
        await meeting.MarkAsync(names[1], "Te laat");
        await meeting.MarkAsync(names[2], "Afwezig");
        await Expect(meeting.Button(names[0], "Afwezig")).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(meeting.Row(names[2])).ToHaveAttributeAsync("data-status", "Absent");

        // The summary counts what the rows show.
        foreach (var status in new[] { "Present", "Late", "Excused", "Absent" })
        {
            var shown = await meeting.Rows.And(page.Locator($"[data-status='{status}']")).CountAsync();
            await Expect(meeting.Count(status)).ToHaveTextAsync(shown.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)"); // the fixed app bar stays on top in a full-page shot
        await Screenshots.TakeAsync(page, "attendance-tablet-tapped", fullPage: true);

        if (wasOpen)
        {
            if (await page.GetByTestId("mark-rest-absent").IsVisibleAsync())
            {
                await meeting.MarkRestAbsentAsync();
            }

            await Expect(meeting.Count("NotYet")).ToHaveTextAsync("0");
            await meeting.CloseRegisterAsync();
        }

        await Expect(meeting.ClosedBanner).ToContainTextAsync("Lijst afgesloten");
        await Expect(meeting.StatusChip).ToHaveTextAsync("Lijst afgesloten");
        if (wasOpen)
        {
            await Expect(meeting.ClosedBanner).ToContainTextAsync("door Pieter Begeleider");
        }

        // Still editable after closing (and audited by the service).
        await meeting.MarkAsync(names[2], "Verontschuldigd");
        // MudBlazor's filled snackbars fall just short of the contrast bar: axe once they have gone.
        await Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)"); // the fixed app bar stays on top in a full-page shot
        await Screenshots.TakeAsync(page, "attendance-tablet-closed", fullPage: true);
    }

    [Fact]
    public async Task Register_TwoCoFacilitators_SeeEachOthersTapsWithoutReloading()
    {
        var pieter = await NewPageAsync(Tablet);
        await new DevSignInPage(pieter).SignInAsAsync(DemoUsers.Facilitator.Key);
        var mine = await MeetingPage.OpenLatestPastAsync(await PlannerPage.OpenFromHomeAsync(pieter, TuesdayGroup));
        var sarah = await NewPageAsync(Tablet);
        await new DevSignInPage(sarah).SignInAsAsync(DemoUsers.SecondFacilitator.Key);
        var theirs = await MeetingPage.OpenAsync(sarah, pieter.Url);

        var name = (await mine.Rows.GetByTestId("register-name").AllInnerTextsAsync())[^1];
        var status = await mine.Row(name).GetAttributeAsync("data-status") == "Late" ? "Afwezig" : "Te laat";
        await mine.MarkAsync(name, status);

        await Expect(theirs.Button(name, status)).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(theirs.Row(name)).ToContainTextAsync("Pieter Begeleider");
        await Screenshots.TakeAsync(sarah, "attendance-cofacilitator-live");
    }

    [Fact]
    public async Task Register_OnPhone_FitsAndFollowUpReads()
    {
        var page = await NewPageAsync(AppFixture.Mobile);
        await new DevSignInPage(page).SignInAsAsync(DemoUsers.Facilitator.Key);
        var planner = await PlannerPage.OpenFromHomeAsync(page, TuesdayGroup);
        var meeting = await MeetingPage.OpenLatestPastAsync(planner);
        await Expect(meeting.Rows.First).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "attendance-mobile", fullPage: true);
        await meeting.Rows.First.ScrollIntoViewIfNeededAsync();
        await Screenshots.TakeAsync(page, "attendance-mobile-register");
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(360);
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GotoAsync("opvolging");
        await page.WaitForBlazorAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Opvolging");
        await Expect(page.GetByTestId("followup-item").Or(page.GetByTestId("followup-empty")).First).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "followup-mobile", fullPage: true);
    }
}
