using FluentValidation;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Microsoft.Extensions.Localization;

namespace Lotgenoten.Web.Features.Groups;

/// <summary>The "group" form: every field of <see cref="PeerGroupDetails"/>.</summary>
public sealed class GroupInput
{
    public string? Name { get; set; }

    public GroupAudience Audience { get; set; } = GroupAudience.Partners;

    public Language Language { get; set; } = Language.Nl;

    public GroupFormat Format { get; set; } = GroupFormat.InPerson;

    public Region? Region { get; set; }

    public string? Address { get; set; }

    public string? OnlineLink { get; set; }

    public int MinimumToStart { get; set; } = 5;

    public int MaximumSize { get; set; } = 10;

    public PeerGroupDetails ToDetails() => new(
        Name ?? string.Empty,
        Audience,
        Language,
        Format,
        Format == GroupFormat.InPerson ? Region : null,
        Format == GroupFormat.InPerson ? Address : null,
        Format == GroupFormat.Online ? OnlineLink : null,
        MinimumToStart,
        MaximumSize);

    public static GroupInput From(GroupDetailView group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return new GroupInput
        {
            Name = group.Name,
            Audience = group.Audience,
            Language = group.Language,
            Format = group.Format,
            Region = group.Region,
            Address = group.Address,
            OnlineLink = group.OnlineLink,
            MinimumToStart = group.MinimumToStart,
            MaximumSize = group.MaximumSize,
        };
    }
}

/// <summary>Checks the group form in the user's language; the service runs it again before saving, and the domain after that.</summary>
public sealed class GroupInputValidator : AbstractValidator<GroupInput>
{
    public GroupInputValidator(IStringLocalizer<GroupTexts> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        RuleFor(x => x.Name)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(_ => texts["Validation_Required"])
            .Must(n => n is null || n.Trim().Length <= PeerGroup.NameMaxLength).WithMessage(_ => texts["Validation_TooLong", PeerGroup.NameMaxLength])
            .Must(n => !Text.HasForbiddenControlCharacters(n)).WithMessage(_ => texts["Validation_ControlCharacters"]);
        RuleFor(x => x.Audience).IsInEnum().WithMessage(_ => texts["Validation_Required"]);
        RuleFor(x => x.Language).IsInEnum().WithMessage(_ => texts["Validation_Required"]);
        RuleFor(x => x.Format).IsInEnum().WithMessage(_ => texts["Validation_Required"]);
        RuleFor(x => x.Region)
            .NotNull().WithMessage(_ => texts["Validation_RegionRequired"])
            .IsInEnum().WithMessage(_ => texts["Validation_RegionRequired"])
            .Must(r => r != Region.OnlineOnly).WithMessage(_ => texts["Validation_RegionRequired"])
            .When(x => x.Format == GroupFormat.InPerson);
        RuleFor(x => x.Address)
            .Must(a => !string.IsNullOrWhiteSpace(a)).WithMessage(_ => texts["Validation_AddressRequired"])
            .Must(a => a is null || a.Trim().Length <= PeerGroup.AddressMaxLength).WithMessage(_ => texts["Validation_TooLong", PeerGroup.AddressMaxLength])
            .Must(a => !Text.HasForbiddenControlCharacters(a, allowLineBreaks: true)).WithMessage(_ => texts["Validation_ControlCharacters"])
            .When(x => x.Format == GroupFormat.InPerson);
        RuleFor(x => x.OnlineLink)
            .Must(l => !string.IsNullOrWhiteSpace(l)).WithMessage(_ => texts["Validation_LinkRequired"])
            .Must(l => l is null || l.Trim().Length <= PeerGroup.OnlineLinkMaxLength).WithMessage(_ => texts["Validation_TooLong", PeerGroup.OnlineLinkMaxLength])
            .Must(l => !Text.HasForbiddenControlCharacters(l)).WithMessage(_ => texts["Validation_ControlCharacters"])
            .Must(IsHttps).WithMessage(_ => texts["Validation_LinkHttps"])
            .When(x => x.Format == GroupFormat.Online);
        RuleFor(x => x.MinimumToStart)
            .InclusiveBetween(1, PeerGroup.LargestGroup).WithMessage(_ => texts["Validation_Minimum", PeerGroup.LargestGroup]);
        RuleFor(x => x.MaximumSize)
            .InclusiveBetween(1, PeerGroup.LargestGroup).WithMessage(_ => texts["Validation_Maximum", PeerGroup.LargestGroup])
            .Must((x, max) => max >= x.MinimumToStart).WithMessage(_ => texts["Validation_MaximumBelowMinimum"]);
    }

    private static bool IsHttps(string? link) =>
        string.IsNullOrWhiteSpace(link)
        || (Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(uri.Host));
}
