using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Email;
using Lotgenoten.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Lotgenoten.Web.Features.Referrals;

/// <summary>
/// The referral form, for a counsellor who has just put the phone down (and for coordinators): every field of a referral
/// in four sections, checked at the field as it is filled in (in the user's language) and again by the service. A failed
/// save keeps everything typed; a successful one shows the short reference, with a way to register another.
/// </summary>
public partial class ReferralFormPage
{
    /// <summary>Room to paste an address with spaces around it; the validator still holds it to the real maximum.</summary>
    private const int EmailInputMaxLength = EmailAddress.MaxLength + 10;

    private static readonly DateTime MinDate = Referral.EarliestReceivedOn.ToDateTime(TimeOnly.MinValue);
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    private ReferralInput _input = new();
    private DateTime? _receivedOn;
    private MudForm? _form;
    private MudTextField<string>? _emailField;
    private FluentValueValidator<ReferralInput> _validator = default!;
    private IReadOnlyDictionary<string, string> _serverErrors = NoErrors;
    private string? _availabilityError;
    private string? _error;
    private bool _duplicate;
    private bool _saving;
    private bool _denied;
    private bool _isCoordinator;
    private SavedReferral? _saved;
    private ElementReference _successHeading;
    private bool _focusSuccess;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private ReferralService Referrals { get; set; } = default!;

    [Inject]
    private IValidator<ReferralInput> Validator { get; set; } = default!;

    [Inject]
    private IOptions<ReferralOptions> Options { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private DateOnly Today => BrusselsTime.Today(Time.GetUtcNow());

    protected override async Task OnInitializedAsync()
    {
        _validator = new FluentValueValidator<ReferralInput>(Validator);
        var user = await UserAsync();
        _denied = !ReferralService.CanRegister(user);
        _isCoordinator = ReferralService.IsCoordinator(user);
        Reset();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusSuccess && _saved is not null)
        {
            _focusSuccess = false;
            await _successHeading.FocusAsync();
        }
    }

    private async Task<ClaimsPrincipal> UserAsync() => (await AuthenticationState).User;

    private bool ServerError(string field) => _serverErrors.ContainsKey(field);

    private string? ServerText(string field) => _serverErrors.GetValueOrDefault(field);

    /// <summary>A fresh form: received today (in Brussels), the current privacy notice, nothing else chosen.</summary>
    private void Reset()
    {
        _input = new ReferralInput { ReceivedOn = Today, NoticeVersion = Options.Value.PrivacyNoticeVersion };
        _receivedOn = _input.ReceivedOn.Value.ToDateTime(TimeOnly.MinValue);
        (_serverErrors, _availabilityError, _error, _duplicate, _saved) = (NoErrors, null, null, false, null);
    }

    private void StartAnother() => Reset();

    private Task ReceivedOnChangedAsync(DateTime? value)
    {
        _receivedOn = value;
        _input.ReceivedOn = value is { } date ? DateOnly.FromDateTime(date) : null;
        return Task.CompletedTask;
    }

    /// <summary>The date picker's own check (its value is a DateTime; the validator's rule is on <see cref="ReferralInput.ReceivedOn"/>).</summary>
    private async Task<IEnumerable<string>> ValidateReceivedOnAsync(DateTime? value)
    {
        _input.ReceivedOn = value is { } date ? DateOnly.FromDateTime(date) : null;
        return await MessagesOfAsync(nameof(ReferralInput.ReceivedOn));
    }

    private async Task AvailabilityChangedAsync(WeeklyAvailability value)
    {
        _input.Availability = value;
        if (_availabilityError is not null)
        {
            _availabilityError = (await MessagesOfAsync(nameof(ReferralInput.Availability))).FirstOrDefault();
            ClearSummaryWhenValid();
        }
    }

    /// <summary>Once every field is fine again, the "not everything is filled in" summary goes.</summary>
    private void FormValidChanged(bool valid)
    {
        if (valid)
        {
            ClearSummaryWhenValid();
        }
    }

    private void ClearSummaryWhenValid()
    {
        if (_error is not null && _availabilityError is null && (_form?.IsValid ?? true) && _serverErrors.Count == 0)
        {
            _error = null;
        }
    }

    private async Task ContactPreferenceChangedAsync()
    {
        // "E-mail invitation" needs an address: say so at the e-mail field once it has something to say.
        if (_emailField is { } field && (field.ValidationErrors.Count > 0 || !string.IsNullOrEmpty(_input.Email) || _serverErrors.ContainsKey(nameof(ReferralInput.Email))))
        {
            _serverErrors = Without(nameof(ReferralInput.Email));
            await field.ValidateAsync();
        }
    }

    private async Task EmailChangedAsync()
    {
        if (_serverErrors.ContainsKey(nameof(ReferralInput.Email)))
        {
            _serverErrors = Without(nameof(ReferralInput.Email));
        }

        await CheckDuplicateAsync();
    }

    /// <summary>Warns (without saying which) when an open referral already has this address.</summary>
    private async Task CheckDuplicateAsync()
    {
        try
        {
            _duplicate = await Referrals.IsLikelyDuplicateAsync(await UserAsync(), _input.Email, CancellationToken.None);
        }
        catch (UnauthorizedAccessException)
        {
            _denied = true;
        }
    }

    private async Task SaveAsync()
    {
        if (_saving)
        {
            return;
        }

        (_serverErrors, _error) = (NoErrors, null);
        var valid = true;
        if (_form is not null)
        {
            await _form.ValidateAsync();
            valid = _form.IsValid;
        }

        _availabilityError = (await MessagesOfAsync(nameof(ReferralInput.Availability))).FirstOrDefault();
        if (!valid || _availabilityError is not null)
        {
            _error = T["Form_Errors"];
            return;
        }

        _saving = true;
        try
        {
            var result = await Referrals.RegisterAsync(await UserAsync(), _input, CancellationToken.None);
            if (result is { Succeeded: true, Id: { } id, Reference: { } reference })
            {
                _saved = new SavedReferral(id, reference, result.LikelyDuplicate);
                _focusSuccess = true;
                Snackbar.Add(T["Snack_Saved", reference], MudBlazor.Severity.Success);
                return;
            }

            // Everything typed stays; the messages go to their fields.
            _serverErrors = result.FieldErrors;
            _availabilityError = result.FieldErrors.GetValueOrDefault(nameof(ReferralInput.Availability));
            _error = result.FieldErrors.Count > 0 ? T["Form_Errors"] : result.Error;
        }
        catch (UnauthorizedAccessException)
        {
            _denied = true;
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task<IEnumerable<string>> MessagesOfAsync(string property)
    {
        var result = await Validator.ValidateAsync(ValidationContext<ReferralInput>.CreateWithOptions(_input, o => o.IncludeProperties(property)));
        return result.Errors.Select(e => e.ErrorMessage).ToList();
    }

    private Dictionary<string, string> Without(string field) =>
        _serverErrors.Where(e => e.Key != field).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    private sealed record SavedReferral(Guid Id, string Reference, bool LikelyDuplicate);
}
