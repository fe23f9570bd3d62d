using Deque.AxeCore.Playwright;
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
    private const string NeutralSite = "https://www.google.be/";

    // Groups that take new members in the demo data, tried in this order (another test may have filled one).
    private static readonly string[] Groups = ["Groupe de parole Bruxelles", "Ouders online (woensdag)"];

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
        await AssertNoAxeViolationsAsync(page);
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
        await AssertNoAxeViolationsAsync(page);
        await Screenshots.TakeAsync(page, "my-account-3-help", fullPage: true);

        // Download my data.
        await page.GotoAsync("/mijn/account");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Account");
        await AssertNoAxeViolationsAsync(page);
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

        // Escape pressed three times does the same.
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

        // Signed in again (the session is still there), the account page shows.
        await page.GotoAsync(new Uri(App.BaseAddress, "/mijn/account").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Account");
    }

    [Fact]
    public async Task Relative_ErasesTheAccountWithThePassphrase_AndCannotSignInAnyMore()
    {
        var coordinator = await NewPageAsync(AppFixture.Desktop);
        await new DevSignInPage(coordinator).SignInAsAsync(DemoUsers.Coordinator.Key);
        var code = await PlaceSomeoneAsync(coordinator);

        var relative = await NewPageAsync(AppFixture.Mobile);
        await NeutralSiteAsync(relative.Context);
        var userName = "wissen-" + Guid.NewGuid().ToString("N")[..6];
        const string passphrase = "een-lange-wandeling-langs-de-schelde";
        await relative.GotoAsync("/uitnodiging");
        await relative.GetByLabel("Code", new() { Exact = true }).FillAsync(code);
        await relative.GetByRole(AriaRole.Button, new() { Name = "Verder" }).ClickAsync();
        await relative.GetByLabel("Aanmeldnaam", new() { Exact = true }).FillAsync(userName);
        await relative.GetByLabel("Naam in de groep", new() { Exact = true }).FillAsync("Wilg " + Guid.NewGuid().ToString("N")[..4]);
        await relative.GetByLabel("Wachtzin", new() { Exact = true }).FillAsync(passphrase);
        await relative.GetByLabel("Wachtzin nog eens", new() { Exact = true }).FillAsync(passphrase);
        await relative.GetByTestId("redeem-submit").ClickAsync();
        await relative.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/mijn", new() { Timeout = 20_000 });

        // Signed out and in again, as someone coming back later.
        await relative.Locator("form.lg-signout").First.EvaluateAsync("form => form.submit()");
        await relative.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await SignInAsync(relative, userName, passphrase);

        // A wrong passphrase erases nothing.
        await relative.GotoAsync("/mijn/account");
        await relative.Locator("#erase-passphrase").FillAsync("niet-de-goede-wachtzin");
        await relative.GetByTestId("erase-submit").ClickAsync();
        await Expect(relative.GetByRole(AriaRole.Alert)).ToContainTextAsync("Je account is niet gewist.");
        await AssertNoAxeViolationsAsync(relative);
        await Screenshots.TakeAsync(relative, "my-account-6-erase-wrong", fullPage: true);

        await relative.Locator("#erase-passphrase").FillAsync(passphrase);
        await relative.GetByTestId("erase-submit").ClickAsync();
        await relative.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/tot-ziens");
        await Expect(relative.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tot ziens");
        await Expect(relative).ToHaveTitleAsync("Tot ziens");
        (await relative.Context.CookiesAsync()).ShouldNotContain(c => c.Name == ".Lotgenoten.Account");
        await AssertNoAxeViolationsAsync(relative);
        await Screenshots.TakeAsync(relative, "my-account-7-goodbye");

        await relative.GotoAsync("/deelnemer/aanmelden");
        await relative.Locator("#login-username").FillAsync(userName);
        await relative.Locator("#login-passphrase").FillAsync(passphrase);
        await relative.Locator("#login-passphrase").PressAsync("Enter");
        await Expect(relative.GetByRole(AriaRole.Alert)).ToContainTextAsync("Aanmelden lukte niet");
        await Screenshots.TakeAsync(relative, "my-account-8-sign-in-refused");
    }

    private static async Task SignInAsync(IPage page, string userName, string passphrase)
    {
        await page.GotoAsync("/deelnemer/aanmelden");
        await page.Locator("#login-username").FillAsync(userName);
        await page.Locator("#login-passphrase").FillAsync(passphrase);
        await page.Locator("#login-passphrase").PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/mijn", new() { Timeout = 20_000 });
    }

    /// <summary>The machine has no internet: the neutral site of the quick exit is answered by the test.</summary>
    private static Task NeutralSiteAsync(IBrowserContext context) =>
        context.RouteAsync(NeutralSite + "**", route => route.FulfillAsync(new()
        {
            Status = 200,
            ContentType = "text/html",
            Body = "<!DOCTYPE html><html lang=\"en\"><title>Search</title><main><h1>Search</h1></main></html>",
        }));

    /// <summary>Places the first waiting relative that fits one of <see cref="Groups"/>; returns the code shown once.</summary>
    private static async Task<string> PlaceSomeoneAsync(IPage page)
    {
        var placement = new PlacementDialog(page);
        foreach (var group in Groups)
        {
            await page.GotoAsync(GroupsListPage.Path);
            await page.WaitForBlazorAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = group, Exact = true }).ClickAsync();
            await page.WaitForBlazorAsync();
            var candidate = placement.CandidatesPanel.GetByTestId("candidate").First;
            try
            {
                await candidate.WaitForAsync(new() { Timeout = 10_000 });
            }
            catch (TimeoutException)
            {
                continue;
            }

            var reference = await candidate.GetAttributeAsync("data-reference") ?? "";
            await placement.ChooseReferralAsync(reference);
            await placement.ChooseDeliveryAsync(PlacementDialog.Delivery.Handover);
            await placement.ConfirmAsync();
            return await placement.ReadCodeAsync();
        }

        throw new InvalidOperationException("No demo group had a waiting relative to place.");
    }

    /// <summary>axe-core with its default rules: no violation at all, whatever its impact, on participant pages.</summary>
    private static async Task AssertNoAxeViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        var text = string.Join("\n", result.Violations.Select(v =>
            $"[{v.Impact}] {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Take(5).Select(n => n.Target?.ToString()))}"));
        result.Violations.Length.ShouldBe(0, $"axe on {page.Url}:\n{text}");
    }
}
