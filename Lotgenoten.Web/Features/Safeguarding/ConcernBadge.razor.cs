using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Lotgenoten.Web.Features.Safeguarding;

/// <summary>
/// The number of concerns that wait for a coordinator (open and in progress), on the "Zorgmeldingen" item of the
/// navigation. It counts again whenever <see cref="ConcernNotifier"/> says the queue changed (a note flagged, a concern
/// taken or handled), so it appears on every coordinator page right after a facilitator flags a note. Shows nothing
/// for anyone who is not a coordinator, and nothing where the safeguarding services are not registered.
/// </summary>
public sealed partial class ConcernBadge
{
    private ConcernNotifier? _notifier;
    private int _count;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The count shown (0: no badge).</summary>
    public int Count => _count;

    protected override async Task OnInitializedAsync()
    {
        _notifier = Services.GetService(typeof(ConcernNotifier)) as ConcernNotifier;
        if (_notifier is not null)
        {
            _notifier.Changed += OnChanged;
        }

        await RefreshAsync();
    }

    private void OnChanged() => _ = InvokeAsync(async () =>
    {
        await RefreshAsync();
        StateHasChanged();
    });

    private async Task RefreshAsync()
    {
        if (AuthenticationState is null || Services.GetService(typeof(ConcernService)) is not ConcernService concerns)
        {
            return;
        }

        try
        {
            _count = await concerns.CountWaitingAsync((await AuthenticationState).User, CancellationToken.None);
        }
        catch (UnauthorizedAccessException)
        {
            _count = 0;
        }
    }

    public void Dispose()
    {
        if (_notifier is not null)
        {
            _notifier.Changed -= OnChanged;
        }
    }
}
