using System.Globalization;
using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Lotgenoten.EndToEnd.Tests.Pages;
using Lotgenoten.Infrastructure.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lotgenoten.EndToEnd.Tests.Reports;

/// <summary>The annual figures page: year and variant, a definition, axe, and the A4 print (no navigation).</summary>
public sealed class AnnualFiguresTests(AppFixture app) : BrowserTest(app)
{
    private static readonly int LastCompleteYear = TimeProvider.System.GetUtcNow().Year - 1; // the app runs on the real clock

    [Fact]
    public async Task Coordinator_SwitchesYearAndVariantAndOpensADefinition_PrintsWithoutNavigation()
    {
        var page = await NewPageAsync(AppFixture.Desktop);
        await new DevSignInPage(page).SignInAsAsync(DemoUsers.Coordinator.Key);
        await Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Jaarcijfers" })).ToBeVisibleAsync();

        var figures = await new AnnualFiguresPage(page).OpenAsync();
        await Expect(figures.Heading).ToHaveTextAsync($"Jaarcijfers {LastCompleteYear}");
        await Expect(figures.Report).ToHaveAttributeAsync("data-variant", "internal");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{LastCompleteYear} in een oogopslag" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("tile-ReferralsReceived")).ToContainTextAsync($"in {LastCompleteYear - 1}");
        await Expect(page.GetByTestId("table-referrals").Locator("thead th")).ToHaveTextAsync(
            ["Cijfer", $"{LastCompleteYear}", $"{LastCompleteYear - 1}", $"{LastCompleteYear - 2}"]);

        // The year before: the page follows, with the two years before that beside it.
        await figures.ChooseYearAsync(LastCompleteYear - 1);
        await Expect(figures.Heading).ToHaveTextAsync($"Jaarcijfers {LastCompleteYear - 1}");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/cijfers/{LastCompleteYear - 1}$"));

        // The public variant: what the shared report holds, small counts as "<5" (the demo's regions have some).
        await figures.ChooseVariantAsync(publicVariant: true);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("variant=publiek$"));
        await Expect(page.GetByTestId("breakdown-ByRegion")).ToContainTextAsync("<5");
        await Expect(page.GetByTestId("download-csv")).ToHaveAttributeAsync(
            "href", $"/cijfers/{LastCompleteYear - 1}/export?variant=public&format=csv");

        // One definition, one tap away.
        await Expect(page.GetByTestId("definition")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Wat telt mee: Effectieve start" }).First.ClickAsync();
        await Expect(page.GetByTestId("definition")).ToHaveTextAsync(
            "Van de plaatsingen in het jaar: het deel dat vóór het einde van het jaar een bijeenkomst bijwoonde (gestart ÷ geplaatst).");

        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "annual-figures", fullPage: true);

        // On paper: no app bar, no navigation, no buttons; A4.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator(".mud-drawer")).ToBeHiddenAsync();
        await Expect(page.Locator(".mud-appbar")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("print")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("figures-year")).ToBeHiddenAsync();
        await Expect(figures.Heading).ToBeVisibleAsync();
        await page.SetViewportSizeAsync(680, 1009); // A4 within its 15 mm margins, at 96 dpi

        // One A4 page per section: the title with "in een oogopslag" on the first, then every section fits a page.
        var heights = await page.EvaluateAsync<int[]>(
            "() => [...document.querySelectorAll('.lg-figures-section')].map(s => Math.ceil(s.getBoundingClientRect().bottom - (s.previousElementSibling ? s : document.body).getBoundingClientRect().top))");
        heights.Length.ShouldBe(5);
        heights.ShouldAllBe(h => h <= 1009);
        await Screenshots.TakeAsync(page, "annual-figures-print", fullPage: true);
        var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = true });
        await File.WriteAllBytesAsync(Path.Combine(TestPaths.Screenshots, "annual-figures-print.pdf"), pdf, TestContext.Current.CancellationToken);
        System.Text.Encoding.Latin1.GetString(pdf).ShouldContain("/Count 5"); // five A4 pages, one per section
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
    }

    [Fact]
    public async Task Coordinator_OnPhone_SeesFiguresWithoutSidewaysScrolling()
    {
        var page = await NewPageAsync(AppFixture.Mobile);
        await new DevSignInPage(page).SignInAsAsync(DemoUsers.Coordinator.Key);

        await new AnnualFiguresPage(page).OpenAsync($"{AnnualFiguresPage.Path}/{LastCompleteYear.ToString(CultureInfo.InvariantCulture)}");

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        overflow.ShouldBeLessThanOrEqualTo(0, "the page must not scroll sideways at 360 px");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.TakeAsync(page, "annual-figures-mobile");
    }

    [Fact]
    public async Task Facilitator_OpensAnnualFigures_IsRefused()
    {
        var page = await NewPageAsync(AppFixture.Desktop);
        await new DevSignInPage(page).SignInAsAsync(DemoUsers.Facilitator.Key);

        await page.GotoAsync(AnnualFiguresPage.Path);

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Jaarcijfers" })).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("figures-report")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Jaarcijfers"));
    }
}
