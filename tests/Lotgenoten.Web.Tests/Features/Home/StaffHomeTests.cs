using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Web.Features.Home;
using Lotgenoten.Web.Tests.Infrastructure;

namespace Lotgenoten.Web.Tests.Features.Home;

public sealed class StaffHomeTests : MudBunitContext
{
    public StaffHomeTests()
    {
        // The role areas load live figures from the database; here only the page's own logic is under test.
        ComponentFactories.AddStub<CoordinatorCards>();
        ComponentFactories.AddStub<FacilitatorCards>();
        ComponentFactories.AddStub<CounsellorCards>();
    }

    [Fact]
    public void Render_Coordinator_GreetsByFirstNameAndShowsOnlyTheCoordinatorArea()
    {
        var home = Render<StaffHome>(p => p.Add(c => c.User, Staff("Hilde Coördinator", AppRoles.Coordinator)));

        home.Find("h1").TextContent.ShouldBe("Welkom, Hilde");
        Areas(home).ShouldBe(["Coördinatie"]);
    }

    [Fact]
    public void Render_CoordinatorAndFacilitator_ShowsBothAreasInTheSameOrder()
    {
        var home = Render<StaffHome>(p => p.Add(c => c.User, Staff("An Coördinator-Begeleider", AppRoles.Facilitator, AppRoles.Coordinator)));

        Areas(home).ShouldBe(["Coördinatie", "Begeleiding"]);
    }

    [Fact]
    public void Render_Counsellor_ShowsOnlyTheHelplineArea()
    {
        var home = Render<StaffHome>(p => p.Add(c => c.User, Staff("Jonas Hulplijn", AppRoles.Counsellor)));

        Areas(home).ShouldBe(["Hulplijn"]);
        home.FindComponents<Stub<CoordinatorCards>>().ShouldBeEmpty();
        home.FindComponents<Stub<CounsellorCards>>().Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("Hilde Coördinator", "Hilde")]
    [InlineData("  Pieter  ", "Pieter")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void FirstName_DisplayName_FirstWord(string? displayName, string expected) =>
        StaffName.FirstName(displayName).ShouldBe(expected);

    private static string[] Areas(IRenderedComponent<StaffHome> home) =>
        [.. home.FindAll("h2").Select(h => h.TextContent.Trim())];

    private static ClaimsPrincipal Staff(string name, params string[] roles) =>
        new(new ClaimsIdentity(
            [new Claim("name", name), .. roles.Select(r => new Claim("roles", r))], "test", "name", "roles"));
}
