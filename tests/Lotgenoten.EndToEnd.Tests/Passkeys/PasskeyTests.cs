using System.Text;
using Deque.AxeCore.Playwright;
using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Lotgenoten.EndToEnd.Tests.Pages;
using Lotgenoten.Infrastructure.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lotgenoten.EndToEnd.Tests.Passkeys;

/// <summary>
/// Passkeys with Chromium's virtual authenticator (WebAuthn through CDP): a coordinator places a waiting relative, the
/// relative signs up with a passkey instead of a passphrase on a phone-sized screen, signs out, and signs in again with
/// the passkey. WebAuthn needs a secure context and a domain as relying-party id: the relative's browser uses
/// http://localhost (the fixture's 127.0.0.1 is secure but an IP address is no valid relying-party id).
/// </summary>
public sealed class PasskeyTests(AppFixture app) : BrowserTest(app)
{
    // Groups that take new members in the demo data, tried in this order (another test may have filled one); in person
    // first: the relative's home then shows an address rather than an online link.
    private static readonly string[] Groups = ["Groupe de parole Bruxelles", "Ouders online (woensdag)"];

    [Fact]
    public async Task Relative_SignsUpWithPasskey_SignsOutAndInWithIt()
    {
        // The coordinator places a waiting relative and gets the code to hand over.
        var coordinator = await NewPageAsync(AppFixture.Desktop);
        await new DevSignInPage(coordinator).SignInAsAsync(DemoUsers.Coordinator.Key);
        var code = await PlaceSomeoneAsync(coordinator);
        await Screenshots.TakeAsync(coordinator, "passkey-1-code");

        // The relative, in a fresh browser context on a phone, with a platform authenticator.
        var relative = await NewPageAsync(AppFixture.Mobile);
        var origin = $"http://localhost:{App.BaseAddress.Port}";
        var authenticator = await AddVirtualAuthenticatorAsync(relative);

        var redeem = await new RedeemPage(relative).OpenAsync(origin);
        await redeem.EnterCodeAsync(code);
        await Expect(redeem.Welcome).ToBeVisibleAsync();
        var userName = "sleutel-" + Guid.NewGuid().ToString("N")[..6];
        await redeem.UserName.FillAsync(userName);
        await redeem.Pseudonym.FillAsync("Vlinder " + Letters(5));
        await AssertNoAxeViolationsAsync(relative);
        await Screenshots.TakeAsync(relative, "passkey-2-sign-up", fullPage: true);

        // A passkey instead of a passphrase: the passphrase fields stay empty.
        await relative.GetByRole(AriaRole.Button, new() { Name = "Account maken met een passkey" }).ClickAsync();
        await relative.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/mijn", new() { Timeout = 20_000 });
        new Uri(relative.Url).Host.ShouldBe("localhost");
        await Expect(relative.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        (await CredentialCountAsync(authenticator)).ShouldBe(1);
        await AssertNoAxeViolationsAsync(relative);
        await Screenshots.TakeAsync(relative, "passkey-3-home-after-sign-up");

        // Signed out (the phone layout keeps the button in the menu: submit its form), then in again with the passkey.
        await relative.Locator("form.lg-signout").First.EvaluateAsync("form => form.submit()");
        await relative.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await relative.GotoAsync($"{origin}/mijn");
        await relative.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/deelnemer/aanmelden");
        var passkeyButton = relative.GetByRole(AriaRole.Button, new() { Name = "Aanmelden met een passkey" });
        await Expect(passkeyButton).ToBeVisibleAsync();
        await AssertNoAxeViolationsAsync(relative);
        await Screenshots.TakeAsync(relative, "passkey-4-sign-in", fullPage: true);

        await passkeyButton.ClickAsync();
        await relative.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/mijn", new() { Timeout = 20_000 });
        await Expect(relative.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        (await relative.ContentAsync()).ShouldContain(userName);
        await AssertNoAxeViolationsAsync(relative);
        await Screenshots.TakeAsync(relative, "passkey-5-home-after-sign-in");
    }

    [Fact]
    public async Task SignIn_PasskeyUnknownToTheSite_ShowsTheNeutralMessage()
    {
        var page = await NewPageAsync(AppFixture.Desktop);
        var origin = $"http://localhost:{App.BaseAddress.Port}";
        var authenticator = await AddVirtualAuthenticatorAsync(page);

        // A passkey for this site that the site never stored (made by the authenticator itself).
        await page.GotoAsync($"{origin}/deelnemer/aanmelden");
        await authenticator.Cdp.SendAsync("WebAuthn.addCredential", new Dictionary<string, object>
        {
            ["authenticatorId"] = authenticator.Id,
            ["credential"] = new Dictionary<string, object>
            {
                ["credentialId"] = Convert.ToBase64String(Guid.NewGuid().ToByteArray()),
                ["isResidentCredential"] = true,
                ["rpId"] = "localhost",
                ["privateKey"] = TestKey,
                ["userHandle"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(Guid.NewGuid().ToString())),
                ["signCount"] = 0,
            },
        });

        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden met een passkey" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Aanmelden lukte niet");
        new Uri(page.Url).AbsolutePath.ShouldBe("/deelnemer/aanmelden");
        (await page.Context.CookiesAsync()).ShouldNotContain(c => c.Name == ".Lotgenoten.Account");
        await AssertNoAxeViolationsAsync(page);
        await Screenshots.TakeAsync(page, "passkey-unknown-credential");
    }

    /// <summary>A P-256 private key (PKCS#8, base64) for credentials the test puts in the virtual authenticator.</summary>
    private static string TestKey
    {
        get
        {
            using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
            return Convert.ToBase64String(key.ExportPkcs8PrivateKey());
        }
    }

    private sealed record VirtualAuthenticator(ICDPSession Cdp, string Id);

    /// <summary>A platform authenticator with user verification that answers every request by itself.</summary>
    private static async Task<VirtualAuthenticator> AddVirtualAuthenticatorAsync(IPage page)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        var result = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        var id = result?.GetProperty("authenticatorId").GetString() ?? throw new InvalidOperationException("no authenticator id");
        return new VirtualAuthenticator(cdp, id);
    }

    /// <summary>How many passkeys the virtual authenticator holds.</summary>
    private static async Task<int> CredentialCountAsync(VirtualAuthenticator authenticator)
    {
        var result = await authenticator.Cdp.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object>
        {
            ["authenticatorId"] = authenticator.Id,
        });
        return result?.GetProperty("credentials").GetArrayLength() ?? 0;
    }

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

    private static string Letters(int count) =>
        new(Enumerable.Range(0, count).Select(_ => (char)('a' + Random.Shared.Next(26))).ToArray());
}
