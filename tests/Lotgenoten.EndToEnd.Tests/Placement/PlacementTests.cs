using System.Text.RegularExpressions;
using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Lotgenoten.EndToEnd.Tests.Pages;
using Lotgenoten.Infrastructure.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lotgenoten.EndToEnd.Tests.Placement;

/// <summary>
/// A coordinator places a waiting relative from a group's page and from the referral's page, sees the code once, and
/// returns the unused invitation to the waiting list; at desktop width and at 360 px, with axe. Leaves the demo's
/// waiting list as it found it (the invitations it made are revoked).
/// </summary>
public sealed partial class PlacementTests(AppFixture app) : BrowserTest(app)
{
    private const string Group = "Groupe de parole Bruxelles";

    [GeneratedRegex("^[34679ACDEFGHJKMNPRTWXY]{4}-[34679ACDEFGHJKMNPRTWXY]{4}$")]
    private static partial Regex CodeFormat();

    [Fact]
    public async Task Coordinator_PlacesFromGroupAndReferralPages_SeesCodeOnceAndReturnsToWaitingList()
    {
        var page = await NewPageAsync(AppFixture.Desktop);
        await new DevSignInPage(page).SignInAsAsync(DemoUsers.Coordinator.Key);
        var placement = new PlacementDialog(page);

        // From the group's page: the waiting relatives that fit.
        await page.GotoAsync(GroupsListPage.Path);
        await page.WaitForBlazorAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = Group, Exact = true }).ClickAsync();
        await page.WaitForBlazorAsync();
        var candidate = placement.CandidatesPanel.GetByTestId("candidate").First;
        await Expect(candidate).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var reference = await candidate.GetAttributeAsync("data-reference") ?? "";
        var href = await candidate.GetByRole(AriaRole.Link).First.GetAttributeAsync("href") ?? "";
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "placement-group-candidates");

        await placement.ChooseReferralAsync(reference);
        await placement.ChooseDeliveryAsync(PlacementDialog.Delivery.Handover);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await placement.ConfirmAsync();
        var firstCode = await placement.ReadCodeAsync();
        firstCode.ShouldMatch(CodeFormat().ToString());
        (await placement.ReadLinkAsync()).ShouldStartWith(App.BaseAddress.ToString().TrimEnd('/') + "/uitnodiging/");
        await Expect(placement.OnceNotice).ToContainTextAsync("maar één keer getoond");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "placement-code");
        await placement.CloseAsync();
        await Expect(page.GetByText("Geplaatst. De uitnodiging staat klaar.")).ToBeVisibleAsync();
        await Expect(placement.CandidatesPanel.Locator($"[data-reference='{reference}']")).ToHaveCountAsync(0, new() { Timeout = 15_000 });

        // On the referral's page: the invitation, then back to the waiting list.
        await page.GotoAsync(href);
        var referral = new ReferralPage(page);
        await referral.WaitUntilReadyAsync(reference);
        await Expect(referral.Status).ToHaveTextAsync("Uitgenodigd", new() { Timeout = 15_000 });
        var invitation = page.GetByTestId("invitation-panel").GetByTestId("invitation");
        await Expect(invitation).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Expect(invitation.First).ToHaveAttributeAsync("data-state", "Open");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // A new code: the old one is revoked at once, the new one shown once.
        await placement.StartReissueAsync();
        await placement.ChooseDeliveryAsync(PlacementDialog.Delivery.Handover);
        await placement.ConfirmAsync();
        var secondCode = await placement.ReadCodeAsync();
        secondCode.ShouldMatch(CodeFormat().ToString());
        secondCode.ShouldNotBe(firstCode);
        await placement.CloseAsync();
        await Expect(invitation).ToHaveCountAsync(2, new() { Timeout = 15_000 });
        await Expect(invitation.Nth(0)).ToHaveAttributeAsync("data-state", "Open");
        await Expect(invitation.Nth(1)).ToHaveAttributeAsync("data-state", "Revoked");
        await ReturnToWaitingListAsync(page, referral);

        // From the matching panel: place again (e-mail or handover, whatever the relative has), then undo it.
        (await placement.MatchingGroupNamesAsync()).ShouldContain(Group);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "placement-matching");
        (await placement.PlaceAsync(Group)).ShouldMatch(CodeFormat().ToString());
        await placement.CloseAsync();
        await Expect(referral.Status).ToHaveTextAsync("Uitgenodigd", new() { Timeout = 15_000 });
        await ReturnToWaitingListAsync(page, referral);
        await Expect(page.GetByTestId("invitation-panel").GetByTestId("invitation")).ToHaveCountAsync(3);
    }

    [Fact]
    public async Task Coordinator_AtPhoneWidth_MatchingAndInvitationPanelsPassAxe()
    {
        var page = await NewPageAsync(AppFixture.Mobile);
        await new DevSignInPage(page).SignInAsAsync(DemoUsers.Coordinator.Key);
        var list = await new WaitingListPage(page).OpenAsync();
        await list.SelectTabAsync(WaitingListPage.TabInvited);
        var invited = await list.OpenFirstReferralAsync();
        (await invited.StatusTextAsync()).ShouldBe("Uitgenodigd");
        await Expect(page.GetByTestId("invitation-panel").GetByTestId("invitation").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("no sideways scrolling at 360 px");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "placement-invitation-mobile");

        list = await new WaitingListPage(page).OpenAsync();
        await list.SelectTabAsync(WaitingListPage.TabWaiting);
        var waiting = await list.OpenFirstReferralAsync();
        (await waiting.StatusTextAsync()).ShouldBe("Wachtend");
        await new PlacementDialog(page).MatchingGroupNamesAsync();
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("no sideways scrolling at 360 px");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "placement-matching-mobile");
    }

    private static async Task ReturnToWaitingListAsync(IPage page, ReferralPage referral)
    {
        await page.GetByTestId("return-to-waiting").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Terug naar wachtlijst" }).ClickAsync();
        await Expect(referral.Status).ToHaveTextAsync("Wachtend", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("invitation-panel").GetByTestId("invitation").First).ToHaveAttributeAsync("data-state", "Revoked");
        await referral.WaitForSnackbarsToCloseAsync();
    }
}
