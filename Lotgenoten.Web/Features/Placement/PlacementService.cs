using System.Globalization;
using System.Resources;
using System.Security.Claims;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Invitations;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Email;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Web.Features.Referrals;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Web.Features.Placement;

/// <summary>
/// Placing a waiting referral in a group, and its invitation: create (e-mailed through the outbox, or shown once to hand
/// over), list, re-issue (the old code stops working at once), and return to the waiting list when it was not used.
/// Coordinators only, checked on every call. The code and the link token are returned once and never stored: only their
/// keyed hashes (blind indexes) are. Every change is one SaveChanges with its audit events (and the e-mail): the group's
/// <c>Version</c> makes the second of two placements into the last free place fail, the referral's <c>Version</c> the
/// second of two placements of the same relative; the loser stores nothing and is told someone else was first.
/// Links are built on the portal's own address as the circuit knows it (<see cref="NavigationManager.BaseUri"/>, as the
/// calendar feed links are).
/// </summary>
public sealed class PlacementService(
    IDbContextFactory<LotgenotenDbContext> dbFactory,
    TimeProvider time,
    IFieldProtector protector,
    IOutbox outbox,
    IOptions<ReferralOptions> options,
    NavigationManager navigation,
    IStringLocalizer<PlacementTexts> texts)
{
    /// <summary>The path of an invitation link; the redeeming page (next issue) lives here.</summary>
    public const string InvitationPath = "uitnodiging";

    /// <summary>The outbox kind of the invitation mail (counts only; no content).</summary>
    public const string MailKind = "Invitation";

    private const string ReferralEntity = "Referral";
    private const string InvitationEntity = "Invitation";
    private static readonly ResourceManager MailResources = new(typeof(InvitationMailTexts));

    /// <summary>
    /// Raised (with the referral's id) after a placement, a re-issue or a return to the waiting list was saved, so that
    /// every panel of the same circuit showing that referral reloads (the service is scoped: one per circuit).
    /// </summary>
    public event Func<Guid, Task>? Changed;

    /// <summary>The link of an invitation under <paramref name="baseUri"/>.</summary>
    public static string LinkFor(string baseUri, string token)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        return $"{baseUri.TrimEnd('/')}/{InvitationPath}/{Uri.EscapeDataString(token)}";
    }

    /// <summary>
    /// Places the referral (at the version the page showed) in the group and creates its invitation. Refused when the
    /// referral is not waiting, the group does not fit or is full, or e-mail delivery is asked without an address.
    /// </summary>
    public async Task<PlacementResult> PlaceAsync(
        ClaimsPrincipal user, Guid referralId, int referralVersion, Guid groupId, InvitationDelivery delivery, CancellationToken ct)
    {
        var actor = PlacementAccess.RequireCoordinator(user);
        if (!Enum.IsDefined(delivery))
        {
            return PlacementResult.Failed(texts["Error_Delivery"]);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var referral = await db.Set<Referral>().Include(r => r.History).FirstOrDefaultAsync(r => r.Id == referralId, ct);
        if (referral is null)
        {
            return PlacementResult.Failed(texts["Error_NotFound"]);
        }

        if (referral.Version != referralVersion)
        {
            return PlacementResult.Conflicted(texts["Error_ReferralChanged"]);
        }

        if (referral.Status != ReferralStatus.Waiting)
        {
            return PlacementResult.Failed(texts["Error_NotWaiting"]);
        }

        var group = await db.Set<PeerGroup>().Include(g => g.Memberships).FirstOrDefaultAsync(g => g.Id == groupId, ct);
        if (group is null)
        {
            return PlacementResult.Failed(texts["Error_NotFound"]);
        }

        var match = GroupMatcher.Match(
            new MatchProfile(referral.Relation, referral.Language, referral.Region, referral.Format, referral.Availability),
            new GroupProfile(group.Id, group.Name, group.Audience, group.Language, group.Format, group.Region, group.Status, group.MaximumSize - group.OpenPlaces, []));
        if (!match.Fits)
        {
            var kinds = match.Reasons.Where(r => r.IsExcluding).Select(r => r.Kind).ToList();
            return PlacementResult.Failed(
                kinds.Contains(MatchReasonKind.Closed) ? texts["Error_GroupClosed"]
                : kinds.Contains(MatchReasonKind.Full) ? texts["Error_GroupFull"]
                : texts["Error_NoFit"]);
        }

        if (delivery == InvitationDelivery.Email && referral.EmailCiphertext is null)
        {
            return PlacementResult.Failed(texts["Error_NoEmail"]);
        }

        var now = time.GetUtcNow();
        try
        {
            var membership = group.Place(referral.Id, now);
            referral.MarkInvited(group.Id, actor, now);
            db.Add(AuditEvent.Record(actor, AuditKind.ReferralPlaced, ReferralEntity, referral.Id.ToString(), now, group.Id));
            var (invitation, code, link) = Issue(db, referral, group.Id, membership.Id, delivery, actor, now, AuditKind.InvitationSent);
            await db.SaveChangesAsync(ct);
            await RaiseChangedAsync(referral.Id);
            return PlacementResult.Ok(code, link, invitation.ExpiresAt, delivery);
        }
        catch (DomainException e)
        {
            return PlacementResult.Failed(FromDomain(e));
        }
        catch (DbUpdateConcurrencyException e)
        {
            return PlacementResult.Conflicted(e.Entries.Any(x => x.Entity is PeerGroup or Membership)
                ? texts["Error_GroupTaken"]
                : texts["Error_ReferralChanged"]);
        }
        catch (DbUpdateException)
        {
            return PlacementResult.Conflicted(texts["Error_SaveFailed"]);
        }
    }

    /// <summary>The referral's invitations, newest first, with what can be done now (never a code); null when it does not exist.</summary>
    public async Task<InvitationHistory?> GetInvitationsAsync(ClaimsPrincipal user, Guid referralId, CancellationToken ct)
    {
        PlacementAccess.RequireCoordinator(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var referral = await db.Set<Referral>().AsNoTracking()
            .Where(r => r.Id == referralId)
            .Select(r => new { r.Id, r.Reference, r.Status, r.Version, HasEmail = r.EmailCiphertext != null })
            .FirstOrDefaultAsync(ct);
        if (referral is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var invitations = await db.Set<Invitation>().AsNoTracking().Where(i => i.ReferralId == referralId).ToListAsync(ct);
        var groupIds = invitations.Select(i => i.GroupId).Distinct().ToList();
        var names = groupIds.Count == 0
            ? []
            : await db.Set<PeerGroup>().AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var current = await db.Set<Membership>().AsNoTracking()
            .Where(m => m.ReferralId == referralId && m.Status == MembershipStatus.Invited)
            .Select(m => new { m.Id, m.GroupId })
            .FirstOrDefaultAsync(ct);
        var views = invitations
            .OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
            .Select(i => new InvitationView(
                i.Id, i.GroupId, names.GetValueOrDefault(i.GroupId, "?"), i.StateAt(now), i.Delivery, i.CreatedAt, i.ExpiresAt, i.RedeemedAt, i.RevokedAt))
            .ToList();
        var unused = current is not null && referral.Status == ReferralStatus.Invited
            && !invitations.Any(i => i.MembershipId == current.Id && i.RedeemedAt is not null);
        return new InvitationHistory(
            referral.Id,
            referral.Reference,
            referral.Status,
            referral.Version,
            referral.HasEmail,
            current is null ? null : names.GetValueOrDefault(current.GroupId),
            views,
            unused,
            unused);
    }

    /// <summary>
    /// A new invitation for the current placement (still only invited): the open or expired one is revoked at once,
    /// and the new code and link are returned this once.
    /// </summary>
    public async Task<PlacementResult> ReissueAsync(ClaimsPrincipal user, Guid referralId, InvitationDelivery delivery, CancellationToken ct)
    {
        var actor = PlacementAccess.RequireCoordinator(user);
        if (!Enum.IsDefined(delivery))
        {
            return PlacementResult.Failed(texts["Error_Delivery"]);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var referral = await db.Set<Referral>().FirstOrDefaultAsync(r => r.Id == referralId, ct);
        if (referral is null)
        {
            return PlacementResult.Failed(texts["Error_NotFound"]);
        }

        var membership = await CurrentPlacementAsync(db, referral, ct);
        if (membership is null)
        {
            return PlacementResult.Failed(texts["Error_CannotReissue"]);
        }

        if (delivery == InvitationDelivery.Email && referral.EmailCiphertext is null)
        {
            return PlacementResult.Failed(texts["Error_NoEmail"]);
        }

        var now = time.GetUtcNow();
        try
        {
            var (invitation, code, link) = Issue(db, referral, membership.GroupId, membership.Id, delivery, actor, now, AuditKind.InvitationReissued);
            await RevokeUnusedAsync(db, membership, actor, now, except: invitation.Id, ct);
            await db.SaveChangesAsync(ct);
            await RaiseChangedAsync(referral.Id);
            return PlacementResult.Ok(code, link, invitation.ExpiresAt, delivery);
        }
        catch (DomainException e)
        {
            return PlacementResult.Failed(FromDomain(e));
        }
        catch (DbUpdateConcurrencyException)
        {
            return PlacementResult.Conflicted(texts["Error_Conflict"]);
        }
        catch (DbUpdateException)
        {
            return PlacementResult.Conflicted(texts["Error_SaveFailed"]);
        }
    }

    /// <summary>
    /// For an invitation that was not used (open or expired): revokes it, withdraws the invited membership (the place
    /// is free again) and puts the referral back on the waiting list, keeping its received-on date.
    /// </summary>
    public async Task<PlacementChange> ReturnToWaitingListAsync(ClaimsPrincipal user, Guid referralId, int version, CancellationToken ct)
    {
        var actor = PlacementAccess.RequireCoordinator(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var referral = await db.Set<Referral>().Include(r => r.History).FirstOrDefaultAsync(r => r.Id == referralId, ct);
        if (referral is null)
        {
            return PlacementChange.Failed(texts["Error_NotFound"]);
        }

        if (referral.Version != version)
        {
            return PlacementChange.Conflicted(texts["Error_ReferralChanged"]);
        }

        var membership = await CurrentPlacementAsync(db, referral, ct);
        if (membership is null)
        {
            return PlacementChange.Failed(texts["Error_CannotReturn"]);
        }

        var now = time.GetUtcNow();
        try
        {
            await RevokeUnusedAsync(db, membership, actor, now, except: null, ct);
            membership.Withdraw(WithdrawalReason.Other, now);
            referral.ReturnToWaitingList(actor, now);
            await db.SaveChangesAsync(ct);
            await RaiseChangedAsync(referral.Id);
            return PlacementChange.Ok();
        }
        catch (DomainException e)
        {
            return PlacementChange.Failed(FromDomain(e));
        }
        catch (DbUpdateConcurrencyException)
        {
            return PlacementChange.Conflicted(texts["Error_Conflict"]);
        }
        catch (DbUpdateException)
        {
            return PlacementChange.Conflicted(texts["Error_SaveFailed"]);
        }
    }

    /// <summary>
    /// The membership of an invited referral that is still only invited (tracked, and checked again at SaveChanges by
    /// its version); null when there is none or one of its invitations was redeemed.
    /// </summary>
    private static async Task<Membership?> CurrentPlacementAsync(LotgenotenDbContext db, Referral referral, CancellationToken ct)
    {
        if (referral.Status != ReferralStatus.Invited)
        {
            return null;
        }

        var membership = await db.Set<Membership>()
            .Where(m => m.ReferralId == referral.Id && m.Status == MembershipStatus.Invited)
            .OrderByDescending(m => m.PlacedAt)
            .FirstOrDefaultAsync(ct);
        if (membership is null || await db.Set<Invitation>().AnyAsync(i => i.MembershipId == membership.Id && i.RedeemedAt != null, ct))
        {
            return null;
        }

        // Nothing on the membership changes when re-issuing, but it must still be what we read: an UPDATE of its version
        // to the same value fails if someone withdrew it in the meantime.
        db.Entry(membership).Property(m => m.Version).IsModified = true;
        return membership;
    }

    private static async Task RevokeUnusedAsync(LotgenotenDbContext db, Membership membership, string actor, DateTimeOffset now, Guid? except, CancellationToken ct)
    {
        var unused = await db.Set<Invitation>()
            .Where(i => i.MembershipId == membership.Id && i.RevokedAt == null && i.RedeemedAt == null)
            .ToListAsync(ct);
        foreach (var old in unused.Where(i => i.Id != except))
        {
            old.Revoke(now);
            db.Add(AuditEvent.Record(actor, AuditKind.InvitationRevoked, InvitationEntity, old.Id.ToString(), now, membership.GroupId));
        }
    }

    /// <summary>A new invitation (only the hashes of its secrets stored), its audit event, and its e-mail when asked.</summary>
    private (Invitation Invitation, string Code, string Link) Issue(
        LotgenotenDbContext db, Referral referral, Guid groupId, Guid membershipId, InvitationDelivery delivery, string actor, DateTimeOffset now, AuditKind kind)
    {
        var code = InvitationCode.New();
        var token = InvitationCode.NewLinkToken();
        var invitation = Invitation.Create(
            referral.Id,
            groupId,
            membershipId,
            protector.OfCode(code)!,
            protector.OfLinkToken(token),
            delivery,
            actor,
            now,
            TimeSpan.FromDays(options.Value.InvitationValidityDays));
        db.Add(invitation);
        db.Add(AuditEvent.Record(actor, kind, InvitationEntity, invitation.Id.ToString(), now, groupId));

        var baseUri = navigation.BaseUri;
        var link = LinkFor(baseUri, token);
        if (delivery == InvitationDelivery.Email)
        {
            // The only place the address is decrypted: straight into the outbox, which stores it encrypted again.
            var to = protector.Unprotect(ProtectionPurposes.ReferralEmail, referral.EmailCiphertext!);
            var culture = CultureInfo.GetCultureInfo(referral.Language.ToCode());
            var expires = BrusselsTime.ToLocal(invitation.ExpiresAt).ToString(Mail("Mail_DateFormat", culture), culture);
            var body = string.Format(culture, Mail("Mail_Body", culture), link, code, expires, $"{baseUri.TrimEnd('/')}/{InvitationPath}");
            outbox.Enqueue(db, new OutgoingEmail(to, Mail("Mail_Subject", culture), body, null, MailKind));
        }

        return (invitation, code, link);
    }

    private async Task RaiseChangedAsync(Guid referralId)
    {
        if (Changed is { } changed)
        {
            foreach (var handler in changed.GetInvocationList().Cast<Func<Guid, Task>>())
            {
                await handler(referralId);
            }
        }
    }

    /// <summary>A mail text in the recipient's language, not the signed-in user's: a mail is read by its recipient.</summary>
    private static string Mail(string name, CultureInfo culture) => MailResources.GetString(name, culture) ?? name;

    private string FromDomain(DomainException e)
    {
        var text = texts["Error_" + e.Code.Replace('.', '_').Replace('-', '_')];
        return text.ResourceNotFound ? texts["Error_Generic"] : text;
    }
}
