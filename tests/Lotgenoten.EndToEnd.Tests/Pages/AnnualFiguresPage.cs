using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Lotgenoten.EndToEnd.Tests.Pages;

/// <summary>The coordinators' annual figures at <c>/cijfers</c> and <c>/cijfers/{year}</c>.</summary>
public sealed class AnnualFiguresPage(IPage page)
{
    public const string Path = "/cijfers";

    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Report => Page.GetByTestId("figures-report");

    /// <summary>The sections that each print on their own A4 page, in order (the keys of <see cref="Section"/>).</summary>
    public static readonly IReadOnlyList<string> PrintedSections = ["glance", "referrals", "groups", "members", "safeguarding"];

    /// <summary>Every section of the report (each prints on its own A4 page).</summary>
    public ILocator Sections => Report.Locator("section.lg-figures-section");

    /// <summary>One section of the report by its key ("glance", "referrals", …).</summary>
    public ILocator Section(string key) => Page.GetByTestId("figures-section-" + key);

    /// <summary>The line under the title that says which variant this is (exact or public).</summary>
    public ILocator VariantNote => Page.GetByTestId("figures-variant-note");

    /// <summary>Opens the page (a full page load) and waits until the figures are there.</summary>
    public async Task<AnnualFiguresPage> OpenAsync(string path = Path)
    {
        await Page.GotoAsync(path);
        await Page.WaitForBlazorAsync();
        await WaitForFiguresAsync();
        return this;
    }

    /// <summary>Waits until the interactive page shows the figures.</summary>
    public async Task WaitForFiguresAsync() =>
        await Assertions.Expect(Report).ToBeVisibleAsync(new() { Timeout = 30_000 });

    /// <summary>Picks a year in the "Jaar" selector and waits for its figures.</summary>
    public async Task ChooseYearAsync(int year)
    {
        await Page.GetByTestId("figures-year").ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = year.ToString(System.Globalization.CultureInfo.InvariantCulture), Exact = true }).ClickAsync();
        await Assertions.Expect(Report).ToHaveAttributeAsync("data-year", year.ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 30_000 });
    }

    /// <summary>Switches between "Intern" and "Publiek" and waits for that variant's figures.</summary>
    public async Task ChooseVariantAsync(bool publicVariant)
    {
        await Page.GetByTestId(publicVariant ? "variant-public" : "variant-internal").ClickAsync();
        await Assertions.Expect(Report).ToHaveAttributeAsync("data-variant", publicVariant ? "public" : "internal", new() { Timeout = 30_000 });
    }

    /// <summary>
    /// Prints the page as Chromium's "Save as PDF" does (A4, backgrounds, the page size and margins of the print
    /// stylesheet's <c>@page</c>), writes it to <c>test-output/screenshots/&lt;name&gt;.pdf</c> and returns its bytes.
    /// </summary>
    public async Task<byte[]> SaveAsPdfAsync(string name)
    {
        var path = System.IO.Path.Combine(TestPaths.Screenshots, Screenshots.SafeName(name) + ".pdf");
        return await Page.PdfAsync(new() { Path = path, Format = "A4", PrintBackground = true, PreferCSSPageSize = true });
    }
}
