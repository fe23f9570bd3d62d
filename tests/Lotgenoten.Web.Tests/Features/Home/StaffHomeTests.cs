using System.Security.Claims;
using Bunit;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Web.Features.Home;
using Lotgenoten.Web.Tests.Infrastructure;

namespace Lotgenoten.Web.Tests.Features.Home;

public sealed class StaffHomeTests : MudBunitContext
{
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
        home.Markup.ShouldNotContain("Wachtlijst");
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
