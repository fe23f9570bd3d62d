using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Figures;
using Lotgenoten.Web.Features.Reports;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Web.Tests.Features.Reports;

/// <summary>The real app with the demo data and a clock on 29 November 2026 (so the last complete year is 2025).</summary>
public sealed class FiguresApp : LotgenotenWebFactory
{
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    public FiguresApp()
        : base(settings: new Dictionary<string, string?> { ["Demo:Seed"] = "true" })
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now)));
    }
}

/// <summary>
/// The annual figures page's model (<see cref="ReportService.GetPageAsync"/>) on the demo data: the chosen year and the
/// two before it, exactly the cells of the export in either variant, and coordinators only.
/// </summary>
public sealed class FiguresPageServiceTests(FiguresApp app) : IClassFixture<FiguresApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ClaimsPrincipal Staff(string oid, params string[] roles) =>
        new(new ClaimsIdentity(
            [new Claim("oid", oid), new Claim("name", "Test"), .. roles.Select(r => new Claim("roles", r))], "test", "name", "roles"));

    private static ClaimsPrincipal Coordinator => Staff(DemoUsers.Coordinator.ObjectId, AppRoles.Coordinator);

    private ReportService NewService() => app.Services.CreateScope().ServiceProvider.GetRequiredService<ReportService>();

    /// <summary>The export document as <see cref="AnnualReport"/> builds it, computed on its own.</summary>
    private async Task<JsonObject> ExpectedAsync(int year, ReportVariant variant)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>();
        await using var db = await factory.CreateDbContextAsync(Ct);
        return AnnualReport.ToJson(year, await FiguresQuery.ComputeAsync(db, FiguresPeriod.Year(year), Ct), variant);
    }

    /// <summary>Every cell the page shows: its rows and the categories of its breakdowns.</summary>
    private static IEnumerable<(string Figure, string Part, string? Category)> ShownCells(FiguresYear year) =>
        FiguresLayout.AtAGlance.Concat(FiguresLayout.Referrals).Concat(FiguresLayout.GroupsAndMeetings)
            .Concat(FiguresLayout.Members).Concat(FiguresLayout.Safeguarding)
            .Select(r => (r.Figure, r.Part, (string?)null))
            .Concat(FiguresLayout.ReferralBreakdowns.Append(FiguresLayout.WithdrawnByReason)
                .SelectMany(t => year.Categories(t.Figure, t.Breakdown).Select(c => (t.Figure, t.Breakdown, (string?)c.Key))));

    private static bool IsSuppressedIn(JsonObject document, string figure, string part, string? category)
    {
        var node = document["figures"]![figure]![part]!;
        var cell = category is null ? node : node[category]!;
        return cell["suppressed"]?.GetValue<bool>() == true;
    }

    [Fact]
    public void LastCompleteYear_InNovember2026_Is2025()
    {
        NewService().LastCompleteYear.ShouldBe(2025);
    }

    [Fact]
    public async Task GetPageAsync_Internal_HasTheYearAndTheTwoBeforeWithTheExactFigures()
    {
        var page = await NewService().GetPageAsync(Coordinator, 2025, ReportVariant.Internal, Ct);

        page.Years.Select(y => y.Year).ShouldBe([2025, 2024, 2023]);
        page.Chosen.Year.ShouldBe(2025);
        page.Previous.Select(y => y.Year).ShouldBe([2024, 2023]);
        page.Years.ShouldAllBe(y => !y.IsRunning);
        foreach (var year in page.Years)
        {
            year.Document.ToJsonString().ShouldBe((await ExpectedAsync(year.Year, ReportVariant.Internal)).ToJsonString());
            year.Document.ToJsonString().ShouldNotContain("suppressed");
            year.Cell("referralsReceived", "total").Value.ShouldBe((double)year.Figures.ReferralsReceived.Total);
        }

        page.Chosen.Figures.ReferralsReceived.Total.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task GetPageAsync_Public_SuppressesExactlyWhereTheAnnualReportDoes()
    {
        var page = await NewService().GetPageAsync(Coordinator, 2025, ReportVariant.Public, Ct);

        page.Variant.ShouldBe(ReportVariant.Public);
        var suppressedShown = 0;
        foreach (var year in page.Years)
        {
            var expected = await ExpectedAsync(year.Year, ReportVariant.Public);
            year.Document.ToJsonString().ShouldBe(expected.ToJsonString());
            foreach (var (figure, part, category) in ShownCells(year))
            {
                var cell = year.Cell(figure, part, category);
                cell.Suppressed.ShouldBe(IsSuppressedIn(expected, figure, part, category), $"{year.Year} {figure}.{part}.{category}");
                if (cell.Suppressed)
                {
                    suppressedShown++;
                    cell.Value.ShouldBeNull();
                    cell.Format(FigureKind.Count, CultureInfo.GetCultureInfo("nl-BE")).ShouldBe("<5");
                }
            }
        }

        // The demo's regions and reasons have small counts: the public page must hide some.
        suppressedShown.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task GetPageAsync_CurrentYear_IsMarkedRunning()
    {
        var page = await NewService().GetPageAsync(Coordinator, 2026, ReportVariant.Internal, Ct);

        page.Years.Select(y => (y.Year, y.IsRunning)).ShouldBe([(2026, true), (2025, false), (2024, false)]);
    }

    [Fact]
    public async Task GetPageAsync_FirstYear_HasNoYearsBeforeIt()
    {
        var page = await NewService().GetPageAsync(Coordinator, 2017, ReportVariant.Public, Ct);

        page.Years.Select(y => y.Year).ShouldBe([2017]);
        page.Previous.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(2016)]
    [InlineData(2027)]
    public async Task GetPageAsync_YearWithoutFigures_Throws(int year)
    {
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => NewService().GetPageAsync(Coordinator, year, ReportVariant.Internal, Ct));
    }

    [Theory]
    [InlineData(AppRoles.Facilitator)]
    [InlineData(AppRoles.Counsellor)]
    [InlineData(AppRoles.Participant)]
    public async Task GetPageAsync_NotACoordinator_IsRefused(string role)
    {
        await Should.ThrowAsync<UnauthorizedAccessException>(
            () => NewService().GetPageAsync(Staff("someone-oid", role), 2025, ReportVariant.Public, Ct));
    }

    [Fact]
    public async Task GetPageAsync_CoordinatorWithoutObjectId_IsRefused()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("roles", AppRoles.Coordinator)], "test", "name", "roles"));

        await Should.ThrowAsync<UnauthorizedAccessException>(() => NewService().GetPageAsync(user, 2025, ReportVariant.Internal, Ct));
    }

    [Theory]
    [InlineData("facilitator")]
    [InlineData("counsellor")]
    public async Task Page_NotACoordinator_IsRefused(string user)
    {
        using var client = app.CreateNonRedirectingClient();
        using var signIn = await client.GetAsync($"/dev/signin?user={user}", Ct);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Found);

        using var response = await client.GetAsync("/cijfers/2025", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Found);
        response.Headers.Location?.AbsolutePath.ShouldBe(Lotgenoten.Web.Features.Account.AuthenticationSetup.AccessDeniedPath);
    }

    [Fact]
    public async Task Page_Coordinator_OpensOnTheLastCompleteYearWithPrintAndDownloads()
    {
        using var client = app.CreateNonRedirectingClient();
        using var signIn = await client.GetAsync("/dev/signin?user=coordinator", Ct);

        using var response = await client.GetAsync("/cijfers", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("Jaarcijfers 2025</h1>");
        html.ShouldContain("href=\"/cijfers/2025/export?variant=internal&amp;format=csv\"");
        html.ShouldContain("css/figures-print.css");
    }
}
