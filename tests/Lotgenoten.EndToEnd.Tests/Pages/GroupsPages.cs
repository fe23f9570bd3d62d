using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Lotgenoten.EndToEnd.Tests.Pages;

/// <summary>The group list at <c>/groepen</c> and its "Nieuwe groep" dialog.</summary>
public sealed class GroupsListPage(IPage page)
{
    public const string Path = "/groepen";

    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator NewGroupButton => Page.GetByRole(AriaRole.Button, new() { Name = "Nieuwe groep" }).First;

    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog);

    /// <summary>Opens the list through the navigation item "Groepen".</summary>
    public async Task<GroupsListPage> OpenFromNavigationAsync()
    {
        await Page.ClickAndWaitForPathAsync(Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Groepen" }), Path);
        await Page.WaitForBlazorAsync();
        await Assertions.Expect(Heading).ToHaveTextAsync("Groepen", new() { Timeout = 15_000 });
        return this;
    }

    /// <summary>Fills the dialog for an online group and saves; returns the group's page the app opens.</summary>
    public async Task<GroupDetailPage> CreateOnlineGroupAsync(string name, string link, Func<Task>? beforeSave = null)
    {
        await NewGroupButton.ClickAsync();
        await Dialog.GetByLabel("Naam").FillAsync(name);
        await Dialog.GetByRole(AriaRole.Radio, new() { Name = "Online" }).CheckAsync();
        await Dialog.GetByLabel("Link naar de online bijeenkomst").FillAsync(link);
        if (beforeSave is not null)
        {
            await beforeSave();
        }

        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Groep aanmaken" }).ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith(Path + "/", StringComparison.Ordinal), new() { Timeout = 15_000 });
        return new GroupDetailPage(Page);
    }
}

/// <summary>One group at <c>/groepen/{id}</c>.</summary>
public sealed class GroupDetailPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Facilitators => Page.GetByTestId("facilitators");

    public ILocator Status => Page.Locator(".lg-group-status").First;

    public ILocator PlanMeetingsLink => Page.GetByRole(AriaRole.Link, new() { Name = "Bijeenkomsten plannen" });

    /// <summary>Chooses a member of staff in "Begeleider kiezen" and assigns them.</summary>
    public async Task AssignFacilitatorAsync(string displayName)
    {
        await Page.GetByTestId("facilitator-select").ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = displayName }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Toewijzen" }).ClickAsync();
    }

    /// <summary>Waits until the success messages have gone (axe measures contrast mid-animation otherwise).</summary>
    public Task WaitForSnackbarsToCloseAsync() =>
        Assertions.Expect(Page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 20_000 });

    public Task StartRecruitingAsync() => Page.GetByRole(AriaRole.Button, new() { Name = "Werving starten" }).ClickAsync();
}
