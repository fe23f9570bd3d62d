using System.Net;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Web.Features.Account;
using Lotgenoten.Web.Features.Dashboard;
using Lotgenoten.Web.Tests.Features.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lotgenoten.Web.Tests.Features.Dashboard;

/// <summary>
/// The list page behind the dashboard's figures (<c>/dashboard/lijst</c>) as the server renders it, on the demo data
/// with the clock on 29 November 2026: who may open it, the header that says what the list is, and addresses with
/// garbage or someone else's group that get a message instead of an error or another group's rows.
/// </summary>
public sealed class DashboardListPageTests(FiguresApp app) : IClassFixture<FiguresApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpClient> SignedInAsync(string user)
    {
        var client = app.CreateNonRedirectingClient();
        using var signIn = await client.GetAsync($"/dev/signin?user={user}", Ct);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Found);
        return client;
    }

    private async Task<string> PageAsync(string user, string query)
    {
        using var client = await SignedInAsync(user);
        using var response = await client.GetAsync(DashboardLinks.ListPath + query, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, query);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private string Text(string key, params object[] arguments) => app.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<DashboardListTexts>>()[key, arguments].Value;

    private async Task<(Guid Own, Guid Other)> GroupsOfFacilitatorAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);
        var staffId = await db.Set<StaffMember>().Where(s => s.ObjectId == DemoUsers.Facilitator.ObjectId).Select(s => s.Id).SingleAsync(Ct);
        var own = await db.Set<PeerGroup>().Where(g => g.Facilitators.Any(f => f.StaffMemberId == staffId)).Select(g => g.Id).FirstAsync(Ct);
        var other = await db.Set<PeerGroup>().Where(g => !g.Facilitators.Any(f => f.StaffMemberId == staffId)).Select(g => g.Id).FirstAsync(Ct);
        return (own, other);
    }

    [Fact]
    public async Task Page_CoordinatorStageList_SaysWhatTheListIsWithFilterChipAndWayBack()
    {
        var html = await PageAsync("coordinator", "?list=Stage&stage=Placed&from=2026-01-01&to=2026-11-29&relation=Partner");

        html.ShouldContain("data-testid=\"dashboard-list-title\"");
        WebUtility.HtmlDecode(html).ShouldContain(">Geplaatst · doorverwijzingen ontvangen van 1 jan 2026 tot 29 nov 2026 · relatie: Partner</h1>");
        html.ShouldContain("href=\"/dashboard?from=2026-01-01&amp;to=2026-11-29\"");
        html.ShouldContain("data-testid=\"dashboard-list-back\"");
        html.ShouldContain("Terug naar het dashboard");
        html.ShouldContain("data-testid=\"dashboard-list-filter-relation\"");
        html.ShouldContain("href=\"/dashboard/lijst?list=Stage&amp;stage=Placed&amp;from=2026-01-01&amp;to=2026-11-29\"");
        html.ShouldNotContain("data-testid=\"dashboard-list-problem\"");
    }

    [Fact]
    public async Task Page_NoPeriod_IsThisYearToDate()
    {
        var html = await PageAsync("coordinator", "?list=Meetings");

        WebUtility.HtmlDecode(html).ShouldContain(">Gehouden bijeenkomsten van 1 jan 2026 tot 29 nov 2026</h1>");
        html.ShouldContain("href=\"/dashboard?from=2026-01-01&amp;to=2026-11-29\"");
    }

    [Theory]
    [InlineData("?list=Stage&stage=Nope", "UnknownStage")]
    [InlineData("?list=Stage&stage=Placed&relation=Cousin&from=12-12-12", "UnknownRelation")]
    [InlineData("?list=Stage&stage=Placed&concern=%3Cscript%3E", "UnknownConcern")]
    [InlineData("?list=Everything", "UnknownList")]
    [InlineData("?list=Meetings&group=42", "UnknownGroup")]
    [InlineData("?list=Stage&stage=Placed&from=2026-05-01&to=2026-04-01", "InvalidPeriod")]
    public async Task Page_Garbage_GetsALocalizedMessageNotAnError(string query, string problem)
    {
        var html = await PageAsync("coordinator", query);

        html.ShouldContain($"data-problem=\"{problem}\"");
        WebUtility.HtmlDecode(html).ShouldContain(Text("Problem_" + problem));
        html.ShouldNotContain("data-testid=\"dashboard-list-grid\"");
    }

    [Fact]
    public async Task Page_FacilitatorStageBeforePlacement_IsRefusedWithAMessage()
    {
        var html = await PageAsync("facilitator", "?list=Stage&stage=Waiting&from=2026-01-01&to=2026-11-29");

        html.ShouldContain("data-problem=\"StageNotForGroups\"");
    }

    [Fact]
    public async Task Page_FacilitatorForgedGroup_IsRefusedAndNamesNoOtherGroup()
    {
        var (own, other) = await GroupsOfFacilitatorAsync();

        var forged = await PageAsync("facilitator", $"?list=Meetings&from=2026-01-01&to=2026-11-29&group={other}");
        var theirs = await PageAsync("facilitator", $"?list=Meetings&from=2026-01-01&to=2026-11-29&group={own}");

        forged.ShouldContain("data-problem=\"GroupNotInScope\"");
        forged.ShouldNotContain("data-testid=\"dashboard-list-filter-group\"");
        theirs.ShouldNotContain("data-testid=\"dashboard-list-problem\"");
        theirs.ShouldContain("data-testid=\"dashboard-list-filter-group\"");
    }

    [Fact]
    public async Task Page_FacilitatorStageList_IsAboutTheirGroups()
    {
        var html = await PageAsync("facilitator", "?list=Stage&stage=Joined&from=2026-01-01&to=2026-11-29");

        WebUtility.HtmlDecode(html).ShouldContain(">Aangemeld · deelnames in je groepen, geplaatst van 1 jan 2026 tot 29 nov 2026</h1>");
        html.ShouldNotContain("data-testid=\"dashboard-list-problem\"");
    }

    [Fact]
    public async Task Page_Counsellor_IsSentToAccessDenied()
    {
        using var client = await SignedInAsync("counsellor");

        using var response = await client.GetAsync(DashboardLinks.ListPath + "?list=Stage&stage=Received", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Found);
        response.Headers.Location?.AbsolutePath.ShouldBe(AuthenticationSetup.AccessDeniedPath);
    }

    [Fact]
    public async Task Page_Participant_IsForbidden()
    {
        using var client = await SignedInAsync("participant");

        using var response = await client.GetAsync(DashboardLinks.ListPath + "?list=Stage&stage=Received", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Page_Anonymous_IsSentToSignIn()
    {
        using var client = app.CreateNonRedirectingClient();

        using var response = await client.GetAsync(DashboardLinks.ListPath, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Found);
        response.Headers.Location?.AbsolutePath.ShouldNotBe(AuthenticationSetup.AccessDeniedPath);
    }
}
