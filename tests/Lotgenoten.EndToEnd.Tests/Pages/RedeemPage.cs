using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Lotgenoten.EndToEnd.Tests.Pages;

/// <summary>
/// Redeeming an invitation (server-rendered): <c>/uitnodiging</c> asks for the code; a working code shows the account
/// form (login name, name in the group, passphrase twice, or a passkey). Every post is a full page load.
/// </summary>
public sealed class RedeemPage(IPage page)
{
    public const string Path = "/uitnodiging";

    public IPage Page { get; } = page;

    /// <summary>The page's one <c>h1</c> ("Uitnodiging").</summary>
    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Code => Page.GetByLabel("Code", new() { Exact = true });

    public ILocator Continue => Page.GetByRole(AriaRole.Button, new() { Name = "Verder" });

    /// <summary>"Deze code werkt niet …", "Te veel pogingen …" or "Kijk de velden hieronder na.".</summary>
    public ILocator Message => Page.GetByTestId("redeem-message");

    /// <summary>The two sentences about the group, shown once a code works.</summary>
    public ILocator Welcome => Page.GetByTestId("redeem-welcome");

    public ILocator UserName => Page.GetByLabel("Aanmeldnaam", new() { Exact = true });

    public ILocator Pseudonym => Page.GetByLabel("Naam in de groep", new() { Exact = true });

    public ILocator Passphrase => Page.GetByLabel("Wachtzin", new() { Exact = true });

    public ILocator Confirmation => Page.GetByLabel("Wachtzin nog eens", new() { Exact = true });

    public ILocator Submit => Page.GetByRole(AriaRole.Button, new() { Name = "Account maken", Exact = true });

    /// <summary>The message under a field: "username", "pseudonym", "passphrase", "passphrase2" or "passkey".</summary>
    public ILocator FieldError(string field) => Page.GetByTestId($"redeem-{field}-error");

    /// <summary>Opens <c>/uitnodiging</c> (relative to the context's base address, or under <paramref name="origin"/>).</summary>
    public async Task<RedeemPage> OpenAsync(string? origin = null)
    {
        await Page.GotoAsync(origin is null ? Path : origin.TrimEnd('/') + Path);
        await Code.WaitForAsync();
        return this;
    }

    /// <summary>Types the code and continues (a full page load).</summary>
    public async Task EnterCodeAsync(string code)
    {
        await Code.FillAsync(LogSecrets.Register(code, "invitation code"));
        await Continue.ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>Fills the account form for the passphrase path.</summary>
    public async Task FillAccountAsync(string userName, string pseudonym, string passphrase, string? confirmation = null)
    {
        await UserName.FillAsync(LogSecrets.Register(userName, "participant login"));
        await Pseudonym.FillAsync(LogSecrets.Register(pseudonym, "pseudonym"));
        await Passphrase.FillAsync(LogSecrets.Register(passphrase, "passphrase"));
        await Confirmation.FillAsync(confirmation ?? passphrase);
    }

    /// <summary>"Account maken" (a full page load: the participant home on success, this form with messages otherwise).</summary>
    public async Task SubmitAsync()
    {
        await Submit.ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }
}
