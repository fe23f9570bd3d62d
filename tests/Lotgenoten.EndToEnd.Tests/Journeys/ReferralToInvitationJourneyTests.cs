using System.Text.RegularExpressions;
using Lotgenoten.Domain.Common;
using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Lotgenoten.EndToEnd.Tests.Pages;
using Lotgenoten.Infrastructure.Demo;
using static Microsoft.Playwright.Assertions;

namespace Lotgenoten.EndToEnd.Tests.Journeys;

/// <summary>
/// The path of issue 4 in one browser story: a counsellor registers a referral through the form; a coordinator finds it
/// on the waiting list, records an intake, sees the matching groups, places it and gets an invitation code. Two people,
/// two browser contexts (two cookies), one app.
/// </summary>
public sealed partial class ReferralToInvitationJourneyTests(AppFixture app) : BrowserTest(app)
{
    private const string Group = "Groupe de parole Bruxelles";

    [GeneratedRegex("^[34679ACDEFGHJKMNPRTWXY]{4}-[34679ACDEFGHJKMNPRTWXY]{4}$")]
    private static partial Regex CodeFormat();

    [Fact]
    public async Task CounsellorRegisters_CoordinatorIntakesAndPlaces_InvitationCodeShownOnce()
    {
        // The counsellor, just off the phone with a French-speaking partner from Brussels.
        var counsellor = await NewPageAsync(AppFixture.Desktop);
        await new DevSignInPage(counsellor).SignInAsAsync(DemoUsers.Counsellor.Key);
        var form = await new ReferralFormPage(counsellor).OpenFromNavigationAsync();
        await form.FillAsync(new ReferralFormData
        {
            Channel = "Chat",
            Relation = "Partner",
            Concern = "Gevoelens, geen feiten",
            Language = "Frans",
            Region = "Brussel",
            Format = "Beide",
            Slots = ["maandag avond", "donderdag avond"],
            Remark = "Belt liever niet overdag.",
        });
        var reference = await form.SaveAsync();
        reference.ShouldMatch("^[" + ReadableCode.Alphabet + "]{8}$");
        var referralId = await form.ReadReferralIdAsync();
        await form.WaitForSnackbarsToCloseAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(counsellor);
        await Screenshots.TakeAsync(counsellor, "journey-1-counsellor-saved");

        var mine = await form.OpenMyReferralsAsync();
        await Expect(mine.Row(referralId)).ToContainTextAsync("Ontvangen");

        // The coordinator, in another browser context, finds it on the waiting list by its reference.
        var coordinator = await NewPageAsync(AppFixture.Desktop);
        await new DevSignInPage(coordinator).SignInAsAsync(DemoUsers.Coordinator.Key);
        var list = await new WaitingListPage(coordinator).OpenFromNavigationAsync();
        await list.SelectTabAsync(WaitingListPage.TabToPlan);
        await list.SearchAsync(reference);
        await Expect(list.References).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Screenshots.TakeAsync(coordinator, "journey-2-waiting-list");
        var referral = await list.OpenReferralAsync(reference);
        referral.Id.ShouldBe(referralId);
        (await referral.StatusTextAsync()).ShouldBe("Ontvangen");

        // The intake: planned for today, held today, suitable → on the waiting list.
        var today = BrusselsTime.Today(TimeProvider.System.GetUtcNow());
        await referral.PlanIntakeAsync(today, "10:00", "Hilde Coördinator");
        await Expect(referral.Status).ToHaveTextAsync("Intake gepland", new() { Timeout = 15_000 });
        await referral.RecordSuitableAsync(today);
        await Expect(referral.Status).ToHaveTextAsync("Wachtend", new() { Timeout = 15_000 });
        await referral.WaitForSnackbarsToCloseAsync();

        // The groups that fit, best first; the French mixed group in Brussels is among them.
        var placement = new PlacementDialog(coordinator);
        await Expect(placement.MatchingGroups.First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        (await placement.MatchingGroupNamesAsync()).ShouldContain(Group);
        await Accessibility.AssertNoSeriousViolationsAsync(coordinator);
        await Screenshots.TakeAsync(coordinator, "journey-3-matching-groups");

        // Placed, with a code to hand over by chat: shown once.
        var code = await placement.PlaceAsync(Group, PlacementDialog.Delivery.Handover);
        code.ShouldMatch(CodeFormat().ToString());
        await Expect(placement.OnceNotice).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(coordinator);
        await Screenshots.TakeAsync(coordinator, "journey-4-invitation-code");
        await placement.CloseAsync();
        await Expect(referral.Status).ToHaveTextAsync("Uitgenodigd", new() { Timeout = 15_000 });
        await Expect(placement.Code).ToHaveCountAsync(0);
        (await coordinator.ContentAsync()).ShouldNotContain(code, customMessage: "the code is shown only in the dialog, once");

        // The counsellor sees only the new status.
        await counsellor.ReloadAsync();
        await counsellor.WaitForBlazorAsync();
        await Expect(mine.Row(referralId)).ToContainTextAsync("Uitgenodigd", new() { Timeout = 15_000 });
        (await counsellor.ContentAsync()).ShouldNotContain(Group, customMessage: "counsellors see the status only");
    }
}
