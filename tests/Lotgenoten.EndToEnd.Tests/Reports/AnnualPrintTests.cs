using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Lotgenoten.EndToEnd.Tests.Pages;
using Lotgenoten.Infrastructure.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lotgenoten.EndToEnd.Tests.Reports;

/// <summary>
/// The annual figures on paper: Chromium's print-to-PDF of <c>/cijfers</c> gives one A4 page per section of the annual
/// report, without the portal's navigation, app bar, buttons or opened definitions, in Dutch, French and English. The PDFs
/// and a print-emulated screenshot go to <c>test-output/screenshots/</c>.
/// </summary>
public sealed class AnnualPrintTests(AppFixture app) : BrowserTest(app)
{
    /// <summary>A4 in PDF points (210 × 297 mm); Chromium rounds the page to whole CSS pixels, so allow a point.</summary>
    private const double A4Width = 595.28;
    private const double A4Height = 841.89;

    /// <summary>A4 within the print stylesheet's margins, in CSS pixels (96 per inch): the width the screenshots are taken at.</summary>
    private const int A4ContentWidth = 680;
    private const int A4ContentHeight = 1009;

    private static readonly int LastCompleteYear = TimeProvider.System.GetUtcNow().Year - 1; // the app runs on the real clock

    private static readonly Regex MediaBox = new(@"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]");

    [Fact]
    public async Task Coordinator_PrintsAnnualFigures_OnePageA4PerSectionWithoutNavigation()
    {
        var page = await NewPageAsync(AppFixture.Desktop);
        await new DevSignInPage(page).SignInAsAsync(DemoUsers.Coordinator.Key);
        var figures = await new AnnualFiguresPage(page).OpenAsync();
        await Expect(figures.Heading).ToHaveTextAsync($"Jaarcijfers {LastCompleteYear}");
        await Expect(figures.Sections).ToHaveCountAsync(AnnualFiguresPage.PrintedSections.Count);

        // A definition opened on screen stays on screen: paper shows the figures only.
        await page.GetByRole(AriaRole.Button, new() { Name = "Wat telt mee: Doorverwijzingen", Exact = true }).First.ClickAsync();
        await Expect(page.GetByTestId("definition")).ToHaveCountAsync(1);

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        // Nothing of the portal's shell, and none of the page's controls.
        await Expect(page.GetByRole(AriaRole.Navigation)).ToBeHiddenAsync();
        await Expect(page.Locator(".mud-appbar")).ToBeHiddenAsync();
        await Expect(page.Locator(".mud-drawer")).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Afdrukken" })).ToBeHiddenAsync();
        await Expect(page.GetByTestId("figures-year")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("variant-internal")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("download-csv")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("definition")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("definition-button").Filter(new() { Visible = true })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button).Filter(new() { Visible = true })).ToHaveCountAsync(0);

        // The header says what this is, on the first page: the title with the year, and the variant.
        await Expect(figures.Heading).ToBeVisibleAsync();
        await Expect(figures.VariantNote).ToBeVisibleAsync();
        await Expect(figures.VariantNote).ToHaveTextAsync("Interne versie: de exacte aantallen, enkel voor coördinatoren.");

        // Each section starts a new page (the first follows the header), and none breaks inside.
        var keys = AnnualFiguresPage.PrintedSections;
        for (var index = 0; index < keys.Count; index++)
        {
            var section = figures.Section(keys[index]);
            await Expect(section).ToBeVisibleAsync();
            await Expect(section).ToHaveCSSAsync("break-before", index == 0 ? "auto" : "page");
            await Expect(section).ToHaveCSSAsync("break-inside", "avoid");
        }

        await Expect(figures.Section("glance").GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync($"{LastCompleteYear} in een oogopslag");
        await page.SetViewportSizeAsync(A4ContentWidth, A4ContentHeight);
        await Screenshots.TakeAsync(page, "annual-print-nl", fullPage: true);

        var pdf = await figures.SaveAsPdfAsync("annual-print-nl");
        PdfPageSizes(pdf).ShouldSatisfyAllConditions(
            sizes => sizes.Count.ShouldBe(keys.Count, "one A4 page per section"),
            sizes => sizes.ShouldAllBe(size => Math.Abs(size.Width - A4Width) < 1.5 && Math.Abs(size.Height - A4Height) < 1.5, "every page A4 portrait"));

        // Back on screen nothing changed: the navigation is there again.
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await Expect(page.GetByRole(AriaRole.Navigation)).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("fr-BE", "", "Chiffres annuels", "Version interne")]
    [InlineData("en", "?variant=publiek", "Annual figures", "Public version")]
    public async Task Coordinator_PrintsAnnualFiguresInOtherLanguage_SamePagesPerSection(string culture, string query, string title, string variantNote)
    {
        var page = await NewPageAsync(AppFixture.Desktop);
        await new DevSignInPage(page).SignInAsAsync(DemoUsers.Coordinator.Key);
        var path = $"{AnnualFiguresPage.Path}/{LastCompleteYear.ToString(CultureInfo.InvariantCulture)}{query}";

        // The language switch's endpoint: it sets the culture cookie and goes back to the page.
        await page.GotoAsync($"/culture?culture={Uri.EscapeDataString(culture)}&returnUrl={Uri.EscapeDataString(path)}");
        await page.WaitForBlazorAsync();
        var figures = new AnnualFiguresPage(page);
        await figures.WaitForFiguresAsync();
        await Expect(figures.Heading).ToHaveTextAsync($"{title} {LastCompleteYear}");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", new Regex("^" + Regex.Escape(culture.Split('-')[0])));

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.GetByRole(AriaRole.Navigation)).ToBeHiddenAsync();
        await Expect(page.Locator(".mud-appbar")).ToBeHiddenAsync();
        await Expect(figures.VariantNote).ToContainTextAsync(variantNote);
        await Expect(figures.Sections).ToHaveCountAsync(AnnualFiguresPage.PrintedSections.Count);
        await page.SetViewportSizeAsync(A4ContentWidth, A4ContentHeight);
        await Screenshots.TakeAsync(page, $"annual-print-{culture}", fullPage: true);

        var pdf = await figures.SaveAsPdfAsync($"annual-print-{culture}");
        PdfPageSizes(pdf).Count.ShouldBe(AnnualFiguresPage.PrintedSections.Count, $"one A4 page per section in {culture} too");
    }

    /// <summary>
    /// The size of every page of a PDF that Chromium (Skia) wrote, in points: its objects are plain text, a page being an
    /// object of <c>/Type /Page</c> (not the <c>/Pages</c> tree) with its <c>/MediaBox [x0 y0 x1 y1]</c>, or inheriting
    /// the tree's.
    /// </summary>
    private static List<(double Width, double Height)> PdfPageSizes(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        text.ShouldStartWith("%PDF-");
        var objects = Regex.Split(text, @"\bendobj\b");
        var tree = objects.FirstOrDefault(o => Regex.IsMatch(o, @"/Type\s*/Pages\b"));
        var pages = new List<(double, double)>();
        foreach (var page in objects.Where(o => Regex.IsMatch(o, @"/Type\s*/Page(?![A-Za-z])")))
        {
            var box = MediaBox.Match(page);
            if (!box.Success && tree is not null)
            {
                box = MediaBox.Match(tree);
            }

            box.Success.ShouldBeTrue("a page without a MediaBox");
            double Number(int group) => double.Parse(box.Groups[group].Value, CultureInfo.InvariantCulture);
            pages.Add((Number(3) - Number(1), Number(4) - Number(2)));
        }

        pages.ShouldNotBeEmpty("no page objects found in the PDF");
        return pages;
    }
}
