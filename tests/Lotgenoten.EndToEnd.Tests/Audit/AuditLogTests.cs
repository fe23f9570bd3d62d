using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Lotgenoten.EndToEnd.Tests.Pages;
using Lotgenoten.Infrastructure.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lotgenoten.EndToEnd.Tests.Audit;

/// <summary>The coordinators' audit log: filters, its own view audited once, axe, and the phone width.</summary>
public sealed class AuditLogTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task Coordinator_OpensAuditLogAndFiltersByKind_SeesOwnViewOnce()
    {
        var page = await NewPageAsync(AppFixture.Desktop);
        var home = await new DevSignInPage(page).SignInAsAsync(DemoUsers.Coordinator.Key);
        await home.ShouldBeAtAsync(HomePage.StaffPath);
        await Expect(home.Heading).ToHaveTextAsync("Welkom, Hilde");

        await Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Auditlog" })).ToBeVisibleAsync();
        var log = await new AuditLogPage(page).OpenAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "auditlog");

        // The demo data's groups were created long ago: other tests' newer events push them off the first page, so filter.
        await log.FilterByKindAsync("Groep aangemaakt");
        await Expect(log.Rows.Filter(new() { HasNotText = "Groep aangemaakt" })).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await Expect(log.Rows.First).ToContainTextAsync("Groep aangemaakt");
        await log.OpenAsync();

        // Opening the page (prerendered, then interactive) records exactly one view; filtering records none.
        await log.FilterByKindAsync("Auditlog bekeken");
        await Expect(log.Rows.Filter(new() { HasNotText = "Auditlog bekeken" })).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await Expect(log.Rows.First).ToContainTextAsync("Hilde Coördinator");
        var views = await log.Rows.CountAsync();
        await Screenshots.TakeAsync(page, "auditlog-filtered");
        await log.OpenAsync();
        await log.FilterByKindAsync("Auditlog bekeken");
        await Expect(log.Rows).ToHaveCountAsync(views + 1, new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("audit-clear")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task Coordinator_OnPhone_SeesRowsWithoutSidewaysScrolling()
    {
        var page = await NewPageAsync(AppFixture.Mobile);
        await new DevSignInPage(page).SignInAsAsync(DemoUsers.Coordinator.Key);

        await new AuditLogPage(page).OpenAsync();

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        overflow.ShouldBeLessThanOrEqualTo(0, "the page must not scroll sideways at 360 px");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "auditlog-mobile");
        await page.GetByTestId("audit-grid").ScrollIntoViewIfNeededAsync();
        await Screenshots.TakeAsync(page, "auditlog-mobile-rows");
    }

    [Fact]
    public async Task Facilitator_OpensAuditLog_IsRefused()
    {
        var page = await NewPageAsync(AppFixture.Desktop);
        await new DevSignInPage(page).SignInAsAsync(DemoUsers.Facilitator.Key);

        await page.GotoAsync(AuditLogPage.Path);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).Not.ToHaveTextAsync("Auditlog");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Auditlog" })).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("audit-grid")).ToHaveCountAsync(0);
    }
}
