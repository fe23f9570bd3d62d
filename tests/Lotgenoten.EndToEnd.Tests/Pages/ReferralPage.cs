using System.Globalization;
using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Lotgenoten.EndToEnd.Tests.Pages;

/// <summary>One referral at <c>/doorverwijzingen/{id}</c>: its status, details, actions (in dialogs) and history.</summary>
public sealed class ReferralPage(IPage page)
{
    public const string PathPrefix = "/doorverwijzingen/";

    public IPage Page { get; } = page;

    /// <summary>The page's one <c>h1</c>, "Doorverwijzing K7PX3MRD".</summary>
    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>The status chip in the header.</summary>
    public ILocator Status => Page.Locator("header").GetByTestId("referral-status").First;

    /// <summary>"x dagen wachtend" in the header (absent once placed or closed).</summary>
    public ILocator DaysWaiting => Page.GetByTestId("referral-days");

    /// <summary>The open dialog.</summary>
    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog);

    /// <summary>The steps of the history, newest first.</summary>
    public ILocator HistorySteps => Page.GetByTestId("history-step");

    /// <summary>"Iemand anders heeft … gewijzigd" with its reload button.</summary>
    public ILocator Conflict => Page.GetByTestId("conflict");

    /// <summary>The intake's planned time as the page shows it.</summary>
    public ILocator IntakePlanned => Page.GetByTestId("intake-planned");

    /// <summary>Opens a referral's page directly by its id.</summary>
    public static async Task<ReferralPage> OpenAsync(IPage page, Guid id)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(PathPrefix + id);
        var referral = new ReferralPage(page);
        await referral.WaitUntilReadyAsync();
        return referral;
    }

    /// <summary>Waits until the page runs on its circuit (and shows the reference, when given).</summary>
    public async Task WaitUntilReadyAsync(string? reference = null)
    {
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith(PathPrefix, StringComparison.Ordinal), new() { Timeout = 15_000 });
        await Page.WaitForBlazorAsync();
        await Page.Locator("header[data-interactive='true']").WaitForAsync(new() { Timeout = 15_000 });
        if (reference is not null)
        {
            await Assertions.Expect(Heading).ToHaveTextAsync($"Doorverwijzing {reference}", new() { Timeout = 15_000 });
        }
    }

    /// <summary>The status as its name, e.g. "Wachtend".</summary>
    public async Task<string> StatusTextAsync() => (await Status.InnerTextAsync()).Trim();

    /// <summary>The referral's id, from the address.</summary>
    public Guid Id => Guid.Parse(new Uri(Page.Url).AbsolutePath[PathPrefix.Length..], CultureInfo.InvariantCulture);

    /// <summary>"Intake plannen" (or "Intake verplaatsen"): a date, a time ("14:30") and optionally who holds it; saves.</summary>
    public async Task PlanIntakeAsync(DateOnly date, string time, string? with = null)
    {
        await OpenDialogAsync(Page.GetByTestId("action-plan-intake"));
        await FillAsync(Dialog.GetByLabel("Datum"), date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await FillAsync(Dialog.GetByLabel("Uur"), time);
        if (with is not null)
        {
            await Dialog.GetByTestId("intake-staff").ClickAsync();
            await Page.GetByRole(AriaRole.Option, new() { Name = with, Exact = true }).ClickAsync();
        }

        await SaveDialogAsync();
    }

    /// <summary>"Uitkomst intake": suitable (→ waiting), held on <paramref name="heldOn"/> (the dialog's default when null).</summary>
    public Task RecordSuitableAsync(DateOnly? heldOn = null) => RecordOutcomeAsync("Geschikt: op de wachtlijst", heldOn);

    /// <summary>"Uitkomst intake": not suitable, with a reason by its name ("Eerst individuele begeleiding").</summary>
    public Task RecordDeclinedAsync(string reason, DateOnly? heldOn = null) => RecordOutcomeAsync("Niet geschikt (nu)", heldOn, reason);

    /// <summary>"Uitkomst intake": unreachable.</summary>
    public Task RecordUnreachableAsync() => RecordOutcomeAsync("Niet bereikbaar", null);

    /// <summary>Records an outcome by its radio's name.</summary>
    public async Task RecordOutcomeAsync(string outcome, DateOnly? heldOn, string? reason = null)
    {
        await OpenDialogAsync(Page.GetByTestId("action-record-outcome"));
        await Dialog.GetByRole(AriaRole.Radio, new() { Name = outcome }).CheckAsync();
        if (reason is not null)
        {
            await Dialog.GetByTestId("outcome-reason").ClickAsync();
            await Page.GetByRole(AriaRole.Option, new() { Name = reason, Exact = true }).ClickAsync();
        }

        if (heldOn is { } date)
        {
            await FillAsync(Dialog.GetByLabel("Intake gehouden op"), date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        }

        await SaveDialogAsync();
    }

    /// <summary>"Intrekken" with a reason by its name.</summary>
    public async Task WithdrawAsync(string reason)
    {
        await OpenDialogAsync(Page.GetByTestId("action-withdraw"));
        await Dialog.GetByTestId("withdraw-reason").ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = reason, Exact = true }).ClickAsync();
        await SaveDialogAsync();
    }

    /// <summary>"Toon", confirms that the reveal is logged, and returns the address shown.</summary>
    public async Task<string> RevealEmailAsync()
    {
        await Page.GetByTestId("email-reveal").ClickAsync();
        await Assertions.Expect(Dialog).ToBeVisibleAsync();
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Toon en log" }).ClickAsync();
        var address = Page.GetByTestId("email-address");
        await Assertions.Expect(address).ToBeVisibleAsync(new() { Timeout = 15_000 });
        return LogSecrets.Register((await address.InnerTextAsync()).Trim(), "e-mail address");
    }

    /// <summary>Waits until the success messages have gone (axe measures contrast mid-animation otherwise).</summary>
    public Task WaitForSnackbarsToCloseAsync() =>
        Assertions.Expect(Page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 20_000 });

    private async Task OpenDialogAsync(ILocator button)
    {
        await button.ClickAsync();
        await Assertions.Expect(Dialog).ToBeVisibleAsync();
    }

    private async Task SaveDialogAsync()
    {
        await Dialog.GetByTestId("dialog-save").ClickAsync();
        await Assertions.Expect(Dialog).ToBeHiddenAsync(new() { Timeout = 15_000 });
    }

    /// <summary>Types into a MudBlazor input and commits it (they update on change).</summary>
    private static async Task FillAsync(ILocator input, string value)
    {
        await input.FillAsync(value);
        await input.PressAsync("Tab");
    }
}
