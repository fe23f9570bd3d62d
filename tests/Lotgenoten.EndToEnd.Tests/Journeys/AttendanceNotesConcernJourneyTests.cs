using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Lotgenoten.EndToEnd.Tests.Pages;
using Lotgenoten.Infrastructure.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lotgenoten.EndToEnd.Tests.Journeys;

/// <summary>
/// The path of issue 6 in browsers: on a tablet the facilitator takes attendance for a meeting of the Tuesday group,
/// writes the session note (saved as they type) and flags it as a safeguarding concern; the coordinator, already
/// signed in elsewhere, sees the badge go up without reloading, opens the queue, takes the concern and handles it.
/// And a note survives its browser: text typed before the window closed mid-sentence is there when the facilitator
/// comes back.
/// </summary>
public sealed class AttendanceNotesConcernJourneyTests(AppFixture app) : BrowserTest(app)
{
    private const string TuesdayGroup = "Partners Antwerpen (dinsdag)";
    private static readonly ViewportSize Tablet = new() { Width = 768, Height = 1024 };

    [Fact]
    public async Task FacilitatorTakesAttendanceWritesAndFlags_CoordinatorTakesAndHandles()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];

        // The coordinator is already at work on another page.
        var coordinator = await NewPageAsync(AppFixture.Desktop);
        await new DevSignInPage(coordinator).SignInAsAsync(DemoUsers.Coordinator.Key);
        var queue = new ConcernsPage(coordinator);
        await Expect(queue.NavLink).ToBeVisibleAsync();
        var before = await queue.Badge.CountAsync() == 0 ? 0 : int.Parse(await queue.Badge.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

        // The facilitator, on a tablet, opens the meeting before the latest one (the latest is the attendance tests').
        var facilitator = await NewPageAsync(Tablet);
        await new DevSignInPage(facilitator).SignInAsAsync(DemoUsers.Facilitator.Key);
        var planner = await PlannerPage.OpenFromHomeAsync(facilitator, TuesdayGroup);
        var meeting = await MeetingNotesPanel.OpenPastMeetingAsync(planner, 1);
        await Expect(facilitator.GetByTestId("meeting-group")).ToHaveTextAsync(TuesdayGroup);

        // Attendance: one tap per member, each saved at once.
        var names = await meeting.Rows.GetByTestId("register-name").AllInnerTextsAsync();
        names.Count.ShouldBeGreaterThanOrEqualTo(3);
        await meeting.MarkAsync(names[0], "Aanwezig");
        await meeting.MarkAsync(names[1], "Te laat");
        await meeting.MarkAsync(names[2], "Verontschuldigd");
        await Accessibility.AssertNoSeriousViolationsAsync(facilitator);
        await Screenshots.TakeAsync(facilitator, "issue6-1-facilitator-attendance", fullPage: true);

        // The session note: typed, saved on the server as it is typed.
        var notes = new MeetingNotesPanel(facilitator);
        await Expect(notes.SessionText).ToBeVisibleAsync();
        await notes.TypeAtEndAsync($"\nNabespreking {marker}: een deelnemer vertelde dat haar partner weer alleen oppast.");
        await notes.WaitUntilSavedAsync();
        await notes.SessionText.ScrollIntoViewIfNeededAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(facilitator);
        await Screenshots.TakeAsync(facilitator, "issue6-2-facilitator-session-note");

        // "Zorgmelding": the dialog says what happens, then the note is flagged.
        await notes.OpenFlagDialogAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(facilitator);
        await Screenshots.TakeAsync(facilitator, "issue6-3-facilitator-flag-dialog");
        await notes.ConfirmFlagAsync();
        await Screenshots.TakeAsync(facilitator, "issue6-4-facilitator-flagged");

        // The coordinator's badge goes up where they are, without a reload.
        await Expect(queue.Badge).ToHaveTextAsync((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 15_000 });
        await Screenshots.TakeAsync(coordinator, "issue6-5-coordinator-badge");
        await queue.OpenFromNavigationAsync();
        await Expect(queue.WaitingRows).ToHaveCountAsync(before + 1);
        var ours = queue.WaitingRows.Last; // oldest first: the one just raised is last
        await Expect(ours).ToContainTextAsync(TuesdayGroup);
        await Expect(ours).ToContainTextAsync("Pieter Begeleider");
        await Expect(ours.GetByTestId("concern-status")).ToHaveTextAsync("Open");
        await Accessibility.AssertNoSeriousViolationsAsync(coordinator);
        await Screenshots.TakeAsync(coordinator, "issue6-6-coordinator-queue", fullPage: true);

        // Opened (an audited read), taken, handled.
        await queue.OpenAsync(ours);
        await Expect(queue.Dialog.GetByTestId("concern-note-text")).ToContainTextAsync($"Nabespreking {marker}");
        await Accessibility.AssertNoSeriousViolationsAsync(coordinator);
        await Screenshots.TakeAsync(coordinator, "issue6-7-coordinator-concern");
        await queue.TakeAsync();
        await Expect(queue.Dialog.GetByRole(AriaRole.Textbox, new() { Name = "Wat is er gedaan?" })).ToBeVisibleAsync();
        await Screenshots.TakeAsync(coordinator, "issue6-8-coordinator-taken");
        await queue.HandleAsync($"Gebeld met de begeleider en de deelnemer ({marker}); doorverwezen naar het Vertrouwenscentrum Kindermishandeling.");

        await Expect(queue.WaitingRows).ToHaveCountAsync(before);
        if (before == 0)
        {
            await Expect(queue.Badge).ToHaveCountAsync(0);
        }
        else
        {
            await Expect(queue.Badge).ToHaveTextAsync(before.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await Expect(queue.Handled).ToContainTextAsync(TuesdayGroup);
        await Accessibility.AssertNoSeriousViolationsAsync(coordinator);
        await Screenshots.TakeAsync(coordinator, "issue6-9-coordinator-handled", fullPage: true);

        // The note stays readable to the facilitator, marked as a concern; the coordinator's note text never reached the page of the facilitator.
        await facilitator.ReloadAsync();
        await facilitator.WaitForBlazorAsync();
        await Expect(notes.SessionCard.GetByTestId("note-chip-flagged")).ToBeVisibleAsync();
        (await facilitator.ContentAsync()).ShouldNotContain("Vertrouwenscentrum", customMessage: "what was done is for coordinators");
    }

    [Fact]
    public async Task SessionNote_BrowserClosedMidSentence_TextIsThereWhenTheFacilitatorComesBack()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        var first = await NewPageAsync(Tablet);
        await new DevSignInPage(first).SignInAsAsync(DemoUsers.Facilitator.Key);
        var planner = await PlannerPage.OpenFromHomeAsync(first, TuesdayGroup);
        var meeting = await MeetingNotesPanel.OpenPastMeetingAsync(planner, 2);
        var address = meeting.Page.Url;
        var notes = new MeetingNotesPanel(first);

        await notes.TypeAtEndAsync($"\nTussendoor {marker}: we bespraken hoe je");
        await notes.WaitUntilSavedAsync();
        await notes.SessionText.PressSequentiallyAsync(" het aan de kinde");
        await first.Context.CloseAsync(); // mid-sentence, no blur, no goodbye

        var again = await NewPageAsync(Tablet);
        await new DevSignInPage(again).SignInAsAsync(DemoUsers.Facilitator.Key);
        await MeetingPage.OpenAsync(again, address);
        var reopened = new MeetingNotesPanel(again);
        await Expect(reopened.SessionText).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"Tussendoor {marker}: we bespraken hoe je"));
        await Screenshots.TakeAsync(again, "issue6-10-note-after-closed-browser");
    }

    [Fact]
    public async Task NotesAndQueue_OnAPhone_ReadableAndAxeClean()
    {
        var facilitator = await NewPageAsync(AppFixture.Mobile);
        await new DevSignInPage(facilitator).SignInAsAsync(DemoUsers.Facilitator.Key);
        var planner = await PlannerPage.OpenFromHomeAsync(facilitator, TuesdayGroup);
        await MeetingNotesPanel.OpenPastMeetingAsync(planner, 3);
        var notes = new MeetingNotesPanel(facilitator);
        await Expect(notes.SessionText).ToBeVisibleAsync();
        var addNote = facilitator.GetByTestId("member-notes-row").First.GetByTestId("member-note-add");
        await addNote.ScrollIntoViewIfNeededAsync();
        await addNote.ClickAsync();
        await Expect(facilitator.GetByTestId("member-note-editor")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(facilitator);
        (await facilitator.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(360, "nothing scrolls sideways at 360 px");
        await notes.SessionText.ScrollIntoViewIfNeededAsync();
        await Screenshots.TakeAsync(facilitator, "issue6-11-phone-notes");

        var coordinator = await NewPageAsync(AppFixture.Mobile);
        await new DevSignInPage(coordinator).SignInAsAsync(DemoUsers.Coordinator.Key);
        await coordinator.GotoAsync("zorgmeldingen");
        await coordinator.WaitForBlazorAsync();
        var queue = new ConcernsPage(coordinator);
        await Expect(queue.Heading).ToHaveTextAsync("Zorgmeldingen");
        await Expect(coordinator.GetByTestId("concern-summary")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(coordinator);
        (await coordinator.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(360, "nothing scrolls sideways at 360 px");
        await Screenshots.TakeAsync(coordinator, "issue6-12-phone-queue", fullPage: true);
    }
}
