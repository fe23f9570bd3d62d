using System.Globalization;
using System.Security.Claims;
using Bunit;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Web.Features.Dashboard;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace Lotgenoten.Web.Tests.Features.Dashboard;

/// <summary>The dashboard page on <see cref="DashboardWorld"/>, in Dutch: its sections, its links, and its period.</summary>
public sealed class DashboardPageTests : MudBunitContext, IClassFixture<DashboardWorld>
{
    private const string ThisYear = "from=2026-01-01&to=2026-11-29";

    public DashboardPageTests(DashboardWorld world)
    {
        CultureInfo.CurrentUICulture = new CultureInfo("nl-BE");
        CultureInfo.CurrentCulture = new CultureInfo("nl-BE");
        Services.AddSingleton(world.DbFactory);
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(DashboardWorld.Now));
        Services.AddScoped<DashboardService>();
    }

    private IRenderedComponent<DashboardPage> Open(string oid, string role, string query = "")
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Someone");
        auth.SetRoles(role);
        auth.SetClaims(new Claim("oid", oid));
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/dashboard" + query);
        Render<MudPopoverProvider>();
        var page = Render<DashboardPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=dashboard-figures], [data-testid=dashboard-error], [data-testid=dashboard-empty]"), TimeSpan.FromSeconds(10));
        return page;
    }

    /// <summary>What a screen reader reads for a link named by its content: its text without the parts hidden from it.</summary>
    private static string AccessibleName(AngleSharp.Dom.IElement element)
    {
        var clone = (AngleSharp.Dom.IElement)element.Clone(deep: true);
        foreach (var hidden in clone.QuerySelectorAll("[aria-hidden=true]").ToList())
        {
            hidden.Remove();
        }

        return System.Text.RegularExpressions.Regex.Replace(clone.TextContent, @"\s+", " ").Trim();
    }

    private static string Href(IRenderedComponent<DashboardPage> page, string testId) =>
        page.Find($"[data-testid={testId}]").GetAttribute("href") ?? string.Empty;

    [Fact]
    public void Render_Coordinator_ShowsEverySectionWithLinkedFunnel()
    {
        var page = Open(DashboardWorld.CoordinatorOid, "Coordinator", "?" + ThisYear);

        page.Find("h1").TextContent.Trim().ShouldBe("Dashboard");
        page.FindAll("h1").Count.ShouldBe(1);
        foreach (var section in new[] { "dashboard-period", "dashboard-key", "dashboard-funnel", "dashboard-waiting", "dashboard-groups",
                     "dashboard-attendance-chart", "dashboard-by-relation", "dashboard-by-concern" })
        {
            page.FindAll($"[data-testid={section}]").Count.ShouldBe(1, section);
        }

        var placed = page.Find("[data-testid=funnel-step-Placed]");
        placed.TagName.ShouldBe("A");
        placed.GetAttribute("href").ShouldBe("/dashboard/lijst?list=Stage&stage=Placed&" + ThisYear);
        AccessibleName(placed).ShouldBe("Geplaatst: 3 — lijst openen");
        Href(page, "funnel-step-Received").ShouldBe("/dashboard/lijst?list=Stage&stage=Received&" + ThisYear);
        Href(page, "funnel-step-Unreachable").ShouldBe("/dashboard/lijst?list=Stage&stage=Unreachable&" + ThisYear);
        AccessibleName(page.Find("[data-testid=funnel-step-Declined]")).ShouldBe("Niet geschikt bevonden: 1 — lijst openen");
        AccessibleName(page.Find("[data-testid=tile-Received]")).ShouldBe("7 Doorverwijzingen ontvangen vorig jaar: 2 — lijst openen");
        page.Find("[data-testid=funnel-step-Declined]").ClassList.ShouldContain("lg-dash-bar-muted");
        page.Find("[data-testid=dashboard-funnel]").TextContent.ShouldContain("Van de doorverwijzingen ontvangen in de periode: hoe ver ze tot vandaag kwamen.");

        page.Find("[data-testid=tile-value-Received]").TextContent.Trim().ShouldBe("7");
        page.Find("[data-testid=tile-previous-Received]").TextContent.Trim().ShouldBe("vorig jaar: 2");
        Href(page, "tile-Received").ShouldBe("/dashboard/lijst?list=Stage&stage=Received&" + ThisYear);
        page.Find("[data-testid=tile-value-Attendance]").TextContent.Trim().ShouldBe((5.0 / 6).ToString("P0", CultureInfo.CurrentCulture));
        page.Find("[data-testid=waiting-count]").TextContent.Trim().ShouldBe("3");
        page.Find("[data-testid=waiting-median]").TextContent.Trim().ShouldBe("273 dagen");
        page.Find("[data-testid=waiting-longest]").TextContent.Trim().ShouldBe("363 dagen");
        Href(page, "waiting-language-Fr").ShouldBe("/wachtlijst?tab=Waiting&language=Fr");
        Href(page, "relation-Partner").ShouldBe("/dashboard/lijst?list=Stage&stage=Received&" + ThisYear + "&relation=Partner");
        Href(page, "concern-Unknown").ShouldBe("/dashboard/lijst?list=Stage&stage=Received&" + ThisYear + "&concern=Unknown");
        page.FindAll("[data-testid=group-row]").Select(r => r.TextContent.Trim()).ShouldBe(["Alfa", "Bravo"]);
        page.FindAll("[data-testid=attendance-month]").Count.ShouldBe(11);
        page.FindAll("[data-testid=attendance-month] a")[1].GetAttribute("href").ShouldBe("/dashboard/lijst?list=Meetings&from=2026-02-01&to=2026-02-28");
        page.Find("[data-testid=period-preset-ThisYear]").GetAttribute("aria-pressed").ShouldBe("true");
        page.Find("[data-testid=period-preset-LastYear]").GetAttribute("aria-pressed").ShouldBe("false");
    }

    [Fact]
    public void Render_Facilitator_HasNoWaitingListAndStartsAtPlaced()
    {
        var page = Open(DashboardWorld.FacilitatorOid, "Facilitator", "?" + ThisYear);

        page.FindAll("[data-testid=dashboard-waiting]").ShouldBeEmpty();
        page.FindAll("[data-testid=funnel-step-Received]").ShouldBeEmpty();
        page.Find("[data-testid=dashboard-intro]").TextContent.Trim().ShouldBe("Je ziet de cijfers van je eigen groepen.");
        AccessibleName(page.Find("[data-testid=funnel-step-Placed]")).ShouldBe("Geplaatst: 2 — lijst openen");
        Href(page, "relation-Friend").ShouldBe("/dashboard/lijst?list=Stage&stage=Placed&" + ThisYear + "&relation=Friend");
        page.FindAll("[data-testid=group-row]").Select(r => r.TextContent.Trim()).ShouldBe(["Alfa"]);
    }

    [Fact]
    public void Render_FacilitatorWithoutGroups_ShowsTheEmptyState()
    {
        var page = Open(DashboardWorld.LoneFacilitatorOid, "Facilitator");

        page.Find("[data-testid=dashboard-empty]").TextContent.ShouldContain("Je begeleidt nog geen groep");
        page.FindAll("[data-testid=dashboard-funnel]").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("?from=gisteren&to=morgen")]
    [InlineData("?from=2026-13-01&to=2026-02-30")]
    [InlineData("?from=2026-03-01")]
    public void Render_MissingOrGarbagePeriod_ShowsThisYear(string query)
    {
        var page = Open(DashboardWorld.CoordinatorOid, "Coordinator", query);

        page.FindAll("[data-testid=dashboard-error]").ShouldBeEmpty();
        var figures = page.Find("[data-testid=dashboard-figures]");
        (figures.GetAttribute("data-from"), figures.GetAttribute("data-to")).ShouldBe(("2026-01-01", "2026-11-29"));
        page.Find("[data-testid=period-preset-ThisYear]").GetAttribute("aria-pressed").ShouldBe("true");
        Href(page, "funnel-step-Placed").ShouldBe("/dashboard/lijst?list=Stage&stage=Placed&" + ThisYear);
    }

    [Theory]
    [InlineData("?from=2026-05-01&to=2026-04-01", "Het einde van de periode ligt vóór het begin. Kies een andere periode.")]
    [InlineData("?from=2027-01-01&to=2027-12-31", "Deze periode begint na vandaag. Kies een periode tot en met vandaag.")]
    public void Render_RefusedPeriod_ShowsTheReason(string query, string message)
    {
        var page = Open(DashboardWorld.CoordinatorOid, "Coordinator", query);

        page.Find("[data-testid=dashboard-error]").TextContent.ShouldContain(message);
        page.FindAll("[data-testid=dashboard-figures]").ShouldBeEmpty();
    }

    [Fact]
    public void Render_LastYear_MarksThePresetAndComparesWith2024()
    {
        var page = Open(DashboardWorld.CoordinatorOid, "Coordinator", "?from=2025-01-01&to=2025-12-31");

        page.Find("[data-testid=period-preset-LastYear]").GetAttribute("aria-pressed").ShouldBe("true");
        page.Find("[data-testid=tile-value-Received]").TextContent.Trim().ShouldBe("3");
        page.Find("[data-testid=tile-previous-Received]").TextContent.Trim().ShouldBe("vorig jaar: 0");
    }

    [Fact]
    public void PresetClick_Navigates_WithThePeriodInTheAddress()
    {
        var page = Open(DashboardWorld.CoordinatorOid, "Coordinator", "?" + ThisYear);

        page.Find("[data-testid=period-preset-LastYear]").Click();

        // The click's handler may finish after Click returns (seen once on a loaded machine): wait for the address.
        page.WaitForAssertion(
            () => Services.GetRequiredService<NavigationManager>().Uri.ShouldEndWith("/dashboard?from=2025-01-01&to=2025-12-31"),
            TimeSpan.FromSeconds(10));
        page.WaitForAssertion(() => page.Find("[data-testid=tile-value-Received]").TextContent.Trim().ShouldBe("3"), TimeSpan.FromSeconds(10));
    }
}
