using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Lotgenoten.EndToEnd.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lotgenoten.EndToEnd.Tests.Passkeys;

/// <summary>
/// Passkeys with Chromium's virtual authenticator (WebAuthn through CDP). Signing up and in with a passkey, and erasing
/// with it, are steps of <see cref="Journeys.RelativeJourneyTests"/>; here the refusal of a passkey the site never stored.
/// </summary>
public sealed class PasskeyTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task SignIn_PasskeyUnknownToTheSite_ShowsTheNeutralMessage()
    {
        var page = await NewPageAsync(AppFixture.Desktop);
        var origin = VirtualAuthenticator.Origin(App);
        var authenticator = await VirtualAuthenticator.AddAsync(page);

        await page.GotoAsync(origin + ParticipantPages.SignInPath);
        await authenticator.AddUnknownCredentialAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden met een passkey" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Aanmelden lukte niet");
        new Uri(page.Url).AbsolutePath.ShouldBe(ParticipantPages.SignInPath);
        (await page.Context.CookiesAsync()).ShouldNotContain(c => c.Name == ".Lotgenoten.Account");
        await Accessibility.AssertNoViolationsAsync(page);
        await Screenshots.TakeAsync(page, "passkey-unknown-credential");
    }
}
