using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Lotgenoten.EndToEnd.Tests.Pages;

/// <summary>
/// Matching and placement as a coordinator sees them: the "Passende groepen" panel on a referral's page
/// (<c>/doorverwijzingen/{id}</c>), the "Wachtenden die passen" panel on a group's page, and the placement dialog that
/// shows the invitation code once.
/// </summary>
public sealed class PlacementDialog(IPage page)
{
    /// <summary>How an invitation reaches the relative, as the dialog names the choices.</summary>
    public enum Delivery
    {
        /// <summary>"Per e-mail versturen".</summary>
        Email,

        /// <summary>"Code zelf doorgeven".</summary>
        Handover,
    }

    public IPage Page { get; } = page;

    /// <summary>The "Passende groepen" card on a referral's page.</summary>
    public ILocator MatchingPanel => Page.GetByTestId("matching-panel");

    /// <summary>The groups that fit, best first.</summary>
    public ILocator MatchingGroups => MatchingPanel.GetByTestId("matching-groups").GetByTestId("matching-group");

    /// <summary>The "Wachtenden die passen" panel on a group's page.</summary>
    public ILocator CandidatesPanel => Page.GetByTestId("group-candidates");

    /// <summary>The placement dialog.</summary>
    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog);

    /// <summary>The code shown once after placing, e.g. "KX7P-3MRD".</summary>
    public ILocator Code => Dialog.GetByTestId("invitation-code");

    /// <summary>The link shown once after placing.</summary>
    public ILocator Link => Dialog.GetByTestId("invitation-link");

    /// <summary>"Geldig tot …".</summary>
    public ILocator Expires => Dialog.GetByTestId("invitation-expires");

    /// <summary>"Deze code wordt maar één keer getoond …".</summary>
    public ILocator OnceNotice => Dialog.GetByTestId("once-notice");

    /// <summary>An error or conflict in the dialog.</summary>
    public ILocator Error => Dialog.GetByTestId("place-error");

    /// <summary>One group of the matching panel, by its name.</summary>
    public ILocator MatchingGroup(string groupName) =>
        MatchingGroups.Filter(new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = $"Groep {groupName} openen", Exact = true }) });

    /// <summary>The names of the groups that fit, best first (waits until the panel has loaded).</summary>
    public async Task<IReadOnlyList<string>> MatchingGroupNamesAsync()
    {
        await Assertions.Expect(MatchingPanel.GetByRole(AriaRole.Progressbar)).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        var names = new List<string>();
        foreach (var item in await MatchingGroups.AllAsync())
        {
            names.Add(await item.GetAttributeAsync("data-group-name") ?? "");
        }

        return names;
    }

    /// <summary>The reason texts of a group in the matching panel ("Zelfde taal", "3 vrij", …).</summary>
    public async Task<IReadOnlyList<string>> ReasonsAsync(string groupName) =>
        (await MatchingGroup(groupName).GetByTestId("reasons").Locator("li").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();

    /// <summary>"Plaatsen" on a group in the matching panel; waits for the dialog.</summary>
    public async Task ChooseGroupAsync(string groupName)
    {
        var group = MatchingGroup(groupName);
        await group.WaitForAsync(new() { Timeout = 15_000 });
        await group.GetByTestId("place-group").ClickAsync();
        await Dialog.GetByTestId("place-confirm").WaitForAsync(new() { Timeout = 15_000 });
    }

    /// <summary>"Plaatsen" on a waiting referral (by its short reference) in the group page's candidates panel; waits for the dialog.</summary>
    public async Task ChooseReferralAsync(string reference)
    {
        var candidate = CandidatesPanel.Locator($"[data-testid='candidate'][data-reference='{reference}']");
        await candidate.WaitForAsync(new() { Timeout = 15_000 });
        await candidate.GetByTestId("place-referral").ClickAsync();
        await Dialog.GetByTestId("place-confirm").WaitForAsync(new() { Timeout = 15_000 });
    }

    /// <summary>"Nieuwe code maken" in the invitation panel of a referral's page, confirmed; waits for the dialog.</summary>
    public async Task StartReissueAsync()
    {
        await Page.GetByTestId("invitation-panel").GetByTestId("reissue").ClickAsync();
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Verder" }).ClickAsync();
        await Dialog.GetByTestId("place-confirm").WaitForAsync(new() { Timeout = 15_000 });
    }

    /// <summary>Whether "Per e-mail versturen" can be chosen (not when the referral has no address).</summary>
    public Task<bool> CanChooseEmailAsync() =>
        Dialog.GetByRole(AriaRole.Radio, new() { Name = "Per e-mail versturen" }).IsEnabledAsync();

    /// <summary>Chooses how the invitation reaches the relative.</summary>
    public Task ChooseDeliveryAsync(Delivery delivery) =>
        Dialog.GetByRole(AriaRole.Radio, new() { Name = delivery == Delivery.Email ? "Per e-mail versturen" : "Code zelf doorgeven" }).CheckAsync();

    /// <summary>Confirms ("Plaatsen en code maken"); waits until the code is shown.</summary>
    public async Task ConfirmAsync()
    {
        await Dialog.GetByTestId("place-confirm").ClickAsync();
        await Code.WaitForAsync(new() { Timeout = 15_000 });
    }

    /// <summary>The code the dialog shows (once), e.g. "KX7P-3MRD".</summary>
    public async Task<string> ReadCodeAsync() => LogSecrets.Register((await Code.InnerTextAsync()).Trim(), "invitation code");

    /// <summary>The link the dialog shows (once).</summary>
    public async Task<string> ReadLinkAsync() => LogSecrets.RegisterLink((await Link.InnerTextAsync()).Trim(), "invitation link token");

    /// <summary>Closes the dialog ("Sluiten"); the page reloads the referral.</summary>
    public async Task CloseAsync()
    {
        await Dialog.GetByTestId("place-close").ClickAsync();
        await Assertions.Expect(Dialog).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await Page.WaitForBlazorAsync();
    }

    /// <summary>Waits until the success messages ("Geplaatst. …") have gone (axe measures contrast mid-animation otherwise).</summary>
    public Task WaitForSnackbarsToCloseAsync() =>
        Assertions.Expect(Page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 20_000 });

    /// <summary>The whole placement from a referral's page: choose the group, the delivery, confirm; returns the code shown (dialog left open).</summary>
    public async Task<string> PlaceAsync(string groupName, Delivery delivery = Delivery.Handover)
    {
        await ChooseGroupAsync(groupName);
        await ChooseDeliveryAsync(delivery);
        await ConfirmAsync();
        return await ReadCodeAsync();
    }

    /// <summary>
    /// From the groups list: places the first waiting relative who fits the first of <paramref name="groupNames"/> that
    /// has one (the code handed over); returns the code shown once. Other tests place from the same demo data, so
    /// a test names more than one group where it can.
    /// </summary>
    public async Task<string> PlaceFirstCandidateAsync(params string[] groupNames)
    {
        foreach (var group in groupNames)
        {
            await Page.GotoAsync(GroupsListPage.Path);
            await Page.WaitForBlazorAsync();
            await Page.GetByRole(AriaRole.Link, new() { Name = group, Exact = true }).ClickAsync();
            await Page.WaitForBlazorAsync();
            var candidate = CandidatesPanel.GetByTestId("candidate").First;
            try
            {
                await candidate.WaitForAsync(new() { Timeout = 10_000 });
            }
            catch (TimeoutException)
            {
                continue;
            }

            var reference = await candidate.GetAttributeAsync("data-reference") ?? "";
            await ChooseReferralAsync(reference);
            await ChooseDeliveryAsync(Delivery.Handover);
            await ConfirmAsync();
            return await ReadCodeAsync();
        }

        throw new InvalidOperationException($"No waiting relative fits {string.Join(" or ", groupNames)} any more.");
    }
}
