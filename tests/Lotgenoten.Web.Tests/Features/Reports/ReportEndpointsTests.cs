using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Web.Tests.Features.ReferralApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lotgenoten.Web.Tests.Features.Reports;

/// <summary>
/// The export endpoints on the real app (demo data, a fixed clock in March 2026): who gets which variant, the refusals,
/// the JSON against its schema, the CSV as a download, and the audit trail.
/// </summary>
public sealed class ReportEndpointsTests(ReferralApiApp app) : IClassFixture<ReferralApiApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<int> ExportEventsAsync(string entityId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);
        return await db.Set<AuditEvent>().CountAsync(a => a.Kind == AuditKind.FiguresExported && a.EntityId == entityId, Ct);
    }

    [Fact]
    public async Task Api_ReportKey_GetsThePublicFiguresValidAgainstTheSchema()
    {
        using var client = app.ApiClient(ReferralApiApp.ReportKey);
        var before = await ExportEventsAsync("2025:Public");

        using var response = await client.GetAsync("/api/reports/annual/2025", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        response.Headers.CacheControl?.NoStore.ShouldBeTrue();
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        AnnualReportTests.Validate(document).ShouldBeEmpty();
        document["year"]!.GetValue<int>().ShouldBe(2025);
        document["variant"]!.GetValue<string>().ShouldBe("public");
        document["period"]!["from"]!.GetValue<string>().ShouldBe("2025-01-01");
        (await ExportEventsAsync("2025:Public")).ShouldBe(before + 1);
    }

    [Fact]
    public async Task Api_Csv_IsADownloadWithBom()
    {
        using var client = app.ApiClient(ReferralApiApp.ReportKey);

        using var response = await client.GetAsync("/api/reports/annual/2025?format=csv", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition?.FileName?.Trim('"').ShouldBe("lotgenoten-cijfers-2025-publiek.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).ShouldStartWith("figure;part;category;value\r\nreferralsReceived;total;;");
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(ReferralApiApp.HelplineKey, HttpStatusCode.Forbidden)]
    [InlineData("not-a-key", HttpStatusCode.Unauthorized)]
    public async Task Api_WithoutReportScope_IsRefused(string? key, HttpStatusCode expected)
    {
        using var client = app.ApiClient(key);

        using var response = await client.GetAsync("/api/reports/annual/2025", Ct);

        response.StatusCode.ShouldBe(expected);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Theory]
    [InlineData("/api/reports/annual/2025?variant=internal", HttpStatusCode.Forbidden)]
    [InlineData("/api/reports/annual/2016", HttpStatusCode.BadRequest)]
    [InlineData("/api/reports/annual/2027", HttpStatusCode.BadRequest)]
    [InlineData("/api/reports/annual/2025?format=xml", HttpStatusCode.BadRequest)]
    [InlineData("/api/reports/annual/2025?variant=exact", HttpStatusCode.BadRequest)]
    [InlineData("/api/reports/annual/-1", HttpStatusCode.BadRequest)]
    [InlineData("/api/reports/annual/99999999999", HttpStatusCode.NotFound)]
    public async Task Api_BadRequests_GetAProblemAndNoExport(string path, HttpStatusCode expected)
    {
        using var client = app.ApiClient(ReferralApiApp.ReportKey, "en");
        var before = await ExportEventsAsync("2025:Internal");

        using var response = await client.GetAsync(path, Ct);

        response.StatusCode.ShouldBe(expected);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await ExportEventsAsync("2025:Internal")).ShouldBe(before);
    }

    [Fact]
    public async Task Staff_Coordinator_GetsTheInternalVariant()
    {
        using var client = app.CreateNonRedirectingClient();
        using var _ = await client.GetAsync("/dev/signin?user=coordinator", Ct);

        using var response = await client.GetAsync("/cijfers/2025/export?variant=internal", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        document["variant"]!.GetValue<string>().ShouldBe("internal");
        document.ToJsonString().ShouldNotContain("suppressed");
        AnnualReportTests.Validate(document).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("facilitator")]
    [InlineData("counsellor")]
    public async Task Staff_NotACoordinator_IsRefused(string user)
    {
        using var client = app.CreateNonRedirectingClient();
        using var signIn = await client.GetAsync($"/dev/signin?user={user}", Ct);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Found);

        using var response = await client.GetAsync("/cijfers/2025/export?variant=internal", Ct);

        // A browser download: refused with the "no access" page, never the figures.
        response.StatusCode.ShouldBe(HttpStatusCode.Found);
        response.Headers.Location?.AbsolutePath.ShouldBe(Lotgenoten.Web.Features.Account.AuthenticationSetup.AccessDeniedPath);
    }

    [Fact]
    public async Task Staff_Anonymous_IsSentToSignIn()
    {
        using var client = app.CreateNonRedirectingClient();

        using var response = await client.GetAsync("/cijfers/2025/export", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location?.AbsolutePath.ShouldBe("/dev/signin");
    }
}
