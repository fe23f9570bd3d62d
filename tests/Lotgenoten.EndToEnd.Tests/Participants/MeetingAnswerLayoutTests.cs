using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Lotgenoten.Infrastructure.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lotgenoten.EndToEnd.Tests.Participants;

/// <summary>
/// The answer card on a 360 × 740 phone: with a message typed, the "Antwoord bewaren" button, the message counter and the
/// field's help text each keep their own room (no overlap, the counter on one line). Nothing is saved.
/// </summary>
public sealed class MeetingAnswerLayoutTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task AnswerCard_PhoneWidthWithMessage_ButtonCounterAndHelpDoNotOverlap()
    {
        var page = await NewPageAsync(AppFixture.Mobile);
        await page.GotoAsync("/deelnemer/aanmelden");
        await page.Locator("#login-username").FillAsync(DemoUsers.ParticipantUserName);
        await page.Locator("#login-passphrase").FillAsync(DemoUsers.ParticipantPassphrase);
        await page.Locator("#login-passphrase").PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/mijn", new() { Timeout = 20_000 });
        await page.WaitForBlazorAsync();
        await page.Locator("[data-testid='participant-home'][data-interactive='true']").WaitForAsync(new() { Timeout = 15_000 });

        var card = page.GetByTestId("later-meeting").First;
        await card.GetByTestId("answer-cantcome").ClickAsync();
        await card.GetByLabel("Bericht aan je begeleiders").FillAsync(LogSecrets.Register("Sorry, ik lig met griep in bed en kom deze keer dus niet.", "message to the facilitators"));
        var counter = card.GetByTestId("answer-counter");
        await Expect(counter).ToHaveTextAsync("57 / 300");
        await card.ScrollIntoViewIfNeededAsync();
        await Screenshots.TakeAsync(page, "participant-answer-card-360");

        var save = await BoxAsync(card.GetByTestId("answer-save"));
        var count = await BoxAsync(counter);
        var help = await BoxAsync(card.Locator(".mud-input-helper-text"));
        Overlap(save, count).ShouldBeFalse($"button {save} and counter {count} overlap");
        Overlap(save, help).ShouldBeFalse($"button {save} and help {help} overlap");
        Overlap(count, help).ShouldBeFalse($"counter {count} and help {help} overlap");
        count.Height.ShouldBeLessThan(30, "the counter stays on one line");
        (count.X + count.Width).ShouldBeLessThanOrEqualTo(360);
    }

    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator) =>
        (await locator.BoundingBoxAsync()).ShouldNotBeNull();

    private static bool Overlap(LocatorBoundingBoxResult a, LocatorBoundingBoxResult b) =>
        a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height;
}
