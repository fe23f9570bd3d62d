using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Lotgenoten.EndToEnd.Tests.Pages;
using Lotgenoten.Infrastructure.Demo;
using static Microsoft.Playwright.Assertions;

namespace Lotgenoten.EndToEnd.Tests.Groups;

/// <summary>A coordinator manages groups: the list, a new group, a facilitator, and the move to recruiting.</summary>
public sealed class GroupsTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task Coordinator_CreatesGroupAssignsFacilitatorStartsRecruiting_GroupIsRecruiting()
    {
        var page = await NewPageAsync(AppFixture.Desktop);
        var home = await new DevSignInPage(page).SignInAsAsync(DemoUsers.Coordinator.Key);
        await home.ShouldBeAtAsync(HomePage.StaffPath);
        await Expect(home.Heading).ToHaveTextAsync("Welkom, Hilde");

        var list = await new GroupsListPage(page).OpenFromNavigationAsync();
        await Expect(list.Heading).ToHaveTextAsync("Groepen");
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Partners Antwerpen" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "groups-list");

        var group = await list.CreateOnlineGroupAsync("Ouders online (e2e)", "https://meet.example.org/ouders", async () =>
        {
            await Accessibility.AssertNoSeriousViolationsAsync(page);
            await Screenshots.TakeAsync(page, "groups-new");
        });
        await Expect(group.Heading).ToHaveTextAsync("Ouders online (e2e)", new() { Timeout = 15_000 });
        await Expect(group.Status).ToHaveTextAsync("Gepland");

        await group.AssignFacilitatorAsync("Sarah Begeleider");
        await Expect(group.Facilitators).ToContainTextAsync("Sarah Begeleider", new() { Timeout = 15_000 });

        await group.StartRecruitingAsync();
        await Expect(group.Status).ToHaveTextAsync("Werving", new() { Timeout = 15_000 });
        await Expect(page.GetByText("Nog geen bijeenkomsten gepland.")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(group.PlanMeetingsLink).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/groepen/[0-9a-f-]{36}/planning$"));
        await group.WaitForSnackbarsToCloseAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "groups-detail");
    }

    [Fact]
    public async Task Facilitator_OpensGroups_SeesOwnGroupReadOnly()
    {
        var page = await NewPageAsync(AppFixture.Desktop);
        var home = await new DevSignInPage(page).SignInAsAsync(DemoUsers.Facilitator.Key);
        await home.ShouldBeAtAsync(HomePage.StaffPath);
        await Expect(home.Heading).ToHaveTextAsync("Welkom, Pieter");

        var list = await new GroupsListPage(page).OpenFromNavigationAsync();

        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Partners Antwerpen" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(list.NewGroupButton).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "groups-list-facilitator");
    }
}
