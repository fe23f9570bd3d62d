using System.Security.Claims;
using FluentValidation;
using Lotgenoten.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Lotgenoten.Web.Features.Meetings;

/// <summary>Moves a meeting (when <see cref="Meeting"/> is given) or adds one outside the series.</summary>
public partial class MeetingDialog
{
    private readonly MeetingInput _input = new();
    private MudForm? _form;
    private FluentValueValidator<MeetingInput> _validator = default!;
    private IReadOnlyList<string> _warnings = [];
    private string? _error;
    private bool _saving;

    /// <summary>The group.</summary>
    [Parameter, EditorRequired]
    public Guid GroupId { get; set; }

    /// <summary>The signed-in user (checked again by the planner on every call).</summary>
    [Parameter, EditorRequired]
    public ClaimsPrincipal User { get; set; } = default!;

    /// <summary>The meeting to move; null to add a meeting.</summary>
    [Parameter]
    public PlannerMeeting? Meeting { get; set; }

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private PlannerService Planner { get; set; } = default!;

    [Inject]
    private IValidator<MeetingInput> Validator { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IStringLocalizer<PlannerTexts> Texts { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _validator = new FluentValueValidator<MeetingInput>(Validator);
        if (Meeting is not null)
        {
            _input.Date = Meeting.Date.ToDateTime(TimeOnly.MinValue);
            _input.StartTime = Meeting.StartTime.ToTimeSpan();
            _input.DurationMinutes = Meeting.DurationMinutes;
        }

        await CheckAsync();
    }

    private async Task CheckAsync()
    {
        _error = null;
        _warnings = _input.StartLocal is { } start && _input.DurationMinutes is >= Domain.Meetings.MeetingSeries.MinDurationMinutes and <= Domain.Meetings.MeetingSeries.MaxDurationMinutes
            ? await Planner.CheckSlotAsync(User, GroupId, start, _input.DurationMinutes, Meeting?.Id, CancellationToken.None)
            : [];
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

        if (_input.StartLocal is not { } start)
        {
            return;
        }

        _saving = true;
        try
        {
            var result = Meeting is null
                ? await Planner.AddMeetingAsync(User, GroupId, start, _input.DurationMinutes, _input.Theme, CancellationToken.None)
                : await Planner.MoveMeetingAsync(User, GroupId, Meeting.Id, Meeting.Version, start, _input.DurationMinutes, CancellationToken.None);
            if (result.Succeeded)
            {
                Dialog.Close(DialogResult.Ok(true));
            }
            else if (result.Conflict)
            {
                Snackbar.Add(result.Error ?? Texts["Error_Conflict"], MudBlazor.Severity.Warning);
                Dialog.Cancel();
            }
            else
            {
                _error = result.Error;
            }
        }
        finally
        {
            _saving = false;
        }
    }
}
