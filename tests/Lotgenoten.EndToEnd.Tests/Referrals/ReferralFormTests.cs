using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Lotgenoten.EndToEnd.Tests.Pages;
using Lotgenoten.Infrastructure.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lotgenoten.EndToEnd.Tests.Referrals;

/// <summary>A counsellor who has just put the phone down registers a referral and finds it in "Mijn doorverwijzingen".</summary>
public sealed class ReferralFormTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task Counsellor_RegistersReferral_SeesItInMyReferralsWithStatusOnly()
    {
        var page = await NewPageAsync(AppFixture.Desktop);
        var home = await new DevSignInPage(page).SignInAsAsync(DemoUsers.Counsellor.Key);
        await home.ShouldBeAtAsync(HomePage.StaffPath);

        var form = await new ReferralFormPage(page).OpenFromNavigationAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // Saving an empty form says what is missing, at the fields, and keeps the page.
        await form.ClickSaveAsync();
        await Expect(form.FormError).ToBeVisibleAsync();
        await Expect(page.GetByText("Kies minstens één moment waarop de persoon kan.")).ToBeVisibleAsync();
        await Expect(form.Success).ToHaveCountAsync(0);

        const string remark = "Belt liefst na 18 uur.\nGeen voicemail inspreken.";
        await form.FillAsync(new ReferralFormData
        {
            Relation = "Ouder",
            Concern = "Gevoelens, geen feiten",
            Region = "Oost-Vlaanderen",
            Slots = ["dinsdag avond"],
            Email = "e2e.naaste@example.org",
            Contact = "Uitnodiging per e-mail",
            Remark = remark,
        });
        await Expect(form.Slot("dinsdag avond")).ToBeCheckedAsync();
        await Expect(form.FormError).ToHaveCountAsync(0); // every field is fine again
        await Screenshots.TakeAsync(page, "referral-form", fullPage: true);

        var reference = await form.SaveAsync();
        reference.ShouldMatch("^[" + Domain.Common.ReadableCode.Alphabet + "]{8}$");
        var id = await form.ReadReferralIdAsync();
        id.ShouldNotBe(Guid.Empty);
        await Expect(form.Success).ToContainTextAsync("Doorverwijzing geregistreerd");
        await Expect(form.Success.GetByRole(AriaRole.Link, new() { Name = "Doorverwijzing openen" })).ToHaveCountAsync(0);
        await form.WaitForSnackbarsToCloseAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "referral-form-saved");

        var mine = await form.OpenMyReferralsAsync();
        var row = mine.Row(id);
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync(reference);
        await Expect(row).ToContainTextAsync("Ontvangen");
        await Expect(mine.Counts).ToContainTextAsync("Ontvangen");
        // Status only: neither the remark nor the address is on the counsellor's list.
        (await page.ContentAsync()).ShouldNotContain("e2e.naaste@example.org");
        (await page.ContentAsync()).ShouldNotContain("Geen voicemail");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "referral-my-list");

        // A second referral with the same address (other case): the form warns without saying which.
        var again = await new ReferralFormPage(page).OpenFromNavigationAsync();
        await page.GetByLabel("E-mailadres (optioneel)").FillAsync(LogSecrets.Register("E2E.Naaste@Example.org", "e-mail address"));
        await page.GetByLabel("E-mailadres (optioneel)").PressAsync("Tab");
        await Expect(again.DuplicateWarning).ToHaveTextAsync("Er is al een open doorverwijzing met dit e-mailadres.");
    }

    [Fact]
    public async Task Counsellor_OnSmallPhone_FormAndListFitAndPassAxe()
    {
        var page = await NewPageAsync(AppFixture.Mobile);
        await new DevSignInPage(page).SignInAsAsync(DemoUsers.Counsellor.Key);

        var form = await new ReferralFormPage(page).OpenAsync();
        await form.Slot("woensdag namiddag").CheckAsync();
        await Expect(form.Slot("woensdag namiddag")).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Alle avonden" }).ClickAsync();
        await Expect(form.Slot("zondag avond")).ToBeCheckedAsync();

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        overflow.ShouldBeLessThanOrEqualTo(0, "the form scrolls sideways at 360 px");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "referral-form-360", fullPage: true);

        await page.GotoAsync(MyReferralsPage.Path.TrimStart('/'));
        var mine = await new MyReferralsPage(page).WaitUntilReadyAsync();
        await Expect(mine.Heading).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "referral-my-list-360");
    }
}
