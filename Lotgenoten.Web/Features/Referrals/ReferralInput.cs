using FluentValidation;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Email;
using Microsoft.Extensions.Localization;

namespace Lotgenoten.Web.Features.Referrals;

/// <summary>Texts of the referral pages and of the referral validator (also the API's messages); see ReferralTexts.resx.</summary>
public sealed class ReferralTexts;

/// <summary>
/// A referral as the form and the API submit it: every field of <see cref="ReferralDetails"/> plus the optional e-mail
/// address. Choices are nullable so that "not chosen" is an error at the field, not a silent default.
/// </summary>
public sealed class ReferralInput
{
    public DateOnly? ReceivedOn { get; set; }

    public ReferralChannel? Channel { get; set; }

    public Relation? Relation { get; set; }

    public Concern? Concern { get; set; }

    public Language? Language { get; set; }

    public Region? Region { get; set; }

    public FormatPreference? Format { get; set; }

    public WeeklyAvailability Availability { get; set; }

    public string? Email { get; set; }

    public ContactPreference? ContactPreference { get; set; }

    public bool ConsentGiven { get; set; }

    public string? NoticeVersion { get; set; }

    public string? Remark { get; set; }

    /// <summary>The e-mail address to store, or null when none was typed.</summary>
    public string? EmailOrNull => string.IsNullOrWhiteSpace(Email) ? null : Email.Trim();

    /// <summary>The domain's details; call only after the validator passed.</summary>
    public ReferralDetails ToDetails() => new(
        ReceivedOn ?? throw new InvalidOperationException("Validate first."),
        Channel!.Value,
        Relation!.Value,
        Concern!.Value,
        Language!.Value,
        Region!.Value,
        Format!.Value,
        Availability,
        ContactPreference!.Value,
        ConsentGiven,
        NoticeVersion?.Trim(),
        string.IsNullOrEmpty(Remark) ? null : Remark.Trim());
}

/// <summary>
/// The one validator of a referral, for the form and the API alike, in the user's language (property names are the
/// field names above; the API maps them to its JSON names). The service runs it again before saving, the domain after.
/// </summary>
public sealed class ReferralInputValidator : AbstractValidator<ReferralInput>
{
    public ReferralInputValidator(IStringLocalizer<ReferralTexts> texts, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(time);

        RuleFor(x => x.ReceivedOn)
            .NotNull().WithMessage(_ => texts["Validation_Required"])
            .Must(d => d is null || d <= BrusselsTime.Today(time.GetUtcNow())).WithMessage(_ => texts["Validation_ReceivedOnFuture"])
            .Must(d => d is null || d >= Referral.EarliestReceivedOn).WithMessage(_ => texts["Validation_ReceivedOnTooEarly"]);
        RuleFor(x => x.Channel).NotNull().WithMessage(_ => texts["Validation_Choose"]).IsInEnum().WithMessage(_ => texts["Validation_Choose"]);
        RuleFor(x => x.Relation).NotNull().WithMessage(_ => texts["Validation_Choose"]).IsInEnum().WithMessage(_ => texts["Validation_Choose"]);
        RuleFor(x => x.Concern).NotNull().WithMessage(_ => texts["Validation_Choose"]).IsInEnum().WithMessage(_ => texts["Validation_Choose"]);
        RuleFor(x => x.Language).NotNull().WithMessage(_ => texts["Validation_Choose"]).IsInEnum().WithMessage(_ => texts["Validation_Choose"]);
        RuleFor(x => x.Region).NotNull().WithMessage(_ => texts["Validation_Choose"]).IsInEnum().WithMessage(_ => texts["Validation_Choose"]);
        RuleFor(x => x.Format).NotNull().WithMessage(_ => texts["Validation_Choose"]).IsInEnum().WithMessage(_ => texts["Validation_Choose"]);
        RuleFor(x => x.ContactPreference).NotNull().WithMessage(_ => texts["Validation_Choose"]).IsInEnum().WithMessage(_ => texts["Validation_Choose"]);
        RuleFor(x => x.Availability)
            .Must(a => !a.IsEmpty).WithMessage(_ => texts["Validation_AvailabilityRequired"]);
        RuleFor(x => x.Email)
            .Must(e => e!.Trim().Length <= EmailAddress.MaxLength).WithMessage(_ => texts["Validation_TooLong", EmailAddress.MaxLength])
            .Must(e => EmailAddress.IsValid(e) && !Text.HasForbiddenControlCharacters(e)).WithMessage(_ => texts["Validation_Email"])
            .When(x => !string.IsNullOrEmpty(x.Email));
        RuleFor(x => x.Email)
            .Must(e => !string.IsNullOrWhiteSpace(e)).WithMessage(_ => texts["Validation_EmailForContact"])
            .When(x => x.ContactPreference == Domain.Referrals.ContactPreference.Email);
        RuleFor(x => x.ConsentGiven)
            .Equal(true).WithMessage(_ => texts["Validation_Consent"]);
        RuleFor(x => x.NoticeVersion)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage(_ => texts["Validation_Required"])
            .Must(v => v is null || v.Trim().Length <= Referral.NoticeVersionMaxLength).WithMessage(_ => texts["Validation_TooLong", Referral.NoticeVersionMaxLength])
            .Must(v => !Text.HasForbiddenControlCharacters(v)).WithMessage(_ => texts["Validation_ControlCharacters"]);
        RuleFor(x => x.Remark)
            .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage(_ => texts["Validation_RemarkBlank"])
            .Must(r => r!.Trim().Length <= Referral.RemarkMaxLength).WithMessage(_ => texts["Validation_TooLong", Referral.RemarkMaxLength])
            .Must(r => !Text.HasForbiddenControlCharacters(r, allowLineBreaks: true)).WithMessage(_ => texts["Validation_ControlCharacters"])
            .When(x => !string.IsNullOrEmpty(x.Remark));
    }
}
