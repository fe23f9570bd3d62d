using Lotgenoten.Web.Features.Culture;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Lotgenoten.Web.Features.MyAccount;

/// <summary>
/// The participant's preferences: language, discreet or full titles, e-mail invites (only with an address on file),
/// reminder, and the pseudonym. A language change reloads the page through the culture endpoint (it sets the cookie).
/// </summary>
public sealed partial class PreferencesPage
{
    private PreferencesView? _view;
    private PreferencesInput _input = new();
    private MudForm? _form;
    private string? _error;
    private string? _errorField;
    private bool _saving;

    [Inject]
    private MyAccountService Service { get; set; } = default!;

    [Inject]
    private IStringLocalizer<MyAccountTexts> T { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        var user = (await AuthenticationState).User;
        _view = await Service.GetPreferencesAsync(user, CancellationToken.None);
        _input = _view.Input;
    }

    private string? FieldError(string field) => _errorField == field ? _error : null;

    private async Task SaveAsync()
    {
        _saving = true;
        _error = null;
        _errorField = null;
        try
        {
            var user = (await AuthenticationState).User;
            var before = await Service.GetPreferencesAsync(user, CancellationToken.None);
            var result = await Service.SavePreferencesAsync(user, _input, CancellationToken.None);
            if (!result.Succeeded)
            {
                _error = result.Message;
                _errorField = result.Field;
                if (result.Conflict)
                {
                    // Someone (another tab) changed them: show what is stored now, and say so.
                    await LoadAsync();
                }

                return;
            }

            Snackbar.Add(T["Preferences_Saved"], Severity.Success);
            if (!string.Equals(before.Input.Language, _input.Language, StringComparison.Ordinal))
            {
                var culture = MyAccountService.CultureOf(_input.Language);
                Navigation.NavigateTo($"{CultureEndpoint.Path}?culture={Uri.EscapeDataString(culture)}&returnUrl={Uri.EscapeDataString("/mijn/voorkeuren")}", forceLoad: true);
                return;
            }

            await LoadAsync();
        }
        finally
        {
            _saving = false;
        }
    }
}
