using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Lotgenoten.EndToEnd.Tests.Pages;
using Lotgenoten.Infrastructure.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lotgenoten.EndToEnd.Tests.Participants;

/// <summary>
/// The relative's home on a phone-sized screen: the demo participant Zonnebloem answers "Ik kan niet komen" with a
/// message on her next meeting, and her facilitator sees it next to the meeting in the planner, by pseudonym. axe: no
/// violation at all on the participant page.
/// </summary>
public sealed class ParticipantHomeTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task Zonnebloem_AnswersCantComeWithMessage_FacilitatorSeesIt()
    {
        var message = "Ik ben die avond op reis " + Guid.NewGuid().ToString("N")[..4];
        var page = await NewPageAsync(AppFixture.Mobile);
        await page.GotoAsync("/deelnemer/aanmelden");
        await page.Locator("#login-username").FillAsync(DemoUsers.ParticipantUserName);
        await page.Locator("#login-passphrase").FillAsync(DemoUsers.ParticipantPassphrase);
        await page.Locator("#login-passphrase").PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/mijn", new() { Timeout = 20_000 });
        await page.WaitForBlazorAsync();
        await page.Locator("[data-testid='participant-home'][data-interactive='true']").WaitForAsync(new() { Timeout = 15_000 });

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welkom, Zonnebloem");
        var next = page.GetByTestId("next-meeting");
        await Expect(next.GetByTestId("next-address")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("later-meeting").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("later-meeting").GetByTestId("next-address")).ToHaveCountAsync(0);
        await Accessibility.AssertNoViolationsAsync(page);
        await Screenshots.TakeAsync(page, "participant-home-1-home", fullPage: true);

        await next.GetByTestId("answer-cantcome").ClickAsync();
        await Expect(next.GetByTestId("answer-cantcome")).ToHaveAttributeAsync("aria-pressed", "true");
        await next.GetByLabel("Bericht aan je begeleiders").FillAsync(LogSecrets.Register(message, "message to the facilitators"));
        await Expect(next.GetByTestId("answer-save")).ToBeEnabledAsync();
        await next.GetByTestId("answer-save").ClickAsync();
        await Expect(page.GetByText("Je antwoord is bewaard.")).ToBeVisibleAsync();
        await Expect(next.GetByTestId("answer-current")).ToHaveTextAsync("Je hebt gezegd: ik kan niet komen.");
        await Screenshots.TakeAsync(page, "participant-home-2-answered", fullPage: true);

        // axe once the snackbar has gone (it fades in and out; a half-transparent frame is no contrast to judge).
        await Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 20_000 });

        // The calendar help opens, and the page stays accessible with it open.
        await page.GetByText("Hoe zet ik de link in mijn agenda?").ClickAsync();
        await Expect(page.GetByText("Google Agenda", new() { Exact = true })).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page);
        await Screenshots.TakeAsync(page, "participant-home-3-calendar-help", fullPage: true);

        // The facilitator of the group sees the answer and the message next to the meeting, by pseudonym.
        var facilitator = await NewPageAsync(AppFixture.Desktop);
        await new DevSignInPage(facilitator).SignInAsAsync(DemoUsers.Facilitator.Key);
        var planner = await PlannerPage.OpenFromHomeAsync(facilitator, "Partners Antwerpen (dinsdag)");
        var answer = planner.Page.GetByTestId("planner-answer").Filter(new() { HasText = message });
        await Expect(answer).ToHaveCountAsync(1);
        await Expect(answer).ToContainTextAsync("Zonnebloem");
        await Expect(answer).ToContainTextAsync("kan niet komen");
        await Screenshots.TakeAsync(facilitator, "participant-home-4-planner-answers", fullPage: true);
    }
}
