using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Lotgenoten.Web.Features.Attendance;

/// <summary>The members to check in with after two absences in a row without notice; facilitators see their own groups, coordinators all.</summary>
public partial class FollowUpPage
{
    private IReadOnlyList<CheckInItem>? _items;
    private bool _denied;
    private Guid? _busy;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private CheckInQuery CheckIns { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            _items = await CheckIns.GetAsync((await AuthenticationState).User, CancellationToken.None);
        }
        catch (UnauthorizedAccessException)
        {
            _denied = true;
        }
    }

    private async Task DoneAsync(CheckInItem item)
    {
        _busy = item.MembershipId;
        try
        {
            var result = await CheckIns.MarkDoneAsync((await AuthenticationState).User, item.MembershipId, CancellationToken.None);
            if (result.Succeeded)
            {
                Snackbar.Add(T["FollowUp_Snack", item.Pseudonym], Severity.Success);
            }
            else
            {
                Snackbar.Add(result.Error ?? T["Error_Other"], result.Conflict ? Severity.Warning : Severity.Error);
            }

            await LoadAsync();
        }
        finally
        {
            _busy = null;
        }
    }
}
