using System.Text.RegularExpressions;
using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Lotgenoten.EndToEnd.Tests.Pages;
using Lotgenoten.Infrastructure.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lotgenoten.EndToEnd.Tests.SignIn;

/// <summary>Each kind of user signs in through the development sign-in and lands on the home page of their role.</summary>
public sealed class DevSignInTests(AppFixture app) : BrowserTest(app)
{
    /// <summary>Role, demo user key, expected home path, expected h1.</summary>
    public static TheoryData<string, string, string, string> Roles => new()
    {
        { "coordinator", DemoUsers.Coordinator.Key, HomePage.StaffPath, "Welkom, Hilde" },
        { "facilitator", DemoUsers.Facilitator.Key, HomePage.StaffPath, "Welkom, Pieter" },
        { "counsellor", DemoUsers.Counsellor.Key, HomePage.StaffPath, "Welkom, Jonas" },
        { "participant", DemoUsers.Participant.Key, HomePage.ParticipantPath, "Welkom, Zonnebloem" },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task SignIn_AsRole_ShowsAccessibleHomePageOfThatRole(string role, string userKey, string homePath, string greeting)
    {
        var page = await NewPageAsync(AppFixture.Desktop);

        var home = await new DevSignInPage(page).SignInAsAsync(userKey);

        await home.ShouldBeAtAsync(homePath);
        await Expect(home.Heading).ToHaveTextAsync(greeting);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, $"home-{role}");
    }

    [Fact]
    public async Task SignIn_AsParticipantOnPhone_ShowsAccessibleHomePage()
    {
        var page = await NewPageAsync(AppFixture.Mobile);

        var home = await new DevSignInPage(page).SignInAsAsync(DemoUsers.Participant.Key);

        await home.ShouldBeAtAsync(HomePage.ParticipantPath);
        await Expect(home.Heading).ToHaveTextAsync("Welkom, Zonnebloem");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "home-participant-mobile");
    }

    [Fact]
    public async Task DevSignInPage_Anonymous_ListsEveryDemoUser()
    {
        var page = await NewPageAsync(AppFixture.Desktop);

        var signIn = await new DevSignInPage(page).OpenAsync();

        await Expect(signIn.Heading).ToBeVisibleAsync();
        foreach (var user in DemoUsers.All)
        {
            var link = signIn.UserLink(user.DisplayName);
            await Expect(link).ToBeVisibleAsync();
            await Expect(link).ToHaveAttributeAsync("href", new Regex($"user={Regex.Escape(user.Key)}(&|$)"));
        }

        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "dev-signin");
    }

    [Fact]
    public async Task DevSignInPage_ClickDemoUser_SignsInAsThatUser()
    {
        var page = await NewPageAsync(AppFixture.Desktop);
        var signIn = await new DevSignInPage(page).OpenAsync();

        var home = await signIn.SignInByClickingAsync(DemoUsers.Coordinator.DisplayName);

        await home.ShouldBeAtAsync(HomePage.StaffPath);
        await Expect(home.Heading).ToHaveTextAsync("Welkom, Hilde");
    }
}
