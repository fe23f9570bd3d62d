using System.Security.Claims;
using FluentValidation;
using Lotgenoten.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lotgenoten.Web.Features.Groups;

/// <summary>Creates a group, or edits one at the version the page showed. Closes with the group's id when saved.</summary>
public partial class GroupDialog
{
    private GroupInput _input = new();
    private MudForm? _form;
    private FluentValueValidator<GroupInput> _validator = default!;
    private IReadOnlyDictionary<string, string> _serverErrors = new Dictionary<string, string>();
    private string? _error;
    private bool _conflict;
    private bool _saving;

    /// <summary>The signed-in user (checked again by the service on every call).</summary>
    [Parameter, EditorRequired]
    public ClaimsPrincipal User { get; set; } = default!;

    /// <summary>The group being edited; null to create one.</summary>
    [Parameter]
    public Guid? GroupId { get; set; }

    /// <summary>The version of the group the page showed.</summary>
    [Parameter]
    public int Version { get; set; }

    /// <summary>The current values when editing.</summary>
    [Parameter]
    public GroupInput? Initial { get; set; }

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private GroupService Groups { get; set; } = default!;

    [Inject]
    private IValidator<GroupInput> Validator { get; set; } = default!;

    protected override void OnInitialized()
    {
        _validator = new FluentValueValidator<GroupInput>(Validator);
        if (Initial is not null)
        {
            _input = Initial;
        }
    }

    private bool ServerError(string field) => _serverErrors.ContainsKey(field);

    private string? ServerText(string field) => _serverErrors.GetValueOrDefault(field);

    private void Cancel() => Dialog.Cancel();

    private async Task SaveAsync()
    {
        _serverErrors = new Dictionary<string, string>();
        _error = null;
        if (_form is not null)
        {
            await _form.ValidateAsync();
            if (!_form.IsValid)
            {
                return;
            }
        }

        _saving = true;
        try
        {
            var result = GroupId is { } id
                ? await Groups.EditAsync(User, id, Version, _input, CancellationToken.None)
                : await Groups.CreateAsync(User, _input, CancellationToken.None);
            if (result.Succeeded)
            {
                Dialog.Close(DialogResult.Ok(result.Id!.Value));
                return;
            }

            _serverErrors = result.FieldErrors;
            _conflict = result.Conflict;
            _error = result.Error;
        }
        finally
        {
            _saving = false;
        }
    }
}
