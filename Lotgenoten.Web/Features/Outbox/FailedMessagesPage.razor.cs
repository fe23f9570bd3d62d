using System.Globalization;
using System.Security.Claims;
using Lotgenoten.Domain.Common;
using Lotgenoten.Infrastructure.Email;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Lotgenoten.Web.Features.Outbox;

public sealed partial class FailedMessagesPage
{
    private IReadOnlyList<FailedOutboxMessage>? messages;
    private ClaimsPrincipal user = new();
    private bool busy;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null)
        {
            user = (await AuthenticationState).User;
        }

        await LoadAsync();
    }

    private async Task LoadAsync() => messages = await Service.GetFailedAsync(user, CancellationToken.None);

    private async Task RetryAsync(Guid id)
    {
        busy = true;
        try
        {
            var retried = await Service.RetryAsync(user, id, CancellationToken.None);
            Snackbar.Add(retried ? T["Retried_One"] : T["Retry_NotPossible"], retried ? Severity.Success : Severity.Warning);
            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private async Task RetryAllAsync()
    {
        busy = true;
        try
        {
            var count = await Service.RetryAllAsync(user, CancellationToken.None);
            Snackbar.Add(T["Retried_All", count], Severity.Success);
            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private static string Local(DateTimeOffset instant) =>
        BrusselsTime.ToLocal(instant).ToString("g", CultureInfo.CurrentCulture);
}
