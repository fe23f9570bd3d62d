using System.Globalization;
using Lotgenoten.Domain.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Lotgenoten.Web.Features.Safeguarding;

/// <summary>
/// One concern, opened by a coordinator: the flagged note (reading it is audited), then "Opnemen" (take it) and, once
/// taken, what was done and "Afsluiten" (handle it). Closes with Ok when something changed.
/// </summary>
public sealed partial class ConcernDialog
{
    private ConcernDetail? _detail;
    private bool _notFound;
    private bool _busy;
    private bool _changed;
    private string? _action;
    private string? _error;

    /// <summary>The concern opened.</summary>
    [Parameter, EditorRequired]
    public Guid ConcernId { get; set; }

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private ConcernService Concerns { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            _detail = await Concerns.OpenAsync((await AuthenticationState).User, ConcernId, CancellationToken.None);
            _notFound = _detail is null;
        }
        catch (UnauthorizedAccessException)
        {
            _notFound = true;
        }
    }

    private async Task TakeAsync()
    {
        await RunAsync(async user => await Concerns.TakeAsync(user, ConcernId, _detail!.Concern.Version, CancellationToken.None), T["Snack_Taken"], close: false);
    }

    private async Task HandleAsync()
    {
        await RunAsync(async user => await Concerns.HandleAsync(user, ConcernId, _detail!.Concern.Version, _action, CancellationToken.None), T["Snack_Handled"], close: true);
    }

    private async Task RunAsync(Func<System.Security.Claims.ClaimsPrincipal, Task<ConcernResult>> action, string success, bool close)
    {
        _busy = true;
        _error = null;
        try
        {
            var result = await action((await AuthenticationState).User);
            if (result.Succeeded)
            {
                _changed = true;
                Snackbar.Add(success, Severity.Success);
                if (close)
                {
                    Dialog.Close(DialogResult.Ok(true));
                    return;
                }

                await LoadAsync();
            }
            else
            {
                _error = result.Error;
                if (result.Conflict)
                {
                    await LoadAsync();
                }
            }
        }
        catch (UnauthorizedAccessException)
        {
            _error = T["Error_Denied"];
        }
        finally
        {
            _busy = false;
        }
    }

    private void Close()
    {
        if (_changed)
        {
            Dialog.Close(DialogResult.Ok(true));
        }
        else
        {
            Dialog.Cancel();
        }
    }

    private static string When(DateTimeOffset instant) =>
        BrusselsTime.ToLocal(instant).ToString("d MMM yyyy, HH:mm", CultureInfo.CurrentCulture);
}
