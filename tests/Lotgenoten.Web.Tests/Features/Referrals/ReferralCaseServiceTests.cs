using System.Globalization;
using System.Security.Claims;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Domain.Staff;
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

/// <summary>One referral's page: who may see what, the coordinator's actions, conflicts, and the audited e-mail reveal (real SQLite, Dutch).</summary>
public sealed class ReferralCaseServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private const string CoordinatorOid = "coordinator-oid";
    private const string CounsellorOid = "counsellor-oid";
    private const string Address = "naaste@example.org";

    private readonly LotgenotenWebFactory _factory = new();
    private IServiceProvider _services = default!;
    private StaffMember _hilde = default!;
    private StaffMember _former = default!;
    private Referral _received = default!;
    private Referral _planned = default!;
    private Referral _waiting = default!;
    private Referral _othersReferral = default!;

    public async ValueTask InitializeAsync()
    {
        var app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(Now))));
        _services = app.Services;
        var protector = _services.GetRequiredService<IFieldProtector>();
        _hilde = StaffMember.Create(CoordinatorOid, "Hilde Coördinator", Now.AddDays(-100));
        var jonas = StaffMember.Create(CounsellorOid, "Jonas Hulplijn", Now.AddDays(-100));
        _former = StaffMember.Create("former-oid", "Oud Collega", Now.AddDays(-300));
        _former.Deactivate();

        _received = WaitingListServiceTests.NewReferral(20, ReferralStatus.Received);
        _received.SetEmail(protector.Protect(ProtectionPurposes.ReferralEmail, Address), protector.BlindIndex(ProtectionPurposes.ReferralEmail, Address));
        _planned = WaitingListServiceTests.NewReferral(15, ReferralStatus.IntakePlanned, intakeAt: new DateTime(2026, 11, 20, 14, 0, 0));
        _waiting = WaitingListServiceTests.NewReferral(65, ReferralStatus.Waiting, registeredBy: "api:helpline");
        _othersReferral = WaitingListServiceTests.NewReferral(30, ReferralStatus.Received, registeredBy: "other-counsellor-oid");

        await using var db = await DbAsync();
        db.AddRange(_hilde, jonas, _former);
        db.AddRange(_received, _planned, _waiting, _othersReferral);
        await db.SaveChangesAsync(Ct);
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ClaimsPrincipal Coordinator => WaitingListServiceTests.Principal("coordinator");

    private static ClaimsPrincipal Counsellor => WaitingListServiceTests.Principal("counsellor");

    private ReferralCaseService NewService()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("nl-BE");
        return _services.CreateScope().ServiceProvider.GetRequiredService<ReferralCaseService>();
    }

    [Fact]
    public async Task Get_Coordinator_SeesEverythingButTheAddressWithNamedHistory()
    {
        var view = (await NewService().GetAsync(Coordinator, _planned.Id, Ct)).ShouldNotBeNull();

        view.Reference.ShouldBe(_planned.Reference);
        (view.Status, view.ReceivedOn, view.IsStatusOnly).ShouldBe((ReferralStatus.IntakePlanned, new DateOnly(2026, 11, 14), false));
        var d = view.Details.ShouldNotBeNull();
        (d.Relation, d.Concern, d.Language, d.Region, d.Format, d.ContactPreference).ShouldBe(
            (Relation.Partner, Concern.AbuseImages, Language.Nl, Region.Antwerp, FormatPreference.Either, ContactPreference.Code));
        (d.HasEmail, d.EmailErased, d.LikelyDuplicate, d.DaysWaiting, d.WarnAge).ShouldBe((false, false, false, (int?)15, false));
        d.IntakePlannedForLocal.ShouldBe(new DateTime(2026, 11, 20, 14, 0, 0));
        d.RegisteredBy.ShouldBe("Jonas Hulplijn");
        d.Version.ShouldBe(_planned.Version);
        d.Actions.ShouldBe([ReferralAction.PlanIntake, ReferralAction.RecordOutcome, ReferralAction.Withdraw]);
        d.History.Select(h => (h.From, h.To, h.Actor)).ShouldBe(
        [
            (ReferralStatus.Received, ReferralStatus.IntakePlanned, "Hilde Coördinator"),
            ((ReferralStatus?)null, ReferralStatus.Received, "Jonas Hulplijn"),
        ]);
    }

    [Fact]
    public async Task Get_RegisteredByTheHelplineSystem_NamesItAndWarnsOfTheAge()
    {
        var d = (await NewService().GetAsync(Coordinator, _waiting.Id, Ct)).ShouldNotBeNull().Details.ShouldNotBeNull();

        d.RegisteredBy.ShouldBe("Hulplijnsysteem (helpline)");
        (d.DaysWaiting, d.WarnAge, d.WarningDays).ShouldBe(((int?)65, true, 60));
        d.Actions.ShouldBe([ReferralAction.Withdraw]);
    }

    [Fact]
    public async Task Get_SameAddressOnAnotherOpenReferral_FlagsALikelyDuplicate()
    {
        var protector = _services.GetRequiredService<IFieldProtector>();
        var second = WaitingListServiceTests.NewReferral(2, ReferralStatus.Received, registeredAt: Now.AddHours(-1));
        second.SetEmail(protector.Protect(ProtectionPurposes.ReferralEmail, Address), protector.BlindIndex(ProtectionPurposes.ReferralEmail, Address));
        await using (var db = await DbAsync())
        {
            db.Add(second);
            await db.SaveChangesAsync(Ct);
        }

        var first = (await NewService().GetAsync(Coordinator, _received.Id, Ct))!.Details!;
        (first.HasEmail, first.LikelyDuplicate).ShouldBe((true, true));
        first.Actions.ShouldContain(ReferralAction.RevealEmail);

        (await NewService().WithdrawAsync(Coordinator, second.Id, second.Version, WithdrawalReason.Other, Ct)).Succeeded.ShouldBeTrue();
        (await NewService().GetAsync(Coordinator, _received.Id, Ct))!.Details!.LikelyDuplicate.ShouldBeFalse("a closed referral is no duplicate");
    }

    [Fact]
    public async Task Get_CounsellorOwnReferral_SeesTheStatusOnly()
    {
        var view = (await NewService().GetAsync(Counsellor, _planned.Id, Ct)).ShouldNotBeNull();

        view.IsStatusOnly.ShouldBeTrue();
        view.Details.ShouldBeNull();
        (view.Id, view.Status, view.ReceivedOn).ShouldBe((_planned.Id, ReferralStatus.IntakePlanned, new DateOnly(2026, 11, 14)));
    }

    [Fact]
    public async Task Get_CounsellorOtherOrUnknownReferral_IsRefused()
    {
        await Should.ThrowAsync<UnauthorizedAccessException>(() => NewService().GetAsync(Counsellor, _othersReferral.Id, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => NewService().GetAsync(Counsellor, Guid.NewGuid(), Ct));
    }

    [Fact]
    public async Task Get_CoordinatorUnknownReferral_ReturnsNull() =>
        (await NewService().GetAsync(Coordinator, Guid.NewGuid(), Ct)).ShouldBeNull();

    public static TheoryData<string> NeitherCoordinatorNorCounsellor => ["facilitator", "participant", "anonymous", "coordinator-without-oid"];

    [Theory]
    [MemberData(nameof(NeitherCoordinatorNorCounsellor))]
    public async Task Get_NeitherCoordinatorNorCounsellor_IsRefused(string who) =>
        await Should.ThrowAsync<UnauthorizedAccessException>(() => NewService().GetAsync(WaitingListServiceTests.Principal(who), _planned.Id, Ct));

    public static TheoryData<string> NotCoordinators => ["counsellor", "facilitator", "participant", "anonymous", "coordinator-without-oid"];

    [Theory]
    [MemberData(nameof(NotCoordinators))]
    public async Task Actions_NotACoordinator_AreRefusedAndChangeNothing(string who)
    {
        var user = WaitingListServiceTests.Principal(who);
        var service = NewService();

        // The counsellor registered _received: still not theirs to act on.
        await Should.ThrowAsync<UnauthorizedAccessException>(() => service.PlanIntakeAsync(user, _received.Id, _received.Version, new DateTime(2026, 12, 1, 10, 0, 0), null, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => service.RecordIntakeOutcomeAsync(user, _planned.Id, _planned.Version, IntakeOutcome.Suitable, new DateOnly(2026, 11, 20), null, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => service.WithdrawAsync(user, _received.Id, _received.Version, WithdrawalReason.Other, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => service.RevealEmailAsync(user, _received.Id, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => service.GetIntakeStaffAsync(user, Ct));

        await using var db = await DbAsync();
        (await db.Set<Referral>().SingleAsync(r => r.Id == _received.Id, Ct)).Status.ShouldBe(ReferralStatus.Received);
        (await db.Set<Referral>().SingleAsync(r => r.Id == _planned.Id, Ct)).Status.ShouldBe(ReferralStatus.IntakePlanned);
        (await db.Set<AuditEvent>().CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task GetIntakeStaff_Coordinator_ListsActiveStaffByName()
    {
        var staff = await NewService().GetIntakeStaffAsync(Coordinator, Ct);

        staff.Select(s => s.DisplayName).ShouldBe(["Hilde Coördinator", "Jonas Hulplijn"]);
    }

    [Fact]
    public async Task PlanIntake_ValidTime_PlansItWithTheStaffMemberAndAddsHistory()
    {
        var result = await NewService().PlanIntakeAsync(Coordinator, _received.Id, _received.Version, new DateTime(2026, 12, 3, 18, 30, 0), _hilde.Id, Ct);

        result.Succeeded.ShouldBeTrue();
        await using var db = await DbAsync();
        var saved = await db.Set<Referral>().Include(r => r.History).SingleAsync(r => r.Id == _received.Id, Ct);
        (saved.Status, saved.IntakePlannedFor, saved.IntakeStaffId, saved.Version).ShouldBe(
            (ReferralStatus.IntakePlanned, (DateTimeOffset?)new DateTimeOffset(2026, 12, 3, 17, 30, 0, TimeSpan.Zero), (Guid?)_hilde.Id, _received.Version + 1));
        var last = saved.History.OrderBy(h => h.ChangedAt).ThenBy(h => h.To).Last();
        (last.From, last.To, last.ChangedBy, last.ChangedAt).ShouldBe(((ReferralStatus?)ReferralStatus.Received, ReferralStatus.IntakePlanned, CoordinatorOid, Now));

        var view = (await NewService().GetAsync(Coordinator, _received.Id, Ct))!.Details!;
        (view.IntakePlannedForLocal, view.IntakeStaffName).ShouldBe(((DateTime?)new DateTime(2026, 12, 3, 18, 30, 0), "Hilde Coördinator"));
    }

    [Fact]
    public async Task PlanIntake_MovedAgain_KeepsTheStatusAndTakesTheNewTime()
    {
        var result = await NewService().PlanIntakeAsync(Coordinator, _planned.Id, _planned.Version, new DateTime(2026, 12, 1, 9, 0, 0), null, Ct);

        result.Succeeded.ShouldBeTrue();
        await using var db = await DbAsync();
        var saved = await db.Set<Referral>().SingleAsync(r => r.Id == _planned.Id, Ct);
        (saved.Status, saved.IntakePlannedFor, saved.IntakeStaffId).ShouldBe(
            (ReferralStatus.IntakePlanned, (DateTimeOffset?)new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), (Guid?)null));
    }

    [Fact]
    public async Task PlanIntake_SpringForwardTime_ReturnsMessageAndChangesNothing()
    {
        var result = await NewService().PlanIntakeAsync(Coordinator, _received.Id, _received.Version, new DateTime(2027, 3, 28, 2, 30, 0), null, Ct);

        (result.Succeeded, result.Conflict).ShouldBe((false, false));
        result.Error.ShouldBe("02:30 bestaat die dag niet: de klok springt dan een uur vooruit. Kies een ander uur.");
        await AssertUnchangedAsync(_received);
    }

    [Fact]
    public async Task PlanIntake_InactiveStaffOrBeforeReceived_ReturnsMessageAndChangesNothing()
    {
        var inactive = await NewService().PlanIntakeAsync(Coordinator, _received.Id, _received.Version, new DateTime(2026, 12, 1, 10, 0, 0), _former.Id, Ct);
        inactive.Error.ShouldBe("Kies een actieve medewerker voor het intakegesprek.");

        var early = await NewService().PlanIntakeAsync(Coordinator, _received.Id, _received.Version, new DateTime(2026, 11, 8, 10, 0, 0), null, Ct);
        early.Error.ShouldBe("Een intake kan niet vóór de ontvangst van de doorverwijzing liggen.");

        await AssertUnchangedAsync(_received);
    }

    [Fact]
    public async Task RecordOutcome_Suitable_PutsItOnTheWaitingListInOneSave()
    {
        var result = await NewService().RecordIntakeOutcomeAsync(Coordinator, _planned.Id, _planned.Version, IntakeOutcome.Suitable, new DateOnly(2026, 11, 20), null, Ct);

        result.Succeeded.ShouldBeTrue();
        await using var db = await DbAsync();
        var saved = await db.Set<Referral>().Include(r => r.History).SingleAsync(r => r.Id == _planned.Id, Ct);
        (saved.Status, saved.IntakeHeldOn, saved.DeclineReason, saved.Version).ShouldBe(
            (ReferralStatus.Waiting, (DateOnly?)new DateOnly(2026, 11, 20), (DeclineReason?)null, _planned.Version + 2));
        saved.History.OrderBy(h => h.ChangedAt).ThenBy(h => h.To).TakeLast(2).Select(h => (h.From, h.To, h.ChangedBy)).ShouldBe(
        [
            (ReferralStatus.IntakePlanned, ReferralStatus.IntakeDone, CoordinatorOid),
            (ReferralStatus.IntakeDone, ReferralStatus.Waiting, CoordinatorOid),
        ]);

        var page = await _services.CreateScope().ServiceProvider.GetRequiredService<WaitingListService>()
            .ListAsync(Coordinator, new WaitingListQuery(Search: saved.Reference), Ct);
        page.Rows.Single().Status.ShouldBe(ReferralStatus.Waiting);
    }

    [Fact]
    public async Task RecordOutcome_Declined_KeepsTheReasonAndClosesIt()
    {
        var result = await NewService().RecordIntakeOutcomeAsync(
            Coordinator, _planned.Id, _planned.Version, IntakeOutcome.Declined, new DateOnly(2026, 11, 21), DeclineReason.NeedsIndividualSupport, Ct);

        result.Succeeded.ShouldBeTrue();
        await using var db = await DbAsync();
        var saved = await db.Set<Referral>().SingleAsync(r => r.Id == _planned.Id, Ct);
        (saved.Status, saved.DeclineReason, saved.IntakeHeldOn, saved.ClosedOn).ShouldBe(
            (ReferralStatus.Declined, (DeclineReason?)DeclineReason.NeedsIndividualSupport, (DateOnly?)new DateOnly(2026, 11, 21), (DateOnly?)new DateOnly(2026, 11, 29)));
    }

    [Fact]
    public async Task RecordOutcome_Unreachable_ClosesIt()
    {
        var result = await NewService().RecordIntakeOutcomeAsync(Coordinator, _planned.Id, _planned.Version, IntakeOutcome.Unreachable, new DateOnly(2026, 11, 20), null, Ct);

        result.Succeeded.ShouldBeTrue();
        await using var db = await DbAsync();
        var saved = await db.Set<Referral>().SingleAsync(r => r.Id == _planned.Id, Ct);
        (saved.Status, saved.ClosedOn).ShouldBe((ReferralStatus.Unreachable, (DateOnly?)new DateOnly(2026, 11, 29)));
    }

    [Fact]
    public async Task RecordOutcome_FutureDateReasonWithSuitableOrWrongStatus_ReturnsMessageAndChangesNothing()
    {
        var service = NewService();

        (await service.RecordIntakeOutcomeAsync(Coordinator, _planned.Id, _planned.Version, IntakeOutcome.Suitable, new DateOnly(2026, 11, 30), null, Ct))
            .Error.ShouldBe("De datum moet tussen de ontvangst van de doorverwijzing en vandaag liggen.");
        (await service.RecordIntakeOutcomeAsync(Coordinator, _planned.Id, _planned.Version, IntakeOutcome.Suitable, new DateOnly(2026, 11, 20), DeclineReason.Crisis, Ct))
            .Error.ShouldBe("Controleer je keuze.");
        (await service.RecordIntakeOutcomeAsync(Coordinator, _planned.Id, _planned.Version, (IntakeOutcome)42, new DateOnly(2026, 11, 20), null, Ct))
            .Error.ShouldBe("Controleer je keuze.");
        (await service.RecordIntakeOutcomeAsync(Coordinator, _received.Id, _received.Version, IntakeOutcome.Suitable, new DateOnly(2026, 11, 20), null, Ct))
            .Error.ShouldBe("Dat kan niet meer in de huidige status van de doorverwijzing.");

        await AssertUnchangedAsync(_planned);
        await AssertUnchangedAsync(_received);
    }

    [Fact]
    public async Task Withdraw_WithReason_ClosesItWithTheReasonInItsHistory()
    {
        var result = await NewService().WithdrawAsync(Coordinator, _waiting.Id, _waiting.Version, WithdrawalReason.FoundOtherHelp, Ct);

        result.Succeeded.ShouldBeTrue();
        await using var db = await DbAsync();
        var saved = await db.Set<Referral>().Include(r => r.History).SingleAsync(r => r.Id == _waiting.Id, Ct);
        (saved.Status, saved.WithdrawalReason, saved.ClosedOn).ShouldBe(
            (ReferralStatus.Withdrawn, (WithdrawalReason?)WithdrawalReason.FoundOtherHelp, (DateOnly?)new DateOnly(2026, 11, 29)));
        saved.History.OrderBy(h => h.ChangedAt).ThenBy(h => h.To).Last().Note.ShouldBe("FoundOtherHelp");
        (await NewService().GetAsync(Coordinator, _waiting.Id, Ct))!.Details!.Actions.ShouldBeEmpty();
    }

    [Fact]
    public async Task Withdraw_UnknownReason_ReturnsMessageAndChangesNothing()
    {
        (await NewService().WithdrawAsync(Coordinator, _waiting.Id, _waiting.Version, (WithdrawalReason)99, Ct)).Error.ShouldBe("Controleer je keuze.");

        await AssertUnchangedAsync(_waiting);
    }

    [Fact]
    public async Task Actions_StaleVersion_ConflictAndChangeNothing()
    {
        var service = NewService();
        var stale = _planned.Version - 1;

        var results = new[]
        {
            await service.PlanIntakeAsync(Coordinator, _planned.Id, stale, new DateTime(2026, 12, 1, 10, 0, 0), null, Ct),
            await service.RecordIntakeOutcomeAsync(Coordinator, _planned.Id, stale, IntakeOutcome.Suitable, new DateOnly(2026, 11, 20), null, Ct),
            await service.WithdrawAsync(Coordinator, _planned.Id, stale, WithdrawalReason.Other, Ct),
        };

        results.ShouldAllBe(r => !r.Succeeded && r.Conflict);
        results[0].Error.ShouldBe("Iemand anders heeft deze doorverwijzing intussen gewijzigd. Laad opnieuw en probeer het nog eens.");
        await AssertUnchangedAsync(_planned);
    }

    [Fact]
    public async Task Actions_SecondCoordinatorAtTheSameVersion_Conflicts()
    {
        var first = await NewService().WithdrawAsync(Coordinator, _received.Id, _received.Version, WithdrawalReason.Other, Ct);
        var second = await NewService().PlanIntakeAsync(Coordinator, _received.Id, _received.Version, new DateTime(2026, 12, 1, 10, 0, 0), null, Ct);

        first.Succeeded.ShouldBeTrue();
        (second.Succeeded, second.Conflict).ShouldBe((false, true));
        await using var db = await DbAsync();
        (await db.Set<Referral>().SingleAsync(r => r.Id == _received.Id, Ct)).Status.ShouldBe(ReferralStatus.Withdrawn);
    }

    [Fact]
    public async Task Actions_UnknownReferral_ReturnNotFound() =>
        (await NewService().WithdrawAsync(Coordinator, Guid.NewGuid(), 0, WithdrawalReason.Other, Ct)).Error.ShouldBe("Deze doorverwijzing bestaat niet (meer).");

    [Fact]
    public async Task RevealEmail_Coordinator_DecryptsAndAuditsExactlyOnce()
    {
        var address = await NewService().RevealEmailAsync(Coordinator, _received.Id, Ct);

        address.ShouldBe(Address);
        await using var db = await DbAsync();
        var audit = await db.Set<AuditEvent>().SingleAsync(Ct);
        (audit.Kind, audit.ActorId, audit.EntityType, audit.EntityId, audit.OccurredAt, audit.GroupId).ShouldBe(
            (AuditKind.EmailRevealed, CoordinatorOid, "Referral", _received.Id.ToString(), Now, (Guid?)null));
        (await db.Set<Referral>().SingleAsync(r => r.Id == _received.Id, Ct)).Version.ShouldBe(_received.Version, "a reveal changes nothing");
    }

    [Fact]
    public async Task RevealEmail_NoAddressStored_ReturnsNullAndAuditsNothing()
    {
        (await NewService().RevealEmailAsync(Coordinator, _planned.Id, Ct)).ShouldBeNull();
        (await NewService().RevealEmailAsync(Coordinator, Guid.NewGuid(), Ct)).ShouldBeNull();

        await using var db = await DbAsync();
        (await db.Set<AuditEvent>().CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Page_CounsellorOtherReferral_SeesAccessDenied()
    {
        using var client = _factory.CreateNonRedirectingClient();
        using var _ = await client.GetAsync(new Uri("/dev/signin?user=counsellor", UriKind.Relative), Ct);

        var html = await client.GetStringAsync(new Uri($"/doorverwijzingen/{_othersReferral.Id}", UriKind.Relative), Ct);

        HttpResponseExtensions.H1(html).ShouldBe("Geen toegang");
        html.ShouldNotContain(_othersReferral.Reference, Case.Sensitive);
        html.ShouldNotContain("data-testid=\"referral-status-only\"");
    }

    [Fact]
    public async Task Page_CounsellorOwnReferral_SeesTheStatusOnly()
    {
        var own = WaitingListServiceTests.NewReferral(5, ReferralStatus.Received, registeredBy: DemoUsers.Counsellor.ObjectId, registeredAt: Now.AddHours(-2));
        await using (var db = await DbAsync())
        {
            db.Add(own);
            await db.SaveChangesAsync(Ct);
        }

        using var client = _factory.CreateNonRedirectingClient();
        using var _ = await client.GetAsync(new Uri("/dev/signin?user=counsellor", UriKind.Relative), Ct);

        var html = await client.GetStringAsync(new Uri($"/doorverwijzingen/{own.Id}", UriKind.Relative), Ct);

        HttpResponseExtensions.H1(html).ShouldBe($"Doorverwijzing {own.Reference}");
        html.ShouldContain("data-testid=\"referral-status-only\"");
        html.ShouldNotContain("data-testid=\"referral-details\"");
    }

    [Fact]
    public async Task Page_Coordinator_ShowsTheReferral()
    {
        using var client = _factory.CreateNonRedirectingClient();
        using var _ = await client.GetAsync(new Uri("/dev/signin?user=coordinator", UriKind.Relative), Ct);

        var html = await client.GetStringAsync(new Uri($"/doorverwijzingen/{_othersReferral.Id}", UriKind.Relative), Ct);

        HttpResponseExtensions.H1(html).ShouldBe($"Doorverwijzing {_othersReferral.Reference}");
    }

    private async Task AssertUnchangedAsync(Referral original)
    {
        await using var db = await DbAsync();
        var saved = await db.Set<Referral>().Include(r => r.History).SingleAsync(r => r.Id == original.Id, Ct);
        (saved.Status, saved.Version, saved.History.Count, saved.IntakePlannedFor).ShouldBe(
            (original.Status, original.Version, original.History.Count, original.IntakePlannedFor));
    }

    private async Task<LotgenotenDbContext> DbAsync() =>
        await _services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);
}
