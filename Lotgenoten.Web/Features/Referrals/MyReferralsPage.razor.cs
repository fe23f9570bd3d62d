using System.Security.Claims;
using Lotgenoten.Domain.Referrals;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Lotgenoten.Web.Features.Referrals;

/// <summary>
/// "Mijn doorverwijzingen": the referrals the signed-in counsellor (or coordinator) registered, newest first, paged in the
/// database, with counts per status that filter the list. Status and dates only: no remark, no address, no group.
/// </summary>
public partial class MyReferralsPage
{
    private static readonly int[] PageSizes = [10, 25, 50];
    private MudDataGrid<MyReferralRow>? _grid;
    private IReadOnlyList<ReferralStatusCount> _counts = [];
    private int _all;
    private ReferralStatus? _status;
    private bool _denied;
    private bool _isCoordinator;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private ReferralService Referrals { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var user = await UserAsync();
        _denied = !ReferralService.CanRegister(user);
        _isCoordinator = ReferralService.IsCoordinator(user);
    }

    private async Task<ClaimsPrincipal> UserAsync() => (await AuthenticationState).User;

    private async Task<GridData<MyReferralRow>> LoadAsync(GridState<MyReferralRow> state, CancellationToken ct)
    {
        try
        {
            var view = await Referrals.ListMineAsync(await UserAsync(), state.Page, state.PageSize, _status, ct);
            if (!_counts.SequenceEqual(view.Counts))
            {
                (_counts, _all) = (view.Counts, view.All);
                StateHasChanged();
            }

            return new GridData<MyReferralRow> { Items = view.Rows, TotalItems = view.Total };
        }
        catch (UnauthorizedAccessException)
        {
            _denied = true;
            StateHasChanged();
            return new GridData<MyReferralRow> { Items = [], TotalItems = 0 };
        }
    }

    private async Task FilterAsync(ReferralStatus? status)
    {
        _status = status;
        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }
    }
}

/// <summary>The colour of a referral status chip: open steps in blue, placed ones in teal, done in green, closed exits dark.</summary>
internal static class MyReferralsStatusColor
{
    public static Color Of(ReferralStatus status) => status switch
    {
        ReferralStatus.Received or ReferralStatus.IntakePlanned => Color.Info,
        ReferralStatus.IntakeDone or ReferralStatus.Waiting => Color.Warning,
        ReferralStatus.Invited or ReferralStatus.Joined or ReferralStatus.Active => Color.Primary,
        ReferralStatus.Completed => Color.Success,
        _ => Color.Dark,
    };
}
