using System.Globalization;
using Lotgenoten.Domain.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using MudBlazor;

namespace Lotgenoten.Web.Features.Calendar;

/// <summary>
/// "Mijn agenda": a facilitator's private feed link (made on the first visit and shown once), copy, rotate (confirmed:
/// the old link stops working), revoke, and how to subscribe in Outlook, Google and Apple calendars. Each action reads
/// the current authentication state, and the service checks the role again.
/// </summary>
public sealed partial class MyCalendarPage
{
    private static readonly string[] Apps = ["Outlook", "Google", "Apple"];

    private MyCalendarFeed? feed;
    private string? feedUrl;
    private bool busy;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private CalendarFeedService Service { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    // Not in OnInitializedAsync: that also runs while prerendering, and a link made there would be shown by the
    // prerendered HTML only (it cannot be read back for the interactive render).
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        await RunAsync(async user => Show(await Service.GetOrCreateAsync(user, CancellationToken.None)));
        StateHasChanged();
    }

    private async Task CopyAsync()
    {
        if (feedUrl is null)
        {
            return;
        }

        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", feedUrl);
            Snackbar.Add(T["Copied"], Severity.Success);
        }
        catch (JSException)
        {
            Snackbar.Add(T["CopyFailed"], Severity.Warning);
        }
    }

    private async Task RotateAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            T["RotateConfirm_Title"], T["RotateConfirm_Text"], yesText: T["RotateConfirm_Yes"], cancelText: T["Cancel"]);
        if (confirmed == true)
        {
            await RenewAsync();
        }
    }

    private async Task RenewAsync() => await RunAsync(async user =>
    {
        Show(await Service.RotateAsync(user, CancellationToken.None));
        Snackbar.Add(T["Rotated_Done"], Severity.Success);
    });

    private async Task RevokeAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            T["RevokeConfirm_Title"], T["RevokeConfirm_Text"], yesText: T["RevokeConfirm_Yes"], cancelText: T["Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        await RunAsync(async user =>
        {
            await Service.RevokeAsync(user, CancellationToken.None);
            feedUrl = null;
            feed = feed is null ? null : feed with { IsActive = false, RevokedAt = Time.GetUtcNow(), Token = null };
            Snackbar.Add(T["Revoked_Done"], Severity.Info);
        });
    }

    private async Task RunAsync(Func<System.Security.Claims.ClaimsPrincipal, Task> action)
    {
        busy = true;
        try
        {
            var user = (await AuthenticationState).User;
            await action(user);
        }
        catch (UnauthorizedAccessException)
        {
            Navigation.NavigateTo("/", forceLoad: true);
        }
        finally
        {
            busy = false;
        }
    }

    private void Show(MyCalendarFeed value)
    {
        feed = value;
        feedUrl = value.Token is null ? null : CalendarFeedService.FeedUrl(Navigation.BaseUri, value.Token);
    }

    private static string Local(DateTimeOffset instant) =>
        BrusselsTime.ToLocal(instant).ToString("d MMMM yyyy HH:mm", CultureInfo.CurrentCulture);
}
