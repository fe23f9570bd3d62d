using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Lotgenoten.EndToEnd.Tests.Pages;
using Lotgenoten.Infrastructure.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lotgenoten.EndToEnd.Tests.MyAccount;

/// <summary>
/// The relative's own account on a phone-sized screen: preferences, help, the data download, the quick exit (Back does
/// not return), and erasing an account after which its login no longer works. axe: no violation at all.
/// The demo participant Zonnebloem is used but not erased (other tests sign in as her); erasure is done by a relative
/// the test places and who signs up with a passphrase.
/// </summary>
public sealed class MyAccountTests(AppFixture app) : BrowserTest(app)
{
    private const string NeutralSite = ParticipantPages.NeutralSite;

    [Fact]
    public async Task Zonnebloem_ChangesPreferencesDownloadsDataAndUsesTheQuickExit()
    {
        var page = await NewPageAsync(AppFixture.Mobile);
        await NeutralSiteAsync(page.Context);
        await SignInAsync(page, DemoUsers.ParticipantUserName, DemoUsers.ParticipantPassphrase);

        // Preferences: full titles on, saved, and back to discreet (other tests expect the demo state).
        await page.GotoAsync("/mijn/voorkeuren");
        await page.WaitForBlazorAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Voorkeuren");
        await Expect(page).ToHaveTitleAsync("Voorkeuren");
        await Accessibility.AssertNoViolationsAsync(page);
        await Screenshots.TakeAsync(page, "my-account-1-preferences", fullPage: true);
        await page.GetByTestId("preferences-titles-full").ClickAsync();
        await page.GetByTestId("preferences-save").ClickAsync();
        await Expect(page.GetByText("Je voorkeuren zijn bewaard.")).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "my-account-2-preferences-saved");
        await page.GetByTestId("preferences-titles-discreet").ClickAsync();
        await page.GetByTestId("preferences-save").ClickAsync();
        await Expect(page.GetByText("Je voorkeuren zijn bewaard.").First).ToBeVisibleAsync();

        // Help.
        await page.GotoAsync("/mijn/hulp");
        await page.WaitForBlazorAsync();
        await Expect(page.GetByTestId("help-phone")).ToHaveAttributeAsync("href", "tel:080020050");
        await Accessibility.AssertNoViolationsAsync(page);
        await Screenshots.TakeAsync(page, "my-account-3-help", fullPage: true);

        // Download my data.
        await page.GotoAsync("/mijn/account");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Account");
        await Accessibility.AssertNoViolationsAsync(page);
        await Screenshots.TakeAsync(page, "my-account-4-account", fullPage: true);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-submit").ClickAsync());
        var file = await download.PathAsync();
        var json = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        json.ShouldContain("\"loginName\": \"zonnebloem\"");
        json.ShouldContain("\"pseudonym\": \"Zonnebloem\"");

        // Quick exit with the visible button: the page is replaced, so Back does not return to it.
        await page.GotoAsync("/mijn/hulp");
        await page.WaitForBlazorAsync();
        await page.Locator("[data-quick-exit]").ClickAsync();
        await page.WaitForURLAsync(NeutralSite, new() { WaitUntil = WaitUntilState.Commit });
        await Screenshots.TakeAsync(page, "my-account-5-quick-exit");
        await page.GoBackAsync();
        new Uri(page.Url).AbsolutePath.ShouldNotBe("/mijn/hulp");

        // The exit signed her out: the help page now asks to sign in first.
        await page.GotoAsync("/mijn/hulp");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == ParticipantPages.SignInPath);
        (await page.Context.CookiesAsync()).ShouldNotContain(c => c.Name == ".Lotgenoten.Account");

        // Escape pressed three times does the same.
        await SignInAsync(page, DemoUsers.ParticipantUserName, DemoUsers.ParticipantPassphrase);
        await page.GotoAsync("/mijn/hulp");
        await page.WaitForBlazorAsync();
        await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).ClickAsync();
        for (var i = 0; i < 3; i++)
        {
            await page.Keyboard.PressAsync("Escape");
        }

        await Expect(page).ToHaveURLAsync(NeutralSite);
        await page.GoBackAsync();
        new Uri(page.Url).AbsolutePath.ShouldNotBe("/mijn/hulp");
        await page.GotoAsync(new Uri(App.BaseAddress, "/mijn/account").ToString());
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == ParticipantPages.SignInPath);
    }

    [Fact]
    public async Task Relative_ErasesTheAccountWithThePassphrase_AndCannotSignInAnyMore()
    {
        var coordinator = await NewPageAsync(AppFixture.Desktop);
        await new DevSignInPage(coordinator).SignInAsAsync(DemoUsers.Coordinator.Key);
        var code = await new PlacementDialog(coordinator).PlaceFirstCandidateAsync("Groupe de parole Bruxelles", "Ouders online (woensdag)");

        var relative = await NewPageAsync(AppFixture.Mobile);
        await NeutralSiteAsync(relative.Context);
        var userName = "wissen-" + Guid.NewGuid().ToString("N")[..5]; // at most 5 digits: 6 would read as a phone number
        const string passphrase = "een-lange-wandeling-langs-de-schelde";
        await relative.GotoAsync("/uitnodiging");
        await relative.GetByLabel("Code", new() { Exact = true }).FillAsync(LogSecrets.Register(code, "invitation code"));
        await relative.GetByRole(AriaRole.Button, new() { Name = "Verder" }).ClickAsync();
        await relative.GetByLabel("Aanmeldnaam", new() { Exact = true }).FillAsync(LogSecrets.Register(userName, "participant login"));
        await relative.GetByLabel("Naam in de groep", new() { Exact = true }).FillAsync(LogSecrets.Register("Wilg " + Guid.NewGuid().ToString("N")[..4], "pseudonym"));
        await relative.GetByLabel("Wachtzin", new() { Exact = true }).FillAsync(LogSecrets.Register(passphrase, "passphrase"));
        await relative.GetByLabel("Wachtzin nog eens", new() { Exact = true }).FillAsync(LogSecrets.Register(passphrase, "passphrase"));
        await relative.GetByTestId("redeem-submit").ClickAsync();
        await relative.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/mijn", new() { Timeout = 20_000 });

        // Signed out and in again, as someone coming back later (once the home runs on its circuit, which re-renders
        // the header with its sign-out form).
        var pages = new ParticipantPages(relative);
        await pages.WaitForInteractiveHomeAsync();
        await pages.SignOutAsync();
        await SignInAsync(relative, userName, passphrase);

        // A wrong passphrase erases nothing.
        await relative.GotoAsync("/mijn/account");
        await relative.Locator("#erase-passphrase").FillAsync("niet-de-goede-wachtzin");
        await relative.GetByTestId("erase-submit").ClickAsync();
        await Expect(relative.GetByRole(AriaRole.Alert)).ToContainTextAsync("Je account is niet gewist.");
        await Accessibility.AssertNoViolationsAsync(relative);
        await Screenshots.TakeAsync(relative, "my-account-6-erase-wrong", fullPage: true);

        await relative.Locator("#erase-passphrase").FillAsync(passphrase);
        await relative.GetByTestId("erase-submit").ClickAsync();
        await relative.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/tot-ziens");
        await Expect(relative.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tot ziens");
        await Expect(relative).ToHaveTitleAsync("Tot ziens");
        (await relative.Context.CookiesAsync()).ShouldNotContain(c => c.Name == ".Lotgenoten.Account");
        await Accessibility.AssertNoViolationsAsync(relative);
        await Screenshots.TakeAsync(relative, "my-account-7-goodbye");

        await relative.GotoAsync("/deelnemer/aanmelden");
        await relative.Locator("#login-username").FillAsync(LogSecrets.Register(userName, "participant login"));
        await relative.Locator("#login-passphrase").FillAsync(passphrase);
        await relative.Locator("#login-passphrase").PressAsync("Enter");
        await Expect(relative.GetByRole(AriaRole.Alert)).ToContainTextAsync("Aanmelden lukte niet");
        await Screenshots.TakeAsync(relative, "my-account-8-sign-in-refused");
    }

    private static Task SignInAsync(IPage page, string userName, string passphrase) =>
        new ParticipantPages(page).SignInAsync(userName, passphrase);

    private static Task NeutralSiteAsync(IBrowserContext context) => ParticipantPages.RouteNeutralSiteAsync(context);
}
