using System.Text.RegularExpressions;
using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lotgenoten.EndToEnd.Tests.Pages;

/// <summary>The notes on a meeting's page: the session note editor (saved as you type) and the flag dialog.</summary>
public sealed partial class MeetingNotesPanel(IPage page)
{
    public IPage Page { get; } = page;

    /// <summary>The session note's card (its chips: "Concept", "Afgerond", "Zorgmelding").</summary>
    public ILocator SessionCard => Page.GetByTestId("session-note");

    public ILocator SessionEditor => Page.GetByTestId("session-note-editor");

    /// <summary>The session note's text field, by its label.</summary>
    public ILocator SessionText => SessionEditor.GetByRole(AriaRole.Textbox, new() { Name = "Verslag van de bijeenkomst" });

    /// <summary>"Concept bewaard om 19:42", "Bewaard om 19:42", "Bewaren…".</summary>
    public ILocator SessionStatus => SessionEditor.GetByTestId("note-status");

    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog);

    /// <summary>
    /// From a group's planner: opens the past meeting at <paramref name="index"/> of the "Voorbij" list (0 = the latest),
    /// through its "Aanwezigheid van …" link.
    /// </summary>
    public static async Task<MeetingPage> OpenPastMeetingAsync(PlannerPage planner, int index)
    {
        var past = planner.Page.GetByRole(AriaRole.List, new() { Name = "Voorbij" });
        var href = await past.GetByRole(AriaRole.Link, new() { NameRegex = AttendanceLink() }).Nth(index).GetAttributeAsync("href");
        return await MeetingPage.OpenAsync(planner.Page, href.ShouldNotBeNull());
    }

    /// <summary>Types at the end of the session note, as a person would (key by key).</summary>
    public async Task TypeAtEndAsync(string text)
    {
        await SessionText.ClickAsync();
        await SessionText.PressAsync("Control+End");
        await SessionText.PressSequentiallyAsync(LogSecrets.Register(text, "note text"), new() { Delay = 15 });
    }

    /// <summary>Waits until the status says the text is on the server ("… bewaard om HH:mm").</summary>
    public async Task WaitUntilSavedAsync() =>
        await Expect(SessionStatus).ToHaveTextAsync(SavedStatus(), new() { Timeout = 15_000 });

    /// <summary>"Zorgmelding" on the session note: the dialog explains what happens; returns once it is open.</summary>
    public async Task OpenFlagDialogAsync()
    {
        await SessionEditor.GetByRole(AriaRole.Button, new() { Name = "Zorgmelding" }).ClickAsync();
        await Expect(Dialog).ToBeVisibleAsync();
        await Expect(Dialog).ToContainTextAsync("Wat er dan gebeurt");
    }

    /// <summary>Confirms the open flag dialog and waits for the note's "Zorgmelding" chip.</summary>
    public async Task ConfirmFlagAsync()
    {
        await Dialog.GetByTestId("flag-confirm").ClickAsync();
        await Expect(Dialog).ToBeHiddenAsync();
        await Expect(SessionCard.GetByTestId("note-chip-flagged")).ToBeVisibleAsync();
    }

    [GeneratedRegex("^Aanwezigheid van ")]
    private static partial Regex AttendanceLink();

    [GeneratedRegex(@"^(Concept bewaard|Bewaard) om \d{2}:\d{2}$")]
    private static partial Regex SavedStatus();
}
