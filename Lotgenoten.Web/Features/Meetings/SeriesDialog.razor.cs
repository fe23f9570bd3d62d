using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using Lotgenoten.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lotgenoten.Web.Features.Meetings;

/// <summary>Plans a series, showing the dates it gives (with clock-change notes and double-booking warnings) as it is filled in.</summary>
public partial class SeriesDialog
{
    private readonly SeriesInput _input = new();
    private MudForm? _form;
    private FluentValueValidator<SeriesInput> _validator = default!;
    private SeriesPreview? _preview;
    private string? _error;
    private bool _saving;

    /// <summary>The group.</summary>
    [Parameter, EditorRequired]
    public Guid GroupId { get; set; }

    /// <summary>The signed-in user (checked again by the planner on every call).</summary>
    [Parameter, EditorRequired]
    public ClaimsPrincipal User { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private PlannerService Planner { get; set; } = default!;

    [Inject]
    private IValidator<SeriesInput> Validator { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    private DateOnly? FirstDate => _input.FirstDate is { } d ? DateOnly.FromDateTime(d) : null;

    private string Hours => _input.StartTime is { } start
        ? $"{PlannerFormat.Time(TimeOnly.FromTimeSpan(start))}–{PlannerFormat.Time(TimeOnly.FromTimeSpan(start).AddMinutes(_input.DurationMinutes))}"
        : string.Empty;

    protected override async Task OnInitializedAsync()
    {
        _validator = new FluentValueValidator<SeriesInput>(Validator);

        // A first suggestion: the same weekday next week.
        var today = Domain.Common.BrusselsTime.Today(Time.GetUtcNow());
        _input.FirstDate = today.AddDays(7).ToDateTime(TimeOnly.MinValue);
        await RefreshAsync();
    }

    private async Task RefreshAsync()
    {
        _error = null;
        var plan = _input.ToPlan();
        if (plan is null)
        {
            _preview = null;
            return;
        }

        _preview = await Planner.PreviewSeriesAsync(User, GroupId, plan, CancellationToken.None);
    }

    private async Task SkipAsync(DateOnly date)
    {
        if (!_input.SkippedDates.Contains(date))
        {
            _input.SkippedDates.Add(date);
        }

        await RefreshAsync();
    }

    private async Task UnskipAsync(DateOnly date)
    {
        _input.SkippedDates.Remove(date);
        await RefreshAsync();
    }

    private async Task SaveAsync()
    {
        if (_form is not null)
        {
            await _form.ValidateAsync();
            if (!_form.IsValid)
            {
                return;
            }
        }

        var plan = _input.ToPlan();
        if (plan is null)
        {
            return;
        }

        _saving = true;
        try
        {
            var result = await Planner.PlanSeriesAsync(User, GroupId, plan, CancellationToken.None);
            if (result.Succeeded)
            {
                Dialog.Close(DialogResult.Ok(_preview?.Dates.Count ?? 0));
                return;
            }

            _error = result.Error;
        }
        finally
        {
            _saving = false;
        }
    }

    private void Close() => Dialog.Cancel();
}
