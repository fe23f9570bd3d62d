using System.Globalization;
using FluentValidation.Results;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Web.Features.Referrals;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Web.Tests.Features.Referrals;

/// <summary>
/// The one referral validator (form and API): every rule, hostile input to every text field, the Brussels date edges,
/// and its messages in Dutch and French, on the field they belong to.
/// </summary>
public sealed class ReferralInputValidatorTests
{
    /// <summary>Sunday 29 November 2026, 11:00 in Brussels (UTC+1).</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static readonly IStringLocalizer<ReferralTexts> Texts = new StringLocalizer<ReferralTexts>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    private const string ControlMessage = "Deze tekst bevat onzichtbare of stuurtekens; typ hem opnieuw.";
    private const string EmailMessage = "Dit is geen geldig e-mailadres (één adres, zonder naam of regeleinde).";

    public static TheoryData<string, string> HostileRemarks => new()
    {
        { "NUL", "Hij belde\0 gisteren" },
        { "RLO", "Hij belde \u202Egisteren" },
        { "BEL", "Hij belde\a gisteren" },
        { "ESC", "Hij belde\u001B[31m gisteren" },
    };

    public static TheoryData<string, string> HostileNoticeVersions => new()
    {
        { "CRLF", "2026-01\r\nX: y" },
        { "LF", "2026\n01" },
        { "NUL", "2026\0-01" },
        { "RLO", "2026-\u202E01" },
    };

    public static TheoryData<string, string> HostileEmails => new()
    {
        { "CRLF", "naaste@example.org\r\nBcc: iedereen@example.org" },
        { "LF", "naaste@example.org\nX" },
        { "NUL", "naaste\0@example.org" },
        { "RLO", "naaste\u202E@example.org" },
        { "List", "naaste@example.org, ander@example.org" },
        { "DisplayName", "Naaste <naaste@example.org>" },
        { "NoAt", "naaste.example.org" },
    };

    [Fact]
    public void Validate_CompleteInput_IsValid()
    {
        var result = Validate(Valid());

        result.Errors.ShouldBeEmpty();
    }

    [Fact]
    public void Validate_RemarkWithLineBreaksAndTabs_IsValid()
    {
        var input = Valid();
        input.Remark = "Belde na de intake.\r\nWil liefst op dinsdag.\tGeen haast.";

        Validate(input).Errors.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(HostileRemarks))]
    public void Validate_RemarkWithControlCharacter_IsRefusedAtRemark(string kind, string remark)
    {
        var input = Valid();
        input.Remark = remark;

        Errors(Validate(input)).ShouldBe(new Dictionary<string, string> { ["Remark"] = ControlMessage }, kind);
    }

    [Fact]
    public void Validate_RemarkOf10000Characters_IsRefusedWithTheLimit()
    {
        var input = Valid();
        input.Remark = new string('x', 10_000);

        Errors(Validate(input)).ShouldBe(new Dictionary<string, string> { ["Remark"] = "Maximaal 2000 tekens." });
    }

    [Fact]
    public void Validate_RemarkOfExactly2000CharactersWithSpacesAround_IsValid()
    {
        var input = Valid();
        input.Remark = "  " + new string('x', Referral.RemarkMaxLength) + "  ";

        Validate(input).Errors.ShouldBeEmpty();
    }

    [Fact]
    public void Validate_RemarkOfOnlySpaces_IsRefusedAsBlank()
    {
        var input = Valid();
        input.Remark = "   \r\n\t  ";

        Errors(Validate(input)).ShouldBe(new Dictionary<string, string>
        {
            ["Remark"] = "De opmerking bevat alleen spaties: schrijf iets of laat ze leeg.",
        });
    }

    [Theory]
    [MemberData(nameof(HostileNoticeVersions))]
    public void Validate_NoticeVersionWithControlCharacter_IsRefusedAtNoticeVersion(string kind, string version)
    {
        var input = Valid();
        input.NoticeVersion = version;

        Errors(Validate(input)).ShouldBe(new Dictionary<string, string> { ["NoticeVersion"] = ControlMessage }, kind);
    }

    [Fact]
    public void Validate_NoticeVersionOf10000CharactersOrBlank_IsRefused()
    {
        var tooLong = Valid();
        tooLong.NoticeVersion = new string('1', 10_000);
        var blank = Valid();
        blank.NoticeVersion = "  ";

        Errors(Validate(tooLong)).ShouldBe(new Dictionary<string, string> { ["NoticeVersion"] = "Maximaal 20 tekens." });
        Errors(Validate(blank)).ShouldBe(new Dictionary<string, string> { ["NoticeVersion"] = "Vul dit in." });
    }

    [Theory]
    [MemberData(nameof(HostileEmails))]
    public void Validate_HostileEmail_IsRefusedAtEmail(string kind, string email)
    {
        var input = Valid();
        input.Email = email;

        Errors(Validate(input)).ShouldBe(new Dictionary<string, string> { ["Email"] = EmailMessage }, kind);
    }

    [Fact]
    public void Validate_EmailOf10000Characters_IsRefusedWithTheLimit()
    {
        var input = Valid();
        input.Email = new string('a', 10_000) + "@example.org";

        Errors(Validate(input)).ShouldBe(new Dictionary<string, string> { ["Email"] = "Maximaal 254 tekens." });
    }

    [Fact]
    public void Validate_EmailWithSpacesAround_IsValid()
    {
        var input = Valid();
        input.Email = "  Naaste@Example.org ";

        Validate(input).Errors.ShouldBeEmpty();
        input.EmailOrNull.ShouldBe("Naaste@Example.org");
    }

    [Fact]
    public void Validate_UnknownEnumValues_AreRefusedAtEachField()
    {
        var input = Valid();
        input.Channel = (ReferralChannel)42;
        input.Relation = (Relation)42;
        input.Concern = (Concern)42;
        input.Language = (Language)42;
        input.Region = (Region)42;
        input.Format = (FormatPreference)42;
        input.ContactPreference = (ContactPreference)42;

        Errors(Validate(input)).ShouldBe(new Dictionary<string, string>
        {
            ["Channel"] = "Maak een keuze.",
            ["Relation"] = "Maak een keuze.",
            ["Concern"] = "Maak een keuze.",
            ["Language"] = "Maak een keuze.",
            ["Region"] = "Maak een keuze.",
            ["Format"] = "Maak een keuze.",
            ["ContactPreference"] = "Maak een keuze.",
        });
    }

    [Fact]
    public void Validate_NothingChosen_SaysWhatIsMissingAtEachField()
    {
        var result = Validate(new ReferralInput());

        Errors(result).ShouldBe(new Dictionary<string, string>
        {
            ["ReceivedOn"] = "Vul dit in.",
            ["Channel"] = "Maak een keuze.",
            ["Relation"] = "Maak een keuze.",
            ["Concern"] = "Maak een keuze.",
            ["Language"] = "Maak een keuze.",
            ["Region"] = "Maak een keuze.",
            ["Format"] = "Maak een keuze.",
            ["ContactPreference"] = "Maak een keuze.",
            ["Availability"] = "Kies minstens één moment waarop de persoon kan.",
            ["ConsentGiven"] = "Zonder toestemming kunnen we de persoon niet contacteren.",
            ["NoticeVersion"] = "Vul dit in.",
        });
    }

    [Fact]
    public void Validate_ReceivedTomorrow_IsRefusedAsFuture()
    {
        var input = Valid();
        input.ReceivedOn = new DateOnly(2026, 11, 30);

        Errors(Validate(input)).ShouldBe(new Dictionary<string, string> { ["ReceivedOn"] = "De datum ligt in de toekomst." });
    }

    [Theory]
    [InlineData("2026-11-29T22:59:59Z", "2026-11-29", true)] // 23:59:59 in Brussels: still the 29th
    [InlineData("2026-11-29T22:59:59Z", "2026-11-30", false)]
    [InlineData("2026-11-29T23:00:00Z", "2026-11-30", true)] // midnight in Brussels, still the 29th in UTC
    [InlineData("2026-11-29T23:00:00Z", "2026-12-01", false)]
    [InlineData("2026-06-30T22:00:00Z", "2026-07-01", true)] // summer time: midnight in Brussels is 22:00 UTC
    [InlineData("2026-06-30T21:59:59Z", "2026-07-01", false)]
    public void Validate_ReceivedOnAroundBrusselsMidnight_FollowsTheBrusselsDate(string now, string receivedOn, bool valid)
    {
        var input = Valid();
        input.ReceivedOn = DateOnly.Parse(receivedOn, CultureInfo.InvariantCulture);

        var result = Validate(input, DateTimeOffset.Parse(now, CultureInfo.InvariantCulture));

        Errors(result).ShouldBe(valid
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { ["ReceivedOn"] = "De datum ligt in de toekomst." });
    }

    [Fact]
    public void Validate_ReceivedBefore2017_IsRefusedAndFirstDayOf2017IsValid()
    {
        var early = Valid();
        early.ReceivedOn = new DateOnly(2016, 12, 31);
        var first = Valid();
        first.ReceivedOn = new DateOnly(2017, 1, 1);

        Errors(Validate(early)).ShouldBe(new Dictionary<string, string>
        {
            ["ReceivedOn"] = "De datum ligt vóór 2017, toen de hulplijn startte.",
        });
        Validate(first).Errors.ShouldBeEmpty();
    }

    [Fact]
    public void Validate_WithoutConsent_IsRefusedAtConsent()
    {
        var input = Valid();
        input.ConsentGiven = false;

        Errors(Validate(input)).ShouldBe(new Dictionary<string, string>
        {
            ["ConsentGiven"] = "Zonder toestemming kunnen we de persoon niet contacteren.",
        });
    }

    [Fact]
    public void Validate_EmptyAvailability_IsRefusedAtAvailability()
    {
        var input = Valid();
        input.Availability = WeeklyAvailability.None;

        Errors(Validate(input)).ShouldBe(new Dictionary<string, string>
        {
            ["Availability"] = "Kies minstens één moment waarop de persoon kan.",
        });
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_EmailContactWithoutEmail_IsRefusedAtEmail(string? email)
    {
        var input = Valid();
        input.ContactPreference = ContactPreference.Email;
        input.Email = email;

        var errors = Errors(Validate(input));

        errors.Keys.ShouldBe(["Email"]);
        errors["Email"].ShouldBe(email == "   " ? EmailMessage : "Wie per e-mail uitgenodigd wil worden, heeft een e-mailadres nodig.");
    }

    [Fact]
    public void Validate_EmailContactWithEmail_IsValid()
    {
        var input = Valid();
        input.ContactPreference = ContactPreference.Email;
        input.Email = "naaste@example.org";

        Validate(input).Errors.ShouldBeEmpty();
    }

    [Fact]
    public void Validate_InFrench_GivesFrenchMessagesOnTheSameFields()
    {
        var input = Valid();
        input.ReceivedOn = new DateOnly(2026, 11, 30);
        input.Relation = (Relation)42;
        input.ContactPreference = ContactPreference.Email;
        input.ConsentGiven = false;
        input.Remark = new string('x', 10_000);

        var result = Validate(input, culture: "fr-BE");

        Errors(result).ShouldBe(new Dictionary<string, string>
        {
            ["ReceivedOn"] = "La date est dans le futur.",
            ["Relation"] = "Veuillez faire un choix.",
            ["Email"] = "Une invitation par e-mail nécessite une adresse e-mail.",
            ["ConsentGiven"] = "Sans consentement, nous ne pouvons pas contacter la personne.",
            ["Remark"] = "2000 caractères au maximum.",
        });
    }

    [Fact]
    public void Validate_InDutch_GivesDutchMessagesOnTheSameFields()
    {
        var input = Valid();
        input.ReceivedOn = new DateOnly(2016, 5, 1);
        input.Concern = (Concern)42;
        input.ContactPreference = ContactPreference.Email;
        input.Email = "naaste\r\n@example.org";

        var result = Validate(input, culture: "nl-BE");

        Errors(result).ShouldBe(new Dictionary<string, string>
        {
            ["ReceivedOn"] = "De datum ligt vóór 2017, toen de hulplijn startte.",
            ["Concern"] = "Maak een keuze.",
            ["Email"] = EmailMessage,
        });
    }

    [Fact]
    public void Validate_InFrench_HostileTextFieldsGetFrenchMessages()
    {
        var input = Valid();
        input.Email = "naaste@example.org\nBcc: x@example.org";
        input.Remark = "a\0b";
        input.Availability = WeeklyAvailability.None;

        Errors(Validate(input, culture: "fr-BE")).ShouldBe(new Dictionary<string, string>
        {
            ["Availability"] = "Choisissez au moins un moment où la personne est disponible.",
            ["Email"] = "Ce n'est pas une adresse e-mail valide (une seule adresse, sans nom ni saut de ligne).",
            ["Remark"] = "Ce texte contient des caractères invisibles ou de contrôle ; veuillez le retaper.",
        });
    }

    internal static ReferralInput Valid() => new()
    {
        ReceivedOn = new DateOnly(2026, 11, 29),
        Channel = ReferralChannel.Phone,
        Relation = Relation.Partner,
        Concern = Concern.AbuseImages,
        Language = Language.Nl,
        Region = Region.EastFlanders,
        Format = FormatPreference.Either,
        Availability = WeeklyAvailability.Of([new AvailabilitySlot(DayOfWeek.Tuesday, DayPart.Evening)]),
        ContactPreference = ContactPreference.Code,
        ConsentGiven = true,
        NoticeVersion = "2026-01",
    };

    private static ValidationResult Validate(ReferralInput input, DateTimeOffset? now = null, string culture = "nl-BE")
    {
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        var validator = new ReferralInputValidator(Texts, new FakeTimeProvider(now ?? Now));
        return validator.Validate(input);
    }

    /// <summary>The first message per field, as the form and the service show them.</summary>
    private static Dictionary<string, string> Errors(ValidationResult result) =>
        result.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.First().ErrorMessage);
}
