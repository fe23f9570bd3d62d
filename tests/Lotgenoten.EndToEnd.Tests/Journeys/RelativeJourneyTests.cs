using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Lotgenoten.EndToEnd.Tests.Pages;
using Lotgenoten.Infrastructure.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lotgenoten.EndToEnd.Tests.Journeys;

/// <summary>
/// The path of issue 5 in one story. A coordinator places two waiting relatives. In ONE fresh browser context on a
/// 360 px phone a relative redeems the first code with a passphrase, signs out, and redeems the second with a passkey
/// (Chromium's virtual authenticator); answers "I can't come" with a message, which the group's facilitator sees by
/// pseudonym; leaves with the quick exit (Back does not return to the meetings, and the session is gone); signs in again
/// with the passkey and erases the account with it. axe: no violation at all on every participant page. Screenshots
/// of each step under test-output/screenshots/relative-journey-*.
/// </summary>
public sealed class RelativeJourneyTests(AppFixture app) : BrowserTest(app)
{
    /// <summary>The demo group with meetings to come, led by "lead" (An Coördinator-Begeleider).</summary>
    private const string MeetingGroup = "Ouders online (woensdag)";

    /// <summary>A demo group that takes new members but has no meetings planned yet.</summary>
    private const string PlannedGroup = "Groupe de parole Bruxelles";

    [Fact]
    public async Task Relative_JoinsWithPassphraseAndPasskey_AnswersExitsReturnsAndErases()
    {
        var suffix = Guid.NewGuid().ToString("N")[..4];
        var message = $"Ik moet die avond werken ({suffix})";

        // The coordinator places two waiting relatives and gets two codes to hand over.
        var coordinator = await NewPageAsync(AppFixture.Desktop);
        await new DevSignInPage(coordinator).SignInAsAsync(DemoUsers.Coordinator.Key);
        var placement = new PlacementDialog(coordinator);
        var firstCode = await placement.PlaceFirstCandidateAsync(PlannedGroup, MeetingGroup);
        await Screenshots.TakeAsync(coordinator, "relative-journey-01-first-code");
        var secondCode = await placement.PlaceFirstCandidateAsync(MeetingGroup);
        await Screenshots.TakeAsync(coordinator, "relative-journey-02-second-code");

        // The relative: one fresh context on a phone, with a platform authenticator, at http://localhost (WebAuthn).
        var relative = await NewPageAsync(AppFixture.Mobile);
        var origin = VirtualAuthenticator.Origin(App);
        await ParticipantPages.RouteNeutralSiteAsync(relative.Context);
        var authenticator = await VirtualAuthenticator.AddAsync(relative);
        var me = new ParticipantPages(relative);

        // 1. The first code, with a passphrase.
        var redeem = await new RedeemPage(relative).OpenAsync(origin);
        await Accessibility.AssertNoViolationsAsync(relative);
        await Screenshots.TakeAsync(relative, "relative-journey-03-code", fullPage: true);
        await redeem.EnterCodeAsync(firstCode);
        await Expect(redeem.Welcome).ToBeVisibleAsync();
        var firstPseudonym = "Reiger " + suffix;
        const string passphrase = "de-reiger-staat-stil-in-het-riet";
        await redeem.FillAccountAsync("reiger-" + suffix, firstPseudonym, passphrase);
        await Accessibility.AssertNoViolationsAsync(relative);
        await Screenshots.TakeAsync(relative, "relative-journey-04-passphrase-form", fullPage: true);
        await redeem.SubmitAsync();
        await relative.WaitForURLAsync(url => new Uri(url).AbsolutePath == ParticipantPages.HomePath, new() { Timeout = 20_000 });
        await me.WaitForInteractiveHomeAsync();
        await Expect(me.Heading).ToHaveTextAsync($"Welkom, {firstPseudonym}");
        await Accessibility.AssertNoViolationsAsync(relative);
        await Screenshots.TakeAsync(relative, "relative-journey-05-home-passphrase", fullPage: true);
        await me.SignOutAsync();

        // 2. The second code, with a passkey instead of a passphrase.
        redeem = await new RedeemPage(relative).OpenAsync(origin);
        await redeem.EnterCodeAsync(secondCode);
        await Expect(redeem.Welcome).ToBeVisibleAsync();
        var secondUser = "ijsvogel-" + suffix;
        var secondPseudonym = "IJsvogel " + suffix;
        await redeem.UserName.FillAsync(LogSecrets.Register(secondUser, "participant login"));
        await redeem.Pseudonym.FillAsync(LogSecrets.Register(secondPseudonym, "pseudonym"));
        await relative.GetByRole(AriaRole.Button, new() { Name = "Account maken met een passkey" }).ClickAsync();
        await relative.WaitForURLAsync(url => new Uri(url).AbsolutePath == ParticipantPages.HomePath, new() { Timeout = 20_000 });
        (await authenticator.CredentialCountAsync()).ShouldBe(1);
        await me.WaitForInteractiveHomeAsync();
        await Expect(me.Heading).ToHaveTextAsync($"Welkom, {secondPseudonym}");
        await Accessibility.AssertNoViolationsAsync(relative);
        await Screenshots.TakeAsync(relative, "relative-journey-06-home-passkey", fullPage: true);

        // 3. "I can't come", with a message to the facilitators.
        await me.AnswerCantComeAsync(message);
        await Screenshots.TakeAsync(relative, "relative-journey-07-answered", fullPage: true);
        await me.WaitForSnackbarsToCloseAsync();
        await Accessibility.AssertNoViolationsAsync(relative);

        // 4. The group's facilitator sees the answer and the message next to the meeting, by pseudonym only.
        var facilitator = await NewPageAsync(AppFixture.Desktop);
        await new DevSignInPage(facilitator).SignInAsAsync(DemoUsers.CoordinatorAndFacilitator.Key);
        var planner = await PlannerPage.OpenFromHomeAsync(facilitator, MeetingGroup);
        var answer = planner.Page.GetByTestId("planner-answer").Filter(new() { HasText = message });
        await Expect(answer).ToHaveCountAsync(1);
        await Expect(answer).ToContainTextAsync(secondPseudonym);
        await Expect(answer).ToContainTextAsync("kan niet komen");
        (await answer.InnerTextAsync()).ShouldNotContain(secondUser, Case.Insensitive, "facilitators see the pseudonym, never the login");
        await Screenshots.TakeAsync(facilitator, "relative-journey-08-facilitator-sees-answer", fullPage: true);

        // 5. The quick exit, from a page reached by plain navigation: the neutral site replaces it, Back does not
        //    return to the meetings, and the session is gone.
        await relative.GotoAsync(origin + "/mijn/hulp");
        await relative.GotoAsync(origin + ParticipantPages.HomePath);
        await me.WaitForInteractiveHomeAsync();
        await me.QuickExit.ClickAsync();
        await relative.WaitForURLAsync(ParticipantPages.NeutralSite, new() { WaitUntil = WaitUntilState.Commit });
        await Screenshots.TakeAsync(relative, "relative-journey-09-quick-exit");
        await relative.GoBackAsync();
        await relative.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        new Uri(relative.Url).AbsolutePath.ShouldNotBe(ParticipantPages.HomePath);
        await Expect(relative.GetByText(secondPseudonym)).ToHaveCountAsync(0);
        await Expect(relative.GetByText(message)).ToHaveCountAsync(0);
        await relative.GotoAsync(origin + ParticipantPages.HomePath);
        await relative.WaitForURLAsync(url => new Uri(url).AbsolutePath == ParticipantPages.SignInPath);
        (await relative.Context.CookiesAsync()).ShouldNotContain(c => c.Name == ".Lotgenoten.Account", "the quick exit signs out");
        await Accessibility.AssertNoViolationsAsync(relative);
        await Screenshots.TakeAsync(relative, "relative-journey-10-after-exit-sign-in", fullPage: true);

        // 6. Back later: signed in again with the passkey.
        await relative.GetByRole(AriaRole.Button, new() { Name = "Aanmelden met een passkey" }).ClickAsync();
        await relative.WaitForURLAsync(url => new Uri(url).AbsolutePath == ParticipantPages.HomePath, new() { Timeout = 20_000 });
        await me.WaitForInteractiveHomeAsync();
        await Expect(me.Heading).ToHaveTextAsync($"Welkom, {secondPseudonym}");
        await Expect(me.NextMeeting.GetByTestId("answer-current")).ToHaveTextAsync("Je hebt gezegd: ik kan niet komen.");

        // 7. Erased, confirmed with the passkey (a passkey-only account is not asked for a passphrase).
        await relative.GotoAsync(origin + "/mijn/account");
        await Expect(me.Heading).ToHaveTextAsync("Account");
        await Expect(relative.Locator("#erase-passphrase")).ToHaveCountAsync(0);
        await Accessibility.AssertNoViolationsAsync(relative);
        await Screenshots.TakeAsync(relative, "relative-journey-11-account", fullPage: true);
        await relative.GetByRole(AriaRole.Button, new() { Name = "Wissen met passkey" }).ClickAsync();
        await relative.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/tot-ziens", new() { Timeout = 20_000 });
        await Expect(me.Heading).ToHaveTextAsync("Tot ziens");
        (await relative.Context.CookiesAsync()).ShouldNotContain(c => c.Name == ".Lotgenoten.Account");
        await Accessibility.AssertNoViolationsAsync(relative);
        await Screenshots.TakeAsync(relative, "relative-journey-12-erased");

        // The answer has gone from the planner with the pseudonym; the passkey opens nothing any more.
        await facilitator.ReloadAsync();
        await facilitator.WaitForBlazorAsync();
        await Expect(planner.Heading).ToHaveTextAsync($"Planning · {MeetingGroup}");
        await Expect(planner.Page.GetByTestId("planner-answer").Filter(new() { HasText = message })).ToHaveCountAsync(0);
        (await facilitator.ContentAsync()).ShouldNotContain(secondPseudonym);
        await relative.GotoAsync(origin + ParticipantPages.SignInPath);
        await relative.GetByRole(AriaRole.Button, new() { Name = "Aanmelden met een passkey" }).ClickAsync();
        await Expect(relative.GetByRole(AriaRole.Alert)).ToContainTextAsync("Aanmelden lukte niet");
        await Screenshots.TakeAsync(relative, "relative-journey-13-passkey-refused");

        // Nothing that names the relatives reached the log.
        var log = App.AppLogTail(2000);
        foreach (var secret in new[] { firstCode, secondCode, firstPseudonym, secondPseudonym, secondUser, message })
        {
            log.ShouldNotContain(secret, Case.Insensitive);
        }
    }
}
