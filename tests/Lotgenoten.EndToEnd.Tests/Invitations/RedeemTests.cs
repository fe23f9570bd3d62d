using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Lotgenoten.EndToEnd.Tests.Pages;
using Lotgenoten.Infrastructure.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lotgenoten.EndToEnd.Tests.Invitations;

/// <summary>
/// A coordinator places a waiting relative and hands over the code; the relative, in a fresh browser context on a
/// 360 px phone, redeems it with a passphrase (after a wrong code and a common passphrase) and lands on their home.
/// axe finds no violation at all on the redeem pages. Screenshots of each step.
/// </summary>
public sealed class RedeemTests(AppFixture app) : BrowserTest(app)
{
    // Groups that take new members in the demo data, tried in this order (another test may have filled one).
    private static readonly string[] Groups = ["Groupe de parole Bruxelles", "Ouders online (woensdag)"];

    [Fact]
    public async Task Relative_RedeemsTheCodeWithAPassphraseOnAPhone_LandsOnTheirHome()
    {
        var coordinator = await NewPageAsync(AppFixture.Desktop);
        await new DevSignInPage(coordinator).SignInAsAsync(DemoUsers.Coordinator.Key);
        var code = await new PlacementDialog(coordinator).PlaceFirstCandidateAsync(Groups);
        await Screenshots.TakeAsync(coordinator, "redeem-1-code-handed-over");

        var relative = await NewPageAsync(AppFixture.Mobile);
        var redeem = await new RedeemPage(relative).OpenAsync();
        await Expect(redeem.Heading).ToHaveTextAsync("Uitnodiging");
        (await relative.TitleAsync()).ShouldBe("Uitnodiging");
        await Accessibility.AssertNoViolationsAsync(relative);
        await AssertNoSidewaysScrollingAsync(relative);
        await Screenshots.TakeAsync(relative, "redeem-2-code-mobile", fullPage: true);

        // A wrong code: the calm message that says nothing about why.
        await redeem.EnterCodeAsync("KX7P-3MRD" == code ? "KX7P-3MRE" : "KX7P-3MRD");
        await Expect(redeem.Message).ToHaveTextAsync("Deze code werkt niet. Kijk hem na of vraag een nieuwe aan de hulplijn.");
        await Accessibility.AssertNoViolationsAsync(relative);
        await Screenshots.TakeAsync(relative, "redeem-3-wrong-code-mobile", fullPage: true);

        // The right code, typed in lower case without the dash.
        await redeem.EnterCodeAsync(code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant());
        await Expect(redeem.Welcome).ToContainTextAsync("Je bent uitgenodigd voor een lotgenotengroep");
        await Accessibility.AssertNoViolationsAsync(relative);
        await AssertNoSidewaysScrollingAsync(relative);
        await Screenshots.TakeAsync(relative, "redeem-4-account-form-mobile", fullPage: true);

        // A common passphrase is refused at the field, and nothing typed as a secret comes back.
        var userName = "zeemeeuw-" + Letters(6); // letters only: six digits would read as a phone number
        var pseudonym = "Zeemeeuw " + Letters(4);
        await redeem.FillAccountAsync(userName, pseudonym, "qwertyuiopasdfghjkl");
        await redeem.SubmitAsync();
        await Expect(redeem.FieldError("passphrase")).ToHaveTextAsync("Deze wachtzin wordt heel vaak gebruikt en is makkelijk te raden. Kies een andere.");
        await Expect(redeem.Passphrase).ToHaveValueAsync("");
        await Expect(redeem.Passphrase).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(redeem.UserName).ToHaveValueAsync(userName);
        await Accessibility.AssertNoViolationsAsync(relative);
        await Screenshots.TakeAsync(relative, "redeem-5-common-passphrase-mobile", fullPage: true);

        // A good passphrase: the account is made, the relative signed in and on their home.
        await redeem.FillAccountAsync(userName, pseudonym, "een-rustige-ochtend-aan-zee");
        await redeem.SubmitAsync();
        await relative.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/mijn", new() { Timeout = 20_000 });
        await Expect(relative.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        (await relative.Context.CookiesAsync()).ShouldContain(c => c.Name == ".Lotgenoten.Account" && c.HttpOnly);
        await Screenshots.TakeAsync(relative, "redeem-6-home-mobile", fullPage: true);

        // The code is used up: the same message as any wrong code.
        var again = await NewPageAsync(AppFixture.Mobile);
        var second = await new RedeemPage(again).OpenAsync();
        await second.EnterCodeAsync(code);
        await Expect(second.Message).ToHaveTextAsync("Deze code werkt niet. Kijk hem na of vraag een nieuwe aan de hulplijn.");

        App.AppLogTail(400).ShouldNotContain(code, Case.Insensitive);
        App.AppLogTail(400).ShouldNotContain(userName, Case.Insensitive);
        App.AppLogTail(400).ShouldNotContain(pseudonym, Case.Insensitive);
    }

    private static string Letters(int count) =>
        new(Enumerable.Range(0, count).Select(_ => (char)('a' + Random.Shared.Next(26))).ToArray());

    private static async Task AssertNoSidewaysScrollingAsync(IPage page) =>
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("no sideways scrolling at 360 px");
}
