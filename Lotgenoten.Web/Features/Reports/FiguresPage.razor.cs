using System.Globalization;
using System.Security.Claims;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;

namespace Lotgenoten.Web.Features.Reports;

/// <summary>
/// The annual figures page for coordinators (<c>/cijfers/{year}</c>): every figure of the year with the two years before
/// it, in the sections of the annual report, each with its definition one tap away; the internal variant (exact) or the
/// public one (what the shared report holds: small counts as "&lt;5"), the downloads of that variant, and printing on A4
/// (css/figures-print.css). The figures are computed when the circuit is interactive, not during prerendering.
/// </summary>
public partial class FiguresPage
{
    private readonly HashSet<string> _openDefinitions = [];
    private IReadOnlyList<int> _years = [];
    private FiguresPageModel? _model;
    private ReportVariant _variant = ReportVariant.Internal;
    private bool _denied;
    private string? _error;
    private (int Year, ReportVariant Variant)? _loaded;

    [Parameter]
    public int? Year { get; set; }

    /// <summary><c>publiek</c> for the public variant; anything else (or nothing) is the internal one.</summary>
    [SupplyParameterFromQuery(Name = "variant")]
    public string? Version { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private ReportService Service { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    private int ShownYear => Year ?? Service.LastCompleteYear;

    private string Intro => _model is null || _model.Previous.Count == 0
        ? T["Intro_NoPrevious", ShownYear].Value
        : T["Intro", ShownYear, string.Join(T["And"].Value, _model.Previous.Select(p => p.Year))].Value;

    protected override async Task OnParametersSetAsync()
    {
        _variant = string.Equals(Version, "publiek", StringComparison.OrdinalIgnoreCase) ? ReportVariant.Public : ReportVariant.Internal;
        _years = [.. Enumerable.Range(Referral.EarliestReceivedOn.Year, Service.CurrentYear - Referral.EarliestReceivedOn.Year + 1).Reverse()];
        if (!RendererInfo.IsInteractive || _loaded == (ShownYear, _variant))
        {
            return;
        }

        if (_model is not null && _loaded?.Year == ShownYear)
        {
            _loaded = (ShownYear, _variant);
            _model = _model.WithVariant(_variant);
            return;
        }

        _loaded = (ShownYear, _variant);
        _error = null;
        if (!Service.IsReportableYear(ShownYear))
        {
            _model = null;
            _error = T["Year_Invalid", ShownYear, Referral.EarliestReceivedOn.Year, Service.CurrentYear];
            return;
        }

        try
        {
            var user = (await AuthenticationState).User;
            _model = await Service.GetPageAsync(user, ShownYear, _variant, CancellationToken.None);
        }
        catch (UnauthorizedAccessException)
        {
            _denied = true;
        }
    }

    private void YearChanged(int year) => Navigation.NavigateTo(PathOf(year, _variant));

    private void VariantChanged(ReportVariant variant) => Navigation.NavigateTo(PathOf(ShownYear, variant));

    /// <summary>The page of a year and variant (the variant in the query string, so that it can be bookmarked).</summary>
    public static string PathOf(int year, ReportVariant variant) =>
        variant == ReportVariant.Public ? $"/cijfers/{year}?variant=publiek" : $"/cijfers/{year}";

    private async Task PrintAsync() => await JS.InvokeVoidAsync("print");

    private bool IsOpen(string id) => _openDefinitions.Contains(id);

    private void ToggleDefinition(string id)
    {
        if (!_openDefinitions.Remove(id))
        {
            _openDefinitions.Add(id);
        }
    }

    private string Show(FigureCell cell, FigureKind kind) =>
        kind == FigureKind.Days && cell is { Value: { } days, Suppressed: false }
            ? T["Days_Value", days.ToString("N0", CultureInfo.CurrentCulture)]
            : cell.Format(kind, CultureInfo.CurrentCulture);

    private string CategoryName(string breakdown, string name) => breakdown switch
    {
        "byRelation" => E.Name(Enum.Parse<Relation>(name)),
        "byConcern" => E.Name(Enum.Parse<Concern>(name)),
        "byChannel" => E.Name(Enum.Parse<ReferralChannel>(name)),
        "byLanguage" => E.Name(Enum.Parse<Language>(name)),
        "byRegion" => E.Name(Enum.Parse<Region>(name)),
        "byReason" => E.Name(Enum.Parse<WithdrawalReason>(name)),
        _ => name,
    };
}
