using System.Globalization;
using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Lotgenoten.EndToEnd.Tests.Pages;

/// <summary>
/// What to type into the referral form, by the Dutch texts the form shows (e.g. <c>Relation = "Partner"</c>). Only the
/// fields given are touched; <see cref="ReceivedOn"/> null keeps the form's default (today in Brussels).
/// </summary>
public sealed record ReferralFormData
{
    public DateOnly? ReceivedOn { get; init; }

    public string Channel { get; init; } = "Telefoon";

    public string Relation { get; init; } = "Partner";

    public string Concern { get; init; } = "(Mogelijke) downloader van misbruikbeelden";

    public string Language { get; init; } = "Nederlands";

    public string Region { get; init; } = "Antwerpen";

    public string Format { get; init; } = "Beide";

    /// <summary>Availability slots by their accessible names, e.g. "dinsdag avond".</summary>
    public IReadOnlyList<string> Slots { get; init; } = ["dinsdag avond", "donderdag avond"];

    /// <summary>"Code doorgeven (telefoon of chat)" or "Uitnodiging per e-mail".</summary>
    public string Contact { get; init; } = "Code doorgeven (telefoon of chat)";

    public string? Email { get; init; }

    public bool Consent { get; init; } = true;

    public string? Remark { get; init; }
}

/// <summary>The referral form at <c>/doorverwijzen</c> (counsellors and coordinators), found by roles and accessible names.</summary>
public sealed class ReferralFormPage(IPage page)
{
    public const string Path = "/doorverwijzen";

    public IPage Page { get; } = page;

    /// <summary>The page's one <c>h1</c>, "Doorverwijzing registreren".</summary>
    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator SaveButton => Page.GetByRole(AriaRole.Button, new() { Name = "Doorverwijzing opslaan" });

    /// <summary>The success panel shown after saving.</summary>
    public ILocator Success => Page.GetByTestId("referral-success");

    /// <summary>The short reference in the success panel, e.g. "K7PX3MRD".</summary>
    public ILocator Reference => Page.GetByTestId("referral-reference");

    /// <summary>"Er is al een open doorverwijzing met dit e-mailadres." under the e-mail field.</summary>
    public ILocator DuplicateWarning => Page.GetByTestId("duplicate-warning");

    /// <summary>The summary under the form when saving failed.</summary>
    public ILocator FormError => Page.GetByTestId("referral-form-error");

    /// <summary>A choice of a radio group, e.g. <c>Choice("Relatie tot de persoon over wie men bezorgd is", "Partner")</c>.</summary>
    public ILocator Choice(string group, string option) =>
        Page.GetByRole(AriaRole.Radiogroup, new() { Name = group, Exact = true }).GetByRole(AriaRole.Radio, new() { Name = option, Exact = true });

    /// <summary>An availability checkbox, e.g. "dinsdag avond".</summary>
    public ILocator Slot(string name) => Page.GetByRole(AriaRole.Checkbox, new() { Name = name, Exact = true });

    /// <summary>Opens the form through the navigation item "Nieuwe doorverwijzing" and waits until it is interactive.</summary>
    public async Task<ReferralFormPage> OpenFromNavigationAsync()
    {
        await Page.ClickAndWaitForPathAsync(Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Nieuwe doorverwijzing" }), Path);
        return await WaitUntilReadyAsync();
    }

    /// <summary>Opens <c>/doorverwijzen</c> directly and waits until it is interactive.</summary>
    public async Task<ReferralFormPage> OpenAsync()
    {
        await Page.GotoAsync(Path.TrimStart('/'));
        return await WaitUntilReadyAsync();
    }

    /// <summary>Fills every main field of the form (not saved).</summary>
    public async Task FillAsync(ReferralFormData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.ReceivedOn is { } receivedOn)
        {
            var date = Page.GetByLabel("Ontvangen op");
            await date.FillAsync(receivedOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
            await date.PressAsync("Tab");
        }

        await Choice("Kanaal", data.Channel).CheckAsync();
        await Choice("Relatie tot de persoon over wie men bezorgd is", data.Relation).CheckAsync();
        await Choice("Bezorgdheid", data.Concern).CheckAsync();
        await Choice("Taal", data.Language).CheckAsync();
        await Choice("Vorm", data.Format).CheckAsync();
        await ChooseRegionAsync(data.Region);
        foreach (var slot in data.Slots)
        {
            await Slot(slot).CheckAsync();
        }

        await Choice("Hoe wil de persoon de uitnodiging krijgen?", data.Contact).CheckAsync();
        if (data.Email is not null)
        {
            var email = Page.GetByLabel("E-mailadres (optioneel)");
            await email.FillAsync(LogSecrets.Register(data.Email, "e-mail address"));
            await email.PressAsync("Tab");
        }

        if (data.Consent)
        {
            await Page.GetByRole(AriaRole.Checkbox, new() { Name = "De persoon geeft toestemming" }).CheckAsync();
        }

        if (data.Remark is not null)
        {
            var remark = Page.GetByLabel("Opmerking voor de coördinator");
            await remark.FillAsync(LogSecrets.Register(data.Remark, "referral remark"));
            await remark.PressAsync("Tab");
        }
    }

    /// <summary>Clicks "Doorverwijzing opslaan" (whatever the outcome; see <see cref="SaveAsync"/> for a save that must succeed).</summary>
    public Task ClickSaveAsync() => SaveButton.ClickAsync();

    /// <summary>Saves and waits for the success panel; returns the short reference it shows.</summary>
    public async Task<string> SaveAsync()
    {
        await ClickSaveAsync();
        await Assertions.Expect(Success).ToBeVisibleAsync(new() { Timeout = 15_000 });
        return await ReadReferenceAsync();
    }

    /// <summary>The short reference of the referral just saved, e.g. "K7PX3MRD".</summary>
    public async Task<string> ReadReferenceAsync() => (await Reference.InnerTextAsync()).Trim();

    /// <summary>The id of the referral just saved (for the coordinator's page <c>/doorverwijzingen/{id}</c>).</summary>
    public async Task<Guid> ReadReferralIdAsync() => Guid.Parse((await Success.GetAttributeAsync("data-referral-id")).ShouldNotBeNull());

    /// <summary>"Nog een doorverwijzing registreren": back to an empty form.</summary>
    public async Task StartAnotherAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Nog een doorverwijzing registreren" }).ClickAsync();
        await Assertions.Expect(SaveButton).ToBeVisibleAsync();
    }

    /// <summary>"Naar mijn doorverwijzingen" from the success panel.</summary>
    public async Task<MyReferralsPage> OpenMyReferralsAsync()
    {
        await Page.ClickAndWaitForPathAsync(Success.GetByRole(AriaRole.Link, new() { Name = "Naar mijn doorverwijzingen" }), MyReferralsPage.Path);
        return await new MyReferralsPage(Page).WaitUntilReadyAsync();
    }

    /// <summary>Waits until the success messages have gone (axe measures contrast mid-animation otherwise).</summary>
    public Task WaitForSnackbarsToCloseAsync() =>
        Assertions.Expect(Page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 20_000 });

    private async Task ChooseRegionAsync(string region)
    {
        await Page.GetByTestId("field-region").ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = region, Exact = true }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Option, new() { Name = region, Exact = true })).ToHaveCountAsync(0);
    }

    private async Task<ReferralFormPage> WaitUntilReadyAsync()
    {
        await Page.WaitForBlazorAsync();
        await Page.Locator("header[data-interactive='true']").WaitForAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(Heading).ToHaveTextAsync("Doorverwijzing registreren");
        return this;
    }
}

/// <summary>"Mijn doorverwijzingen" at <c>/doorverwijzingen</c>: the referrals the signed-in user registered, status only.</summary>
public sealed class MyReferralsPage(IPage page)
{
    public const string Path = "/doorverwijzingen";

    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>The list's rows (header row excluded).</summary>
    public ILocator Rows => Page.GetByTestId("my-referrals").Locator("tbody tr");

    /// <summary>
    /// The row of the referral with this id. (Two referrals registered within the same minute can share a short
    /// reference, so rows are found by id.)
    /// </summary>
    public ILocator Row(Guid id) => Rows.Filter(new() { Has = Page.Locator($"[data-referral-id='{id}']") });

    /// <summary>The status-count chips at the top ("Alle · 3", "Ontvangen · 2", …).</summary>
    public ILocator Counts => Page.GetByTestId("my-referrals-counts");

    /// <summary>Opens the list through the navigation item "Mijn doorverwijzingen".</summary>
    public async Task<MyReferralsPage> OpenFromNavigationAsync()
    {
        await Page.ClickAndWaitForPathAsync(Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Mijn doorverwijzingen" }), Path);
        return await WaitUntilReadyAsync();
    }

    internal async Task<MyReferralsPage> WaitUntilReadyAsync()
    {
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == Path);
        await Page.WaitForBlazorAsync();
        await Page.Locator("header[data-interactive='true']").WaitForAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(Heading).ToHaveTextAsync("Mijn doorverwijzingen");
        return this;
    }
}
