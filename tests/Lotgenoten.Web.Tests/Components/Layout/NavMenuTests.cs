using Bunit;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Web.Components.Layout;
using Lotgenoten.Web.Tests.Infrastructure;

namespace Lotgenoten.Web.Tests.Components.Layout;

public sealed class NavMenuTests : MudBunitContext
{
    public static TheoryData<string[], string[]> RolesAndItems() => new()
    {
        { [AppRoles.Coordinator], ["/overzicht", "/doorverwijzen", "/wachtlijst", "/groepen", "/berichten", "/opvolging", "/zorgmeldingen", "/auditlog", "/dashboard", "/cijfers"] },
        { [AppRoles.Facilitator], ["/overzicht", "/groepen", "/agenda", "/opvolging", "/dashboard"] },
        { [AppRoles.Counsellor], ["/overzicht", "/doorverwijzen", "/doorverwijzingen"] },
        { [AppRoles.Coordinator, AppRoles.Facilitator], ["/overzicht", "/doorverwijzen", "/wachtlijst", "/groepen", "/berichten", "/agenda", "/opvolging", "/zorgmeldingen", "/auditlog", "/dashboard", "/cijfers"] },
        { [AppRoles.Participant], ["/mijn", "/mijn/voorkeuren", "/mijn/hulp", "/mijn/account"] },
    };

    [Theory]
    [MemberData(nameof(RolesAndItems))]
    public void Render_SignedIn_ShowsOnlyTheItemsOfTheRoles(string[] roles, string[] expected)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Someone");
        auth.SetRoles(roles);

        var nav = Render<NavMenu>();

        Hrefs(nav).ShouldBe(expected);
    }

    [Fact]
    public void Render_Participant_ShowsNoStaffItem()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("zonnebloem");
        auth.SetRoles(AppRoles.Participant);

        var nav = Render<NavMenu>();

        Hrefs(nav).ShouldNotContain("/overzicht");
        nav.Markup.ShouldContain("Mijn pagina");
    }

    [Fact]
    public void Render_Anonymous_ShowsNothing()
    {
        AddAuthorization();

        var nav = Render<NavMenu>();

        Hrefs(nav).ShouldBeEmpty();
    }

    [Fact]
    public void Render_Staff_ShowsLocalizedText()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Hilde");
        auth.SetRoles(AppRoles.Coordinator);

        var nav = Render<NavMenu>();

        nav.Find("a[href='/overzicht']").TextContent.Trim().ShouldBe("Overzicht");
    }

    [Fact]
    public void NavItems_EveryItemHasARoleAndText()
    {
        foreach (var item in NavItems.All)
        {
            item.Roles.ShouldNotBeEmpty();
            item.Href.ShouldStartWith("/");
        }
    }

    private static string[] Hrefs(IRenderedComponent<NavMenu> nav) =>
        [.. nav.FindAll("a[href]").Select(a => a.GetAttribute("href")!)];
}
