using System.Globalization;
using System.Text.RegularExpressions;
using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Lotgenoten.EndToEnd.Tests.Pages;

/// <summary>
/// The dashboard at <c>/dashboard</c> (coordinators: everything; facilitators: their own groups): the period (presets and
/// <c>?from=yyyy-MM-dd&amp;to=yyyy-MM-dd</c>), the funnel whose steps link to their lists, the waiting list now
/// (coordinators only), the groups, attendance per month, and the cohort by relation and by concern.
/// </summary>
public sealed class DashboardPage(IPage page)
{
    public const string Path = "/dashboard";

    /// <summary>The presets' keys (<c>period-preset-{key}</c>).</summary>
    public const string ThisYear = "ThisYear";
    public const string LastYear = "LastYear";
    public const string Last12Months = "Last12Months";
    public const string ThisQuarter = "ThisQuarter";

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-BE");

    public IPage Page { get; } = page;

    /// <summary>The page's one <c>h1</c>, "Dashboard".</summary>
    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>The period selector: the presets, a custom range, and the period shown.</summary>
    public ILocator Period => Page.GetByTestId("dashboard-period");

    /// <summary>The figures, with the period they are of in <c>data-from</c> and <c>data-to</c> (yyyy-MM-dd).</summary>
    public ILocator Figures => Page.GetByTestId("dashboard-figures");

    public ILocator Funnel => Page.GetByTestId("dashboard-funnel");

    /// <summary>Every step of the funnel (links), in the order shown: the path, then the ways out.</summary>
    public ILocator FunnelSteps => Funnel.Locator("[data-testid^='funnel-step-']");

    /// <summary>The waiting list now (coordinators only).</summary>
    public ILocator Waiting => Page.GetByTestId("dashboard-waiting");

    public ILocator Groups => Page.GetByTestId("dashboard-groups");

    public ILocator AttendanceChart => Page.GetByTestId("dashboard-attendance-chart");

    public ILocator ByRelation => Page.GetByTestId("dashboard-by-relation");

    public ILocator ByConcern => Page.GetByTestId("dashboard-by-concern");

    /// <summary>A preset button ("Vorig jaar" is <see cref="LastYear"/>).</summary>
    public ILocator Preset(string key) => Page.GetByTestId($"period-preset-{key}");

    /// <summary>A step of the funnel by its stage's enum name (<c>Received</c>, <c>Placed</c>, …): a link to its list.</summary>
    public ILocator FunnelStep(string stage) => Page.GetByTestId($"funnel-step-{stage}");

    /// <summary>The bar of one language in "De wachtlijst nu" (<c>Nl</c>, <c>Fr</c>, <c>En</c>): a link to the waiting list.</summary>
    public ILocator WaitingByLanguage(string language) => Waiting.GetByTestId($"waiting-language-{language}");

    /// <summary>The links of the groups' names in "Groepen".</summary>
    public ILocator GroupNames => Groups.GetByTestId("group-row");

    /// <summary>Opens the dashboard through the navigation item "Dashboard" and waits for its figures.</summary>
    public async Task<DashboardPage> OpenFromNavigationAsync()
    {
        await Page.ClickAndWaitForPathAsync(Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Dashboard", Exact = true }), Path);
        await WaitForFiguresAsync();
        return this;
    }

    /// <summary>Opens <c>/dashboard</c> (or an address with a period) with a full page load and waits for the figures.</summary>
    public async Task<DashboardPage> OpenAsync(string path = Path)
    {
        await Page.GotoAsync(path);
        await WaitForFiguresAsync();
        return this;
    }

    /// <summary>Waits until the interactive page shows its figures (computed once the circuit runs).</summary>
    public async Task WaitForFiguresAsync()
    {
        await Page.WaitForBlazorAsync();
        await Assertions.Expect(Page.GetByTestId("dashboard")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 30_000 });
        await Assertions.Expect(Heading).ToHaveTextAsync("Dashboard");
        await Assertions.Expect(Figures).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    /// <summary>Taps a preset and waits until the address and the figures are of <paramref name="from"/>–<paramref name="to"/>.</summary>
    public async Task ChoosePresetAsync(string key, DateOnly from, DateOnly to)
    {
        await Preset(key).ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex($"from={Iso(from)}&to={Iso(to)}"), new() { Timeout = 15_000 });
        await WaitForPeriodAsync(from, to);
        await Assertions.Expect(Preset(key)).ToHaveAttributeAsync("aria-pressed", "true");
    }

    /// <summary>Waits until the figures shown are of <paramref name="from"/>–<paramref name="to"/>.</summary>
    public async Task WaitForPeriodAsync(DateOnly from, DateOnly to)
    {
        await Assertions.Expect(Figures).ToHaveAttributeAsync("data-from", Iso(from), new() { Timeout = 30_000 });
        await Assertions.Expect(Figures).ToHaveAttributeAsync("data-to", Iso(to), new() { Timeout = 30_000 });
    }

    /// <summary>The count a funnel step shows (e.g. 52 for "Ontvangen 52").</summary>
    public async Task<int> StepCountAsync(string stage)
    {
        var count = FunnelStep(stage).Locator("strong");
        await Assertions.Expect(count).ToHaveTextAsync(new Regex(@"^\s*\d[\d.\u00a0\u202f ]*\s*$"));
        return ParseCount(await count.InnerTextAsync());
    }

    /// <summary>
    /// Follows a funnel step to the list behind it and waits for the list; checks that its address names the stage and
    /// the period.
    /// </summary>
    public async Task<DashboardListPage> FollowStepAsync(string stage, DateOnly from, DateOnly to)
    {
        await Page.ClickAndWaitForPathAsync(FunnelStep(stage), DashboardListPage.Path);
        var list = new DashboardListPage(Page);
        await list.WaitForListAsync();
        var query = new Uri(Page.Url).Query;
        query.ShouldContain($"stage={stage}");
        query.ShouldContain($"from={Iso(from)}&to={Iso(to)}");
        return list;
    }

    /// <summary>The count a waiting-list language bar shows.</summary>
    public async Task<int> WaitingByLanguageCountAsync(string language)
    {
        var count = WaitingByLanguage(language).Locator("strong");
        await Assertions.Expect(count).ToHaveTextAsync(new Regex(@"^\s*\d[\d.\u00a0\u202f ]*\s*$"));
        return ParseCount(await count.InnerTextAsync());
    }

    /// <summary>A date as the dashboard's addresses write it.</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A count as the Dutch page writes it ("1.234").</summary>
    public static int ParseCount(string text) =>
        int.Parse(Regex.Replace(text, @"[\s.\u00a0\u202f]", string.Empty), NumberStyles.None, Dutch);
}
