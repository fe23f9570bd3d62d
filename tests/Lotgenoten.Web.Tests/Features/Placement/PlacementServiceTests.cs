using System.Text.RegularExpressions;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Invitations;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Email;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Web.Features.Placement;
using Microsoft.EntityFrameworkCore;

namespace Lotgenoten.Web.Tests.Features.Placement;

/// <summary>Placement and invitations on a real SQLite database, in Dutch unless a test says otherwise.</summary>
public sealed partial class PlacementServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = PlacementTestApp.Now;
    private PlacementTestApp _app = default!;

    public async ValueTask InitializeAsync() => _app = await PlacementTestApp.CreateAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("^[34679ACDEFGHJKMNPRTWXY]{4}-[34679ACDEFGHJKMNPRTWXY]{4}$")]
    private static partial Regex CodeFormat();

    [GeneratedRegex("^https://portal\\.test/uitnodiging/[A-Za-z0-9_-]{43}$")]
    private static partial Regex LinkFormat();

    [Fact]
    public async Task Place_Handover_ReturnsTheCodeOnceAndStoresOnlyItsBlindIndex()
    {
        var referral = await _app.WaitingAsync();
        var group = await _app.GroupAsync();

        var result = await _app.Placement().PlaceAsync(PlacementTestApp.Coordinator, referral.Id, referral.Version, group.Id, InvitationDelivery.Handover, Ct);

        result.Succeeded.ShouldBeTrue(result.Error);
        result.Code!.ShouldMatch(CodeFormat().ToString());
        result.Link!.ShouldMatch(LinkFormat().ToString());
        (result.ExpiresAt, result.Delivery, result.Conflict).ShouldBe((Now.AddDays(14), (InvitationDelivery?)InvitationDelivery.Handover, false));
        var code = result.Code!;
        var link = result.Link!;
        var token = link[(link.LastIndexOf('/') + 1)..];

        await using var db = await _app.DbAsync(Ct);
        var invitation = await db.Set<Invitation>().SingleAsync(Ct);
        invitation.CodeHash.ShouldBe(_app.Protector.BlindIndex(ProtectionPurposes.InvitationCode, InvitationCode.Normalize(code)!));
        invitation.LinkTokenHash.ShouldBe(_app.Protector.BlindIndex(ProtectionPurposes.InvitationLink, token));
        (invitation.ReferralId, invitation.GroupId, invitation.Delivery, invitation.CreatedBy, invitation.CreatedAt, invitation.ExpiresAt).ShouldBe(
            (referral.Id, group.Id, InvitationDelivery.Handover, PlacementTestApp.CoordinatorOid, Now, Now.AddDays(14)));
        invitation.StateAt(Now).ShouldBe(InvitationState.Open);

        var stored = await _app.AllTextAsync("Invitations");
        stored.Count.ShouldBeGreaterThan(8);
        foreach (var secret in new[] { code, InvitationCode.Normalize(code)!, token })
        {
            stored.ShouldAllBe(v => !v.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }

        var placed = await db.Set<Referral>().SingleAsync(r => r.Id == referral.Id, Ct);
        (placed.Status, placed.PlacedGroupId, placed.PlacedOn, placed.ReceivedOn).ShouldBe(
            (ReferralStatus.Invited, (Guid?)group.Id, (DateOnly?)BrusselsTime.Today(Now), referral.ReceivedOn));
        var membership = await db.Set<Membership>().SingleAsync(m => m.ReferralId == referral.Id, Ct);
        (membership.Id, membership.GroupId, membership.Status, membership.PlacedAt).ShouldBe((invitation.MembershipId, group.Id, MembershipStatus.Invited, Now));
        var audits = (await db.Set<AuditEvent>().ToListAsync(Ct)).OrderBy(a => a.Kind).ToList();
        audits.Select(a => (a.Kind, a.ActorId, a.EntityType, a.EntityId, a.GroupId)).ShouldBe(
        [
            (AuditKind.ReferralPlaced, PlacementTestApp.CoordinatorOid, "Referral", referral.Id.ToString(), (Guid?)group.Id),
            (AuditKind.InvitationSent, PlacementTestApp.CoordinatorOid, "Invitation", invitation.Id.ToString(), (Guid?)group.Id),
        ]);
        (await db.Set<OutboxMessage>().CountAsync(Ct)).ShouldBe(0);
    }

    [Theory]
    [InlineData(Language.Nl, "Je uitnodiging", "Verwachtte je dit bericht niet? Dan mag je het negeren.", "13 december 2026 om 11:00")]
    [InlineData(Language.Fr, "Votre invitation", "Vous n'attendiez pas ce message ? Vous pouvez l'ignorer.", "13 décembre 2026 à 11:00")]
    [InlineData(Language.En, "Your invitation", "Did you not expect this message? Then you can ignore it.", "13 December 2026 at 11:00")]
    public async Task Place_Email_EnqueuesOneNeutralMessageInTheReferralsLanguage(Language language, string subject, string ignoreLine, string expiry)
    {
        var referral = await _app.WaitingAsync(language: language, email: "relative@example.org");
        var group = await _app.GroupAsync("Partnergroep Stop it Now", language: language);

        var result = await _app.Placement().PlaceAsync(PlacementTestApp.Coordinator, referral.Id, referral.Version, group.Id, InvitationDelivery.Email, Ct);

        result.Succeeded.ShouldBeTrue(result.Error);
        await using var db = await _app.DbAsync(Ct);
        var message = await db.Set<OutboxMessage>().SingleAsync(Ct);
        (message.Kind, message.Subject, message.Status, message.CalendarContent).ShouldBe(
            (PlacementService.MailKind, subject, OutboxStatus.Pending, (byte[]?)null));
        _app.Protector.Unprotect(ProtectionPurposes.OutboxRecipient, message.RecipientCiphertext!).ShouldBe("relative@example.org");
        var body = _app.Protector.Unprotect(ProtectionPurposes.OutboxBody, message.TextBodyCiphertext!);
        body.ShouldContain(result.Link!);
        body.ShouldContain(result.Code!);
        body.ShouldContain("https://portal.test/uitnodiging ");
        body.ShouldContain(expiry);
        body.ShouldEndWith(ignoreLine);
        foreach (var word in new[] { "Stop", "Partner", "lotgenot", "pedo", "seks", "sexu", "misbruik", "abus" })
        {
            (message.Subject + body).ShouldNotContain(word, Case.Insensitive);
        }

        (await db.Set<Invitation>().SingleAsync(Ct)).Delivery.ShouldBe(InvitationDelivery.Email);
        (await _app.AllTextAsync("OutboxMessages")).ShouldAllBe(v => !v.Contains(result.Code!, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Place_EmailWithoutAddress_IsRefusedAndStoresNothing()
    {
        var referral = await _app.WaitingAsync();
        var group = await _app.GroupAsync();

        var result = await _app.Placement().PlaceAsync(PlacementTestApp.Coordinator, referral.Id, referral.Version, group.Id, InvitationDelivery.Email, Ct);

        (result.Succeeded, result.Conflict, result.Code, result.Error).ShouldBe(
            (false, false, (string?)null, "Er is geen e-mailadres bekend. Geef de code zelf door."));
        await AssertNothingPlacedAsync(referral.Id, referral.Version);
    }

    [Fact]
    public async Task Place_StaleReferralVersion_ConflictsAndChangesNothing()
    {
        var referral = await _app.WaitingAsync();
        var group = await _app.GroupAsync();

        var result = await _app.Placement().PlaceAsync(PlacementTestApp.Coordinator, referral.Id, referral.Version - 1, group.Id, InvitationDelivery.Handover, Ct);

        (result.Succeeded, result.Conflict, result.Error).ShouldBe(
            (false, true, "Iemand anders heeft deze doorverwijzing intussen gewijzigd. Laad opnieuw en probeer nog eens."));
        await AssertNothingPlacedAsync(referral.Id, referral.Version);
    }

    [Fact]
    public async Task Place_RulesBroken_RefusedWithTheReason()
    {
        var waiting = await _app.WaitingAsync();
        var intakeDone = await _app.WaitingAsync(until: ReferralStatus.IntakeDone);
        var full = await _app.GroupAsync("Vol", maximum: 2, taken: 2);
        var french = await _app.GroupAsync("Frans", language: Language.Fr);
        var parents = await _app.GroupAsync("Ouders", audience: GroupAudience.Parents);
        var service = _app.Placement();

        (await service.PlaceAsync(PlacementTestApp.Coordinator, waiting.Id, waiting.Version, full.Id, InvitationDelivery.Handover, Ct)).Error
            .ShouldBe("Deze groep heeft geen vrije plaats meer.");
        (await service.PlaceAsync(PlacementTestApp.Coordinator, waiting.Id, waiting.Version, french.Id, InvitationDelivery.Handover, Ct)).Error
            .ShouldBe("Deze groep past niet bij deze doorverwijzing (taal, doelgroep of vorm).");
        (await service.PlaceAsync(PlacementTestApp.Coordinator, waiting.Id, waiting.Version, parents.Id, InvitationDelivery.Handover, Ct)).Error
            .ShouldBe("Deze groep past niet bij deze doorverwijzing (taal, doelgroep of vorm).");
        (await service.PlaceAsync(PlacementTestApp.Coordinator, intakeDone.Id, intakeDone.Version, french.Id, InvitationDelivery.Handover, Ct)).Error
            .ShouldBe("Alleen een doorverwijzing op de wachtlijst kan geplaatst worden.");
        (await service.PlaceAsync(PlacementTestApp.Coordinator, Guid.NewGuid(), 0, full.Id, InvitationDelivery.Handover, Ct)).Error
            .ShouldBe("Deze doorverwijzing of groep bestaat niet (meer).");
        (await service.PlaceAsync(PlacementTestApp.Coordinator, waiting.Id, waiting.Version, full.Id, (InvitationDelivery)7, Ct)).Error
            .ShouldBe("Kies hoe de uitnodiging de persoon bereikt.");
        await AssertNothingPlacedAsync(waiting.Id, waiting.Version);
    }

    [Fact]
    public async Task Place_InFrench_ReturnsFrenchMessages()
    {
        var referral = await _app.WaitingAsync();
        var group = await _app.GroupAsync();

        var result = await _app.Placement("fr-BE").PlaceAsync(PlacementTestApp.Coordinator, referral.Id, referral.Version, group.Id, InvitationDelivery.Email, Ct);

        result.Error.ShouldBe("Aucune adresse e-mail n'est connue. Transmettez le code vous-même.");
    }

    [Fact]
    public async Task Reissue_OpenInvitation_RevokesTheOldAndReturnsANewCodeForTheSamePlacement()
    {
        var (referral, group, first) = await PlacedAsync();
        _app.Clock.Advance(TimeSpan.FromHours(2));
        var later = Now.AddHours(2);

        var second = await _app.Placement().ReissueAsync(PlacementTestApp.Coordinator, referral.Id, InvitationDelivery.Handover, Ct);

        second.Succeeded.ShouldBeTrue(second.Error);
        second.Code.ShouldNotBe(first.Code);
        second.Link.ShouldNotBe(first.Link);
        second.ExpiresAt.ShouldBe(later.AddDays(14));
        await using var db = await _app.DbAsync(Ct);
        var invitations = await db.Set<Invitation>().OrderBy(i => i.CreatedAt).ToListAsync(Ct);
        invitations.Count.ShouldBe(2);
        var (old, current) = (invitations[0], invitations[1]);
        old.StateAt(later).ShouldBe(InvitationState.Revoked);
        old.RevokedAt.ShouldBe(later);
        current.StateAt(later).ShouldBe(InvitationState.Open);
        current.MembershipId.ShouldBe(old.MembershipId);
        current.CodeHash.ShouldBe(_app.Protector.BlindIndex(ProtectionPurposes.InvitationCode, InvitationCode.Normalize(second.Code)!));
        var audits = (await db.Set<AuditEvent>().Where(a => a.OccurredAt == later).ToListAsync(Ct)).OrderBy(a => a.Kind).ToList();
        audits.Select(a => (a.Kind, a.EntityId)).ShouldBe(
        [
            (AuditKind.InvitationReissued, current.Id.ToString()),
            (AuditKind.InvitationRevoked, old.Id.ToString()),
        ]);
        (await db.Set<Membership>().SingleAsync(m => m.ReferralId == referral.Id, Ct)).Status.ShouldBe(MembershipStatus.Invited);
        (await db.Set<Referral>().SingleAsync(r => r.Id == referral.Id, Ct)).Status.ShouldBe(ReferralStatus.Invited);

        var history = await _app.Placement().GetInvitationsAsync(PlacementTestApp.Coordinator, referral.Id, Ct);
        history!.Invitations.Select(i => (i.State, i.GroupName)).ShouldBe([(InvitationState.Open, group.Name), (InvitationState.Revoked, group.Name)]);
    }

    [Fact]
    public async Task Invitations_After15Days_AreExpiredAndCanStillBeReissued()
    {
        var (referral, group, _) = await PlacedAsync();

        _app.Clock.Advance(TimeSpan.FromDays(15));
        var history = await _app.Placement().GetInvitationsAsync(PlacementTestApp.Coordinator, referral.Id, Ct);

        history!.Invitations.Single().State.ShouldBe(InvitationState.Expired);
        (history.CanReissue, history.CanReturnToWaitingList, history.CurrentGroupName, history.Status).ShouldBe(
            (true, true, (string?)group.Name, ReferralStatus.Invited));
        var reissued = await _app.Placement().ReissueAsync(PlacementTestApp.Coordinator, referral.Id, InvitationDelivery.Handover, Ct);
        reissued.Succeeded.ShouldBeTrue(reissued.Error);
        var after = await _app.Placement().GetInvitationsAsync(PlacementTestApp.Coordinator, referral.Id, Ct);
        after!.Invitations.Select(i => i.State).ShouldBe([InvitationState.Open, InvitationState.Revoked]);
    }

    [Fact]
    public async Task Reissue_ByEmail_SendsTheNewLinkAndRefusedWithoutAddress()
    {
        var withEmail = await _app.WaitingAsync(email: "relative@example.org");
        var without = await _app.WaitingAsync();
        var group = await _app.GroupAsync();
        var service = _app.Placement();
        (await service.PlaceAsync(PlacementTestApp.Coordinator, withEmail.Id, withEmail.Version, group.Id, InvitationDelivery.Handover, Ct)).Succeeded.ShouldBeTrue();
        (await service.PlaceAsync(PlacementTestApp.Coordinator, without.Id, without.Version, group.Id, InvitationDelivery.Handover, Ct)).Succeeded.ShouldBeTrue();

        var emailed = await service.ReissueAsync(PlacementTestApp.Coordinator, withEmail.Id, InvitationDelivery.Email, Ct);
        var refused = await service.ReissueAsync(PlacementTestApp.Coordinator, without.Id, InvitationDelivery.Email, Ct);

        emailed.Succeeded.ShouldBeTrue(emailed.Error);
        refused.Error.ShouldBe("Er is geen e-mailadres bekend. Geef de code zelf door.");
        await using var db = await _app.DbAsync(Ct);
        var message = await db.Set<OutboxMessage>().SingleAsync(Ct);
        _app.Protector.Unprotect(ProtectionPurposes.OutboxBody, message.TextBodyCiphertext!).ShouldContain(emailed.Link!);
        (await db.Set<Invitation>().CountAsync(i => i.ReferralId == without.Id && i.RevokedAt == null, Ct)).ShouldBe(1);
    }

    [Fact]
    public async Task ReturnToWaitingList_UnusedInvitation_RevokesItFreesThePlaceAndKeepsTheReceivedOnDate()
    {
        var (referral, group, _) = await PlacedAsync(maximum: 1);
        int version;
        await using (var before = await _app.DbAsync(Ct))
        {
            version = (await before.Set<Referral>().SingleAsync(r => r.Id == referral.Id, Ct)).Version;
        }

        var result = await _app.Placement().ReturnToWaitingListAsync(PlacementTestApp.Coordinator, referral.Id, version, Ct);

        result.ShouldBe(PlacementChange.Ok());
        await using var db = await _app.DbAsync(Ct);
        var back = await db.Set<Referral>().SingleAsync(r => r.Id == referral.Id, Ct);
        (back.Status, back.ReceivedOn, back.WaitingDays(BrusselsTime.Today(Now))).ShouldBe((ReferralStatus.Waiting, referral.ReceivedOn, 40));
        var membership = await db.Set<Membership>().SingleAsync(m => m.ReferralId == referral.Id, Ct);
        (membership.Status, membership.EndedAt).ShouldBe((MembershipStatus.Withdrawn, (DateTimeOffset?)Now));
        (await db.Set<Invitation>().SingleAsync(Ct)).StateAt(Now).ShouldBe(InvitationState.Revoked);
        (await db.Set<PeerGroup>().Include(g => g.Memberships).SingleAsync(g => g.Id == group.Id, Ct)).OpenPlaces.ShouldBe(0);
        (await db.Set<AuditEvent>().CountAsync(a => a.Kind == AuditKind.InvitationRevoked, Ct)).ShouldBe(1);

        var again = await _app.Placement().PlaceAsync(PlacementTestApp.Coordinator, referral.Id, back.Version, group.Id, InvitationDelivery.Handover, Ct);
        again.Succeeded.ShouldBeTrue(again.Error);
    }

    [Fact]
    public async Task ReturnToWaitingList_StaleVersionOrNotInvited_ChangesNothing()
    {
        var (referral, _, _) = await PlacedAsync();
        var waiting = await _app.WaitingAsync();
        var service = _app.Placement();

        var stale = await service.ReturnToWaitingListAsync(PlacementTestApp.Coordinator, referral.Id, referral.Version, Ct);
        var notInvited = await service.ReturnToWaitingListAsync(PlacementTestApp.Coordinator, waiting.Id, waiting.Version, Ct);
        var reissueNotInvited = await service.ReissueAsync(PlacementTestApp.Coordinator, waiting.Id, InvitationDelivery.Handover, Ct);

        stale.ShouldBe(PlacementChange.Conflicted("Iemand anders heeft deze doorverwijzing intussen gewijzigd. Laad opnieuw en probeer nog eens."));
        notInvited.ShouldBe(PlacementChange.Failed("Alleen een niet-gebruikte uitnodiging kan terug naar de wachtlijst."));
        reissueNotInvited.Error.ShouldBe("Een nieuwe code kan alleen zolang de uitnodiging niet gebruikt is.");
        await using var db = await _app.DbAsync(Ct);
        (await db.Set<Referral>().SingleAsync(r => r.Id == referral.Id, Ct)).Status.ShouldBe(ReferralStatus.Invited);
        (await db.Set<Membership>().SingleAsync(m => m.ReferralId == referral.Id, Ct)).Status.ShouldBe(MembershipStatus.Invited);
        (await db.Set<Invitation>().SingleAsync(Ct)).RevokedAt.ShouldBeNull();
    }

    [Fact]
    public async Task Reissue_TwiceAtOnce_OnlyOneWinsAndOneCodeWorks()
    {
        var (referral, _, _) = await PlacedAsync();
        var one = _app.Placement();
        var two = _app.Placement();
        _app.Gate.Arm(2);

        var results = await Task.WhenAll(
            Task.Run(() => one.ReissueAsync(PlacementTestApp.Coordinator, referral.Id, InvitationDelivery.Handover, Ct), Ct),
            Task.Run(() => two.ReissueAsync(PlacementTestApp.SecondCoordinator, referral.Id, InvitationDelivery.Handover, Ct), Ct));

        results.Count(r => r.Succeeded).ShouldBe(1);
        var loser = results.Single(r => !r.Succeeded);
        (loser.Conflict, loser.Code, loser.Error).ShouldBe(
            (true, (string?)null, "Iemand anders heeft dit intussen gewijzigd. Er is niets opgeslagen. Laad opnieuw en probeer nog eens."));
        await using var db = await _app.DbAsync(Ct);
        var invitations = await db.Set<Invitation>().ToListAsync(Ct);
        invitations.Count.ShouldBe(2);
        PlacementTestApp.Open(invitations).Single().CodeHash.ShouldBe(
            _app.Protector.BlindIndex(ProtectionPurposes.InvitationCode, InvitationCode.Normalize(results.Single(r => r.Succeeded).Code)!));
    }

    [Fact]
    public async Task EveryMethod_NotACoordinator_IsRefused()
    {
        var (referral, group, _) = await PlacedAsync();
        var waiting = await _app.WaitingAsync();
        var service = _app.Placement();
        var matching = _app.Matching();
        var anonymous = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
        var noOid = PlacementTestApp.Staff("", AppRoles.Coordinator);
        foreach (var user in new[]
        {
            PlacementTestApp.Staff("c", AppRoles.Counsellor), PlacementTestApp.Staff("f", AppRoles.Facilitator),
            PlacementTestApp.Staff("cf", AppRoles.Counsellor, AppRoles.Facilitator), PlacementTestApp.Participant, anonymous, noOid,
        })
        {
            await Should.ThrowAsync<UnauthorizedAccessException>(() => service.PlaceAsync(user, waiting.Id, waiting.Version, group.Id, InvitationDelivery.Handover, Ct));
            await Should.ThrowAsync<UnauthorizedAccessException>(() => service.GetInvitationsAsync(user, referral.Id, Ct));
            await Should.ThrowAsync<UnauthorizedAccessException>(() => service.ReissueAsync(user, referral.Id, InvitationDelivery.Handover, Ct));
            await Should.ThrowAsync<UnauthorizedAccessException>(() => service.ReturnToWaitingListAsync(user, referral.Id, 99, Ct));
            await Should.ThrowAsync<UnauthorizedAccessException>(() => matching.GroupsForReferralAsync(user, waiting.Id, Ct));
            await Should.ThrowAsync<UnauthorizedAccessException>(() => matching.ReferralsForGroupAsync(user, group.Id, Ct));
        }

        await using var db = await _app.DbAsync(Ct);
        (await db.Set<Invitation>().CountAsync(Ct)).ShouldBe(1);
        (await db.Set<Referral>().SingleAsync(r => r.Id == waiting.Id, Ct)).Status.ShouldBe(ReferralStatus.Waiting);
    }

    [Fact]
    public async Task Place_SameReferralInTwoGroupsAtOnce_OnlyOneWins()
    {
        var referral = await _app.WaitingAsync();
        var first = await _app.GroupAsync("Eerste");
        var second = await _app.GroupAsync("Tweede", format: GroupFormat.Online);
        var one = _app.Placement();
        var two = _app.Placement();
        _app.Gate.Arm(2);

        var results = await Task.WhenAll(
            Task.Run(() => one.PlaceAsync(PlacementTestApp.Coordinator, referral.Id, referral.Version, first.Id, InvitationDelivery.Handover, Ct), Ct),
            Task.Run(() => two.PlaceAsync(PlacementTestApp.SecondCoordinator, referral.Id, referral.Version, second.Id, InvitationDelivery.Handover, Ct), Ct));

        results.Count(r => r.Succeeded).ShouldBe(1);
        var loser = results.Single(r => !r.Succeeded);
        (loser.Conflict, loser.Code, loser.Error).ShouldBe((true, (string?)null, "Iemand anders heeft deze doorverwijzing intussen gewijzigd. Laad opnieuw en probeer nog eens."));
        await using var db = await _app.DbAsync(Ct);
        (await db.Set<Membership>().CountAsync(m => m.ReferralId == referral.Id, Ct)).ShouldBe(1);
        (await db.Set<Invitation>().CountAsync(Ct)).ShouldBe(1);
        (await db.Set<AuditEvent>().CountAsync(Ct)).ShouldBe(2);
    }

    private async Task<(Referral Referral, PeerGroup Group, PlacementResult Result)> PlacedAsync(int maximum = 8)
    {
        var referral = await _app.WaitingAsync();
        var group = await _app.GroupAsync(maximum: maximum);
        var result = await _app.Placement().PlaceAsync(PlacementTestApp.Coordinator, referral.Id, referral.Version, group.Id, InvitationDelivery.Handover, Ct);
        result.Succeeded.ShouldBeTrue(result.Error);
        return (referral, group, result);
    }

    private async Task AssertNothingPlacedAsync(Guid referralId, int version)
    {
        await using var db = await _app.DbAsync(Ct);
        var referral = await db.Set<Referral>().SingleAsync(r => r.Id == referralId, Ct);
        (referral.Status, referral.Version, referral.PlacedGroupId).ShouldBe((ReferralStatus.Waiting, version, (Guid?)null));
        (await db.Set<Membership>().CountAsync(m => m.ReferralId == referralId, Ct)).ShouldBe(0);
        (await db.Set<Invitation>().CountAsync(Ct)).ShouldBe(0);
        (await db.Set<AuditEvent>().CountAsync(Ct)).ShouldBe(0);
        (await db.Set<OutboxMessage>().CountAsync(Ct)).ShouldBe(0);
    }
}
