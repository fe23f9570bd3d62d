using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Lotgenoten.EndToEnd.Tests.Pages;

/// <summary>
/// The relative's side of the portal as a test drives it: the sign-in page (<c>/deelnemer/aanmelden</c>), signing out,
/// the home (<c>/mijn</c>) with its meetings and answers, and the quick exit's neutral site.
/// </summary>
public sealed class ParticipantPages(IPage page)
{
    public const string SignInPath = "/deelnemer/aanmelden";
    public const string HomePath = "/mijn";

    /// <summary>Where the quick exit leads (QuickExit:Url's default).</summary>
    public const string NeutralSite = "https://www.google.be/";

    public IPage Page { get; } = page;

    /// <summary>The page's one <c>h1</c>.</summary>
    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>The card of the next meeting on the home.</summary>
    public ILocator NextMeeting => Page.GetByTestId("next-meeting");

    /// <summary>The visible quick exit button ("Snel weg").</summary>
    public ILocator QuickExit => Page.Locator("[data-quick-exit]");

    /// <summary>The machine has no internet: the neutral site of the quick exit is answered by the test.</summary>
    public static Task RouteNeutralSiteAsync(IBrowserContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RouteAsync(NeutralSite + "**", route => route.FulfillAsync(new()
        {
            Status = 200,
            ContentType = "text/html",
            Body = "<!DOCTYPE html><html lang=\"en\"><title>Search</title><main><h1>Search</h1></main></html>",
        }));
    }

    /// <summary>Signs in with a login name and passphrase (under <paramref name="origin"/> when given); waits for the home.</summary>
    public async Task SignInAsync(string userName, string passphrase, string? origin = null)
    {
        await Page.GotoAsync((origin?.TrimEnd('/') ?? string.Empty) + SignInPath);
        await Page.Locator("#login-username").FillAsync(LogSecrets.Register(userName, "participant login"));
        await Page.Locator("#login-passphrase").FillAsync(LogSecrets.Register(passphrase, "passphrase"));
        await Page.Locator("#login-passphrase").PressAsync("Enter");
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == HomePath, new() { Timeout = 20_000 });
    }

    /// <summary>Signs out (the phone layout keeps the button in the menu: its form is submitted); waits for the landing page.</summary>
    public async Task SignOutAsync()
    {
        await Page.Locator("form.lg-signout").First.EvaluateAsync("form => form.submit()");
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
    }

    /// <summary>Waits until the home is interactive (its answer buttons work).</summary>
    public async Task WaitForInteractiveHomeAsync()
    {
        await Page.WaitForBlazorAsync();
        await Page.Locator("[data-testid='participant-home'][data-interactive='true']").WaitForAsync(new() { Timeout = 15_000 });
    }

    /// <summary>"Ik kan niet komen" on the next meeting, with a message, saved; waits for the confirmation.</summary>
    public async Task AnswerCantComeAsync(string message)
    {
        await NextMeeting.GetByTestId("answer-cantcome").ClickAsync();
        await Assertions.Expect(NextMeeting.GetByTestId("answer-cantcome")).ToHaveAttributeAsync("aria-pressed", "true");
        await NextMeeting.GetByLabel("Bericht aan je begeleiders").FillAsync(LogSecrets.Register(message, "message to the facilitators"));
        await Assertions.Expect(NextMeeting.GetByTestId("answer-save")).ToBeEnabledAsync();
        await NextMeeting.GetByTestId("answer-save").ClickAsync();
        await Assertions.Expect(NextMeeting.GetByTestId("answer-current")).ToHaveTextAsync("Je hebt gezegd: ik kan niet komen.");
    }

    /// <summary>Waits until the snackbars have gone (axe measures contrast mid-animation otherwise).</summary>
    public Task WaitForSnackbarsToCloseAsync() =>
        Assertions.Expect(Page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
}
