using System.Globalization;
using System.Security.Claims;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Web.Features.Referrals;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Web.Tests.Features.Referrals;

/// <summary>The referral form's service on a real SQLite database: registering, the duplicate warning, and "my referrals".</summary>
public sealed class ReferralServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private const string CounsellorOid = "counsellor-oid";
    private const string OtherCounsellorOid = "counsellor-2-oid";
    private const string CoordinatorOid = "coordinator-oid";
    private const string Address = "Naaste.Persoon@Example.org";

    private readonly LotgenotenWebFactory _factory = new();
    private readonly FakeTimeProvider _time = new(Now);
    private IServiceProvider _services = default!;

    public ValueTask InitializeAsync()
    {
        var app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_time)));
        _services = app.Services;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ClaimsPrincipal Counsellor => Staff(CounsellorOid, AppRoles.Counsellor);

    private static ClaimsPrincipal OtherCounsellor => Staff(OtherCounsellorOid, AppRoles.Counsellor);

    private static ClaimsPrincipal Coordinator => Staff(CoordinatorOid, AppRoles.Coordinator);

    public static TheoryData<string> RefusedUsers => ["facilitator", "participant", "anonymous", "counsellor-without-oid"];

    [Fact]
    public async Task Register_ValidInputWithEmail_StoresEncryptedEmailBlindIndexAuditAndHistory()
    {
        var input = ReferralInputValidatorTests.Valid();
        input.Email = Address;
        input.ContactPreference = ContactPreference.Email;
        input.Remark = "  Belt liefst na 18 uur.\nGeen voicemail.  ";

        var result = await NewService().RegisterAsync(Counsellor, input, Ct);

        result.Succeeded.ShouldBeTrue();
        (result.LikelyDuplicate, result.Error, result.FieldErrors.Count).ShouldBe((false, (string?)null, 0));
        await using var db = await DbAsync();
        var referral = await db.Set<Referral>().Include(r => r.History).SingleAsync(Ct);
        referral.Id.ShouldBe(result.Id!.Value);
        (referral.ReceivedOn, referral.Channel, referral.Relation, referral.Concern, referral.Language, referral.Region, referral.Format).ShouldBe(
            (new DateOnly(2026, 11, 29), ReferralChannel.Phone, Relation.Partner, Concern.AbuseImages, Domain.Common.Language.Nl,
                Domain.Common.Region.EastFlanders, FormatPreference.Either));
        referral.Availability.Mask.ShouldBe(WeeklyAvailability.Of([new AvailabilitySlot(DayOfWeek.Tuesday, DayPart.Evening)]).Mask);
        (referral.ContactPreference, referral.ConsentGiven, referral.PrivacyNoticeVersion, referral.ConsentRecordedAt).ShouldBe(
            (ContactPreference.Email, true, "2026-01", Now));
        referral.CounsellorRemark.ShouldBe("Belt liefst na 18 uur.\nGeen voicemail.");
        (referral.RegisteredBy, referral.RegisteredAt, referral.Status, referral.StatusChangedAt).ShouldBe(
            (CounsellorOid, Now, ReferralStatus.Received, Now));

        var protector = _services.GetRequiredService<IFieldProtector>();
        var ciphertext = referral.EmailCiphertext.ShouldNotBeNull();
        ciphertext.ShouldNotBe(Address);
        ciphertext.ShouldNotContain("Naaste", Case.Insensitive);
        ciphertext.ShouldNotContain("example", Case.Insensitive);
        protector.Unprotect(ProtectionPurposes.ReferralEmail, ciphertext).ShouldBe(Address);
        referral.EmailBlindIndex.ShouldBe(protector.BlindIndex(ProtectionPurposes.ReferralEmail, "naaste.persoon@example.org"));

        var audit = await db.Set<AuditEvent>().SingleAsync(Ct);
        (audit.Kind, audit.ActorId, audit.EntityType, audit.EntityId, audit.OccurredAt).ShouldBe(
            (AuditKind.ReferralRegistered, CounsellorOid, "Referral", referral.Id.ToString(), Now));
        var history = referral.History.ShouldHaveSingleItem();
        (history.From, history.To, history.ChangedBy, history.ChangedAt).ShouldBe(((ReferralStatus?)null, ReferralStatus.Received, CounsellorOid, Now));
    }

    [Fact]
    public async Task Register_WithoutEmail_StoresNoCiphertextNorIndex()
    {
        var result = await NewService().RegisterAsync(Counsellor, ReferralInputValidatorTests.Valid(), Ct);

        result.Succeeded.ShouldBeTrue();
        await using var db = await DbAsync();
        var referral = await db.Set<Referral>().SingleAsync(Ct);
        (referral.EmailCiphertext, referral.EmailBlindIndex, referral.CounsellorRemark).ShouldBe(((string?)null, (string?)null, (string?)null));
    }

    [Fact]
    public async Task Register_Coordinator_MayRegisterAsThemselves()
    {
        var result = await NewService().RegisterAsync(Coordinator, ReferralInputValidatorTests.Valid(), Ct);

        result.Succeeded.ShouldBeTrue();
        await using var db = await DbAsync();
        (await db.Set<Referral>().SingleAsync(Ct)).RegisteredBy.ShouldBe(CoordinatorOid);
        (await db.Set<AuditEvent>().SingleAsync(Ct)).ActorId.ShouldBe(CoordinatorOid);
    }

    [Fact]
    public async Task Register_HostileOrIncompleteInput_ReturnsFieldMessagesAndStoresNothing()
    {
        var service = NewService();
        var nul = ReferralInputValidatorTests.Valid();
        nul.Remark = "a\0b";
        var rlo = ReferralInputValidatorTests.Valid();
        rlo.NoticeVersion = "2026\u202E01";
        var crlf = ReferralInputValidatorTests.Valid();
        crlf.Email = "naaste@example.org\r\nBcc: x@example.org";
        var huge = ReferralInputValidatorTests.Valid();
        huge.Remark = new string('x', 10_000);
        var spaces = ReferralInputValidatorTests.Valid();
        spaces.Remark = "     ";
        var unknown = ReferralInputValidatorTests.Valid();
        unknown.Relation = (Relation)42;
        var future = ReferralInputValidatorTests.Valid();
        future.ReceivedOn = new DateOnly(2026, 11, 30);
        var early = ReferralInputValidatorTests.Valid();
        early.ReceivedOn = new DateOnly(2016, 12, 31);
        var noConsent = ReferralInputValidatorTests.Valid();
        noConsent.ConsentGiven = false;
        var emailContact = ReferralInputValidatorTests.Valid();
        emailContact.ContactPreference = ContactPreference.Email;

        (await service.RegisterAsync(Counsellor, nul, Ct)).FieldErrors.ShouldBe(new Dictionary<string, string>
        {
            ["Remark"] = "Deze tekst bevat onzichtbare of stuurtekens; typ hem opnieuw.",
        });
        (await service.RegisterAsync(Counsellor, rlo, Ct)).FieldErrors.ShouldBe(new Dictionary<string, string>
        {
            ["NoticeVersion"] = "Deze tekst bevat onzichtbare of stuurtekens; typ hem opnieuw.",
        });
        (await service.RegisterAsync(Counsellor, crlf, Ct)).FieldErrors.ShouldBe(new Dictionary<string, string>
        {
            ["Email"] = "Dit is geen geldig e-mailadres (één adres, zonder naam of regeleinde).",
        });
        (await service.RegisterAsync(Counsellor, huge, Ct)).FieldErrors.ShouldBe(new Dictionary<string, string> { ["Remark"] = "Maximaal 2000 tekens." });
        (await service.RegisterAsync(Counsellor, spaces, Ct)).FieldErrors.ShouldBe(new Dictionary<string, string>
        {
            ["Remark"] = "De opmerking bevat alleen spaties: schrijf iets of laat ze leeg.",
        });
        (await service.RegisterAsync(Counsellor, unknown, Ct)).FieldErrors.ShouldBe(new Dictionary<string, string> { ["Relation"] = "Maak een keuze." });
        (await service.RegisterAsync(Counsellor, future, Ct)).FieldErrors.ShouldBe(new Dictionary<string, string>
        {
            ["ReceivedOn"] = "De datum ligt in de toekomst.",
        });
        (await service.RegisterAsync(Counsellor, early, Ct)).FieldErrors.ShouldBe(new Dictionary<string, string>
        {
            ["ReceivedOn"] = "De datum ligt vóór 2017, toen de hulplijn startte.",
        });
        (await service.RegisterAsync(Counsellor, noConsent, Ct)).FieldErrors.ShouldBe(new Dictionary<string, string>
        {
            ["ConsentGiven"] = "Zonder toestemming kunnen we de persoon niet contacteren.",
        });
        var missing = await service.RegisterAsync(Counsellor, emailContact, Ct);
        missing.FieldErrors.ShouldBe(new Dictionary<string, string>
        {
            ["Email"] = "Wie per e-mail uitgenodigd wil worden, heeft een e-mailadres nodig.",
        });
        (missing.Succeeded, missing.Id, missing.Error).ShouldBe((false, (Guid?)null, "Niet alles is goed ingevuld. Kijk de gemarkeerde velden na."));

        await using var db = await DbAsync();
        (await db.Set<Referral>().CountAsync(Ct)).ShouldBe(0);
        (await db.Set<ReferralStatusChange>().CountAsync(Ct)).ShouldBe(0);
        (await db.Set<AuditEvent>().CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Register_InFrench_ReturnsFrenchFieldMessages()
    {
        var input = ReferralInputValidatorTests.Valid();
        input.ContactPreference = ContactPreference.Email;
        input.ConsentGiven = false;

        var result = await NewService("fr-BE").RegisterAsync(Counsellor, input, Ct);

        result.FieldErrors.ShouldBe(new Dictionary<string, string>
        {
            ["Email"] = "Une invitation par e-mail nécessite une adresse e-mail.",
            ["ConsentGiven"] = "Sans consentement, nous ne pouvons pas contacter la personne.",
        });
        result.Error.ShouldBe("Certains champs ne sont pas corrects. Vérifiez les champs indiqués.");
    }

    [Fact]
    public async Task Register_SecondOpenReferralSameAddressOtherCaseAndSpacing_IsFlaggedLikelyDuplicate()
    {
        var service = NewService();
        var first = WithEmail(Address);
        var second = WithEmail("  naaste.persoon@EXAMPLE.ORG ");

        var one = await service.RegisterAsync(Counsellor, first, Ct);
        var before = await service.IsLikelyDuplicateAsync(OtherCounsellor, " NAASTE.persoon@example.org", Ct);
        var two = await service.RegisterAsync(OtherCounsellor, second, Ct);

        (one.Succeeded, one.LikelyDuplicate).ShouldBe((true, false));
        before.ShouldBeTrue();
        (two.Succeeded, two.LikelyDuplicate).ShouldBe((true, true));
        (await service.IsLikelyDuplicateAsync(Counsellor, "ander@example.org", Ct)).ShouldBeFalse();
        (await service.IsLikelyDuplicateAsync(Counsellor, "   ", Ct)).ShouldBeFalse();
        (await service.IsLikelyDuplicateAsync(Counsellor, "niet-geldig", Ct)).ShouldBeFalse();
        await using var db = await DbAsync();
        (await db.Set<Referral>().CountAsync(Ct)).ShouldBe(2);
    }

    [Fact]
    public async Task Register_SameAddressAsClosedReferral_IsNotFlagged()
    {
        var service = NewService();
        var one = await service.RegisterAsync(Counsellor, WithEmail(Address), Ct);
        await using (var db = await DbAsync())
        {
            var closed = await db.Set<Referral>().SingleAsync(r => r.Id == one.Id, Ct);
            closed.Withdraw(WithdrawalReason.NoLongerNeeded, CoordinatorOid, Now);
            await db.SaveChangesAsync(Ct);
        }

        var warning = await service.IsLikelyDuplicateAsync(Counsellor, Address, Ct);
        var two = await service.RegisterAsync(Counsellor, WithEmail(Address.ToUpperInvariant()), Ct);

        warning.ShouldBeFalse();
        (two.Succeeded, two.LikelyDuplicate).ShouldBe((true, false));
    }

    [Fact]
    public async Task ListMine_Counsellor_SeesOnlyOwnReferralsNewestFirstWithCountsAndPages()
    {
        var service = NewService();
        var mine = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var input = ReferralInputValidatorTests.Valid();
            input.ReceivedOn = new DateOnly(2026, 11, 20 + i);
            mine.Add((await service.RegisterAsync(Counsellor, input, Ct)).Id!.Value);
            _time.Advance(TimeSpan.FromMinutes(5));
        }

        var others = (await service.RegisterAsync(OtherCounsellor, ReferralInputValidatorTests.Valid(), Ct)).Id!.Value;
        var byCoordinator = (await service.RegisterAsync(Coordinator, ReferralInputValidatorTests.Valid(), Ct)).Id!.Value;
        await using (var db = await DbAsync())
        {
            var first = await db.Set<Referral>().SingleAsync(r => r.Id == mine[0], Ct);
            first.PlanIntake(Now.AddDays(2), CoordinatorOid, Now.AddHours(1));
            await db.SaveChangesAsync(Ct);
        }

        var view = await service.ListMineAsync(Counsellor, 0, 10, Ct);

        view.Rows.Select(r => r.Id).ShouldBe([mine[2], mine[1], mine[0]]);
        view.Rows.ShouldNotContain(r => r.Id == others || r.Id == byCoordinator);
        (view.Total, view.All, view.IsCoordinator).ShouldBe((3, 3, false));
        view.Counts.ShouldBe([new ReferralStatusCount(ReferralStatus.Received, 2), new ReferralStatusCount(ReferralStatus.IntakePlanned, 1)]);
        var oldest = view.Rows[2];
        oldest.ShouldBe(new MyReferralRow(
            mine[0], oldest.Reference, new DateOnly(2026, 11, 20), Now, ReferralStatus.IntakePlanned, Now.AddHours(1)));
        oldest.Reference.ShouldMatch("^[" + Domain.Common.ReadableCode.Alphabet + "]{8}$");
        view.Rows.Select(r => r.Reference).Distinct().Count().ShouldBe(3, "references differ even for referrals registered minutes apart");
        view.Rows[0].RegisteredAt.ShouldBe(Now.AddMinutes(10));

        var second = await service.ListMineAsync(Counsellor, 1, 2, Ct);
        second.Rows.Select(r => r.Id).ShouldBe([mine[0]]);
        second.Total.ShouldBe(3);

        var received = await service.ListMineAsync(Counsellor, 0, 10, ReferralStatus.Received, Ct);
        received.Rows.Select(r => r.Id).ShouldBe([mine[2], mine[1]]);
        (received.Total, received.All).ShouldBe((2, 3));

        var theirs = await service.ListMineAsync(OtherCounsellor, 0, 10, Ct);
        theirs.Rows.Select(r => r.Id).ShouldBe([others]);
        var coordinator = await service.ListMineAsync(Coordinator, 0, 10, Ct);
        coordinator.Rows.Select(r => r.Id).ShouldBe([byCoordinator]);
        coordinator.IsCoordinator.ShouldBeTrue();
    }

    [Fact]
    public async Task ListMine_NoReferrals_IsEmptyWithNoCounts()
    {
        var view = await NewService().ListMineAsync(Counsellor, 0, 10, Ct);

        (view.Rows.Count, view.Total, view.Counts.Count, view.All).ShouldBe((0, 0, 0, 0));
    }

    [Theory]
    [MemberData(nameof(RefusedUsers))]
    public async Task EveryMethod_WithoutCounsellorOrCoordinatorRole_IsRefused(string who)
    {
        var user = who switch
        {
            "facilitator" => Staff("facilitator-oid", AppRoles.Facilitator),
            "participant" => new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, "p-1"), new Claim("roles", AppRoles.Participant)], "test", "name", "roles")),
            "anonymous" => new ClaimsPrincipal(new ClaimsIdentity()),
            _ => new ClaimsPrincipal(new ClaimsIdentity([new Claim("name", "Test"), new Claim("roles", AppRoles.Counsellor)], "test", "name", "roles")),
        };
        var service = NewService();

        await Should.ThrowAsync<UnauthorizedAccessException>(() => service.RegisterAsync(user, WithEmail(Address), Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => service.IsLikelyDuplicateAsync(user, Address, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => service.ListMineAsync(user, 0, 10, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => service.ListMineAsync(user, 0, 10, ReferralStatus.Received, Ct));

        await using var db = await DbAsync();
        (await db.Set<Referral>().CountAsync(Ct)).ShouldBe(0);
        (await db.Set<AuditEvent>().CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Register_RoleRemovedDuringCircuit_IsRefusedOnTheNextCall()
    {
        var identity = new ClaimsIdentity([new Claim("oid", CounsellorOid), new Claim("roles", AppRoles.Counsellor)], "test", "name", "roles");
        var user = new ClaimsPrincipal(identity);
        var service = NewService();
        (await service.RegisterAsync(user, ReferralInputValidatorTests.Valid(), Ct)).Succeeded.ShouldBeTrue();

        identity.RemoveClaim(identity.FindFirst("roles"));

        await Should.ThrowAsync<UnauthorizedAccessException>(() => service.RegisterAsync(user, ReferralInputValidatorTests.Valid(), Ct));
        await using var db = await DbAsync();
        (await db.Set<Referral>().CountAsync(Ct)).ShouldBe(1);
    }

    private static ReferralInput WithEmail(string email)
    {
        var input = ReferralInputValidatorTests.Valid();
        input.Email = email;
        return input;
    }

    /// <summary>A new scope each time, as two circuits would have; sync, so that the culture stays set for the test method.</summary>
    private ReferralService NewService(string culture = "nl-BE")
    {
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        return _services.CreateScope().ServiceProvider.GetRequiredService<ReferralService>();
    }

    private async Task<LotgenotenDbContext> DbAsync() =>
        await _services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);

    private static ClaimsPrincipal Staff(string oid, params string[] roles) =>
        new(new ClaimsIdentity(
            [new Claim("oid", oid), new Claim("name", "Test"), .. roles.Select(r => new Claim("roles", r))], "test", "name", "roles"));
}
