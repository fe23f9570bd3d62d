using System.Security.Claims;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Web.Features.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Web.Features.Referrals;

/// <summary>What a coordinator can do to a referral in its current status.</summary>
public enum ReferralAction
{
    PlanIntake,
    RecordOutcome,
    Withdraw,
    RevealEmail,
}

/// <summary>The result of an intake.</summary>
public enum IntakeOutcome
{
    /// <summary>Suitable: on to the waiting list.</summary>
    Suitable,

    /// <summary>Not suitable (for now), with a reason.</summary>
    Declined,

    /// <summary>The relative could not be reached.</summary>
    Unreachable,
}

/// <summary>One step of a referral's history; <see cref="Actor"/> is a display name ("Systeem", "Hulplijnsysteem (…)", a colleague).</summary>
public sealed record ReferralHistoryEntry(DateTimeOffset At, ReferralStatus? From, ReferralStatus To, string Actor, string? Note);

/// <summary>A member of staff who can hold an intake.</summary>
public sealed record IntakeStaffOption(Guid Id, string DisplayName);

/// <summary>
/// A referral as its page shows it. <see cref="Details"/> is null in the status-only view a counsellor gets of a referral
/// they registered themselves.
/// </summary>
public sealed record ReferralCaseView(
    Guid Id,
    string Reference,
    DateOnly ReceivedOn,
    ReferralStatus Status,
    DateTimeOffset StatusChangedAt,
    ReferralCaseDetails? Details)
{
    public bool IsStatusOnly => Details is null;
}

/// <summary>Everything a coordinator sees of a referral, except the e-mail address itself.</summary>
public sealed record ReferralCaseDetails(
    ReferralChannel Channel,
    Relation Relation,
    Concern Concern,
    Language Language,
    Region Region,
    FormatPreference Format,
    WeeklyAvailability Availability,
    ContactPreference ContactPreference,
    bool ConsentGiven,
    string PrivacyNoticeVersion,
    DateTimeOffset ConsentRecordedAt,
    string? CounsellorRemark,
    string RegisteredBy,
    DateTimeOffset RegisteredAt,
    bool HasEmail,
    bool EmailErased,
    bool LikelyDuplicate,
    int? DaysWaiting,
    bool WarnAge,
    int WarningDays,
    DateTime? IntakePlannedForLocal,
    Guid? IntakeStaffId,
    string? IntakeStaffName,
    DateOnly? IntakeHeldOn,
    DeclineReason? DeclineReason,
    WithdrawalReason? WithdrawalReason,
    Guid? PlacedGroupId,
    string? PlacedGroupName,
    DateOnly? PlacedOn,
    DateOnly? ClosedOn,
    int Version,
    IReadOnlyList<ReferralAction> Actions,
    IReadOnlyList<ReferralHistoryEntry> History);

/// <summary>
/// One referral: coordinators read all of it (never the e-mail address unless they reveal it, which is audited) and act
/// on it — plan the intake, record its outcome, withdraw — each at the version the page showed, so that someone else's
/// change is reported instead of overwritten. A counsellor sees only the status of a referral they registered; anyone
/// else is refused. Roles are checked again on every call; one short-lived context per call.
/// </summary>
public sealed class ReferralCaseService(
    IDbContextFactory<LotgenotenDbContext> dbFactory,
    IFieldProtector protector,
    TimeProvider time,
    IOptions<ReferralOptions> options,
    IStringLocalizer<WaitingListTexts> texts)
{
    private const string Entity = "Referral";

    private static readonly ReferralStatus[] Closed =
        [ReferralStatus.Completed, ReferralStatus.Declined, ReferralStatus.Withdrawn, ReferralStatus.Unreachable];

    private static readonly ReferralStatus[] BeforePlacement =
        [ReferralStatus.Received, ReferralStatus.IntakePlanned, ReferralStatus.IntakeDone, ReferralStatus.Waiting];

    /// <summary>
    /// The referral: in full for coordinators (null when it does not exist), status only for the counsellor who registered
    /// it. Anyone else — and a counsellor asking for an unknown id, so that ids cannot be probed — is refused.
    /// </summary>
    public async Task<ReferralCaseView?> GetAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var isCoordinator = IsStaffIn(user, AppRoles.Coordinator);
        if (!isCoordinator && !IsStaffIn(user, AppRoles.Counsellor))
        {
            throw new UnauthorizedAccessException("Referrals are for coordinators and the counsellor who registered them.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!isCoordinator)
        {
            var objectId = user.FindFirstValue(AuthSchemes.StaffClaims.ObjectId);
            var own = await db.Set<Referral>().AsNoTracking()
                .Where(r => r.Id == id && r.RegisteredBy == objectId)
                .Select(r => new { r.Id, r.Reference, r.ReceivedOn, r.Status, r.StatusChangedAt })
                .FirstOrDefaultAsync(ct);
            return own is null
                ? throw new UnauthorizedAccessException("A counsellor sees only the referrals they registered.")
                : new ReferralCaseView(own.Id, own.Reference, own.ReceivedOn, own.Status, own.StatusChangedAt, null);
        }

        var referral = await db.Set<Referral>().AsNoTracking().Include(r => r.History).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (referral is null)
        {
            return null;
        }

        var likelyDuplicate = referral.EmailBlindIndex is { } index && await db.Set<Referral>().AsNoTracking()
            .AnyAsync(o => o.EmailBlindIndex == index && o.Id != id && !Closed.Contains(o.Status), ct);
        var actors = referral.History.Select(h => h.ChangedBy).Append(referral.RegisteredBy).Distinct().ToList();
        var names = await db.Set<StaffMember>().AsNoTracking()
            .Where(s => actors.Contains(s.ObjectId))
            .Select(s => new { s.ObjectId, s.DisplayName })
            .ToDictionaryAsync(s => s.ObjectId, s => s.DisplayName, StringComparer.Ordinal, ct);
        var intakeStaff = referral.IntakeStaffId is { } staffId
            ? await db.Set<StaffMember>().AsNoTracking().Where(s => s.Id == staffId).Select(s => s.DisplayName).FirstOrDefaultAsync(ct)
            : null;
        var groupName = referral.PlacedGroupId is { } groupId
            ? await db.Set<PeerGroup>().AsNoTracking().Where(g => g.Id == groupId).Select(g => g.Name).FirstOrDefaultAsync(ct)
            : null;

        var warningDays = options.Value.WaitingWarningDays;
        int? days = BeforePlacement.Contains(referral.Status) ? referral.WaitingDays(BrusselsTime.Today(time.GetUtcNow())) : null;
        // Newest first; two steps of one action share their instant (intake done → waiting): the lifecycle orders them.
        var details = new ReferralCaseDetails(
            referral.Channel, referral.Relation, referral.Concern, referral.Language, referral.Region, referral.Format,
            referral.Availability, referral.ContactPreference, referral.ConsentGiven, referral.PrivacyNoticeVersion,
            referral.ConsentRecordedAt, referral.CounsellorRemark, ActorName(referral.RegisteredBy, names), referral.RegisteredAt,
            referral.EmailCiphertext is not null, referral.EmailErasedAt is not null, likelyDuplicate,
            days, days is { } d && WaitingAge.Warn(d, warningDays), warningDays,
            referral.IntakePlannedFor is { } at ? BrusselsTime.ToLocal(at) : null, referral.IntakeStaffId, intakeStaff,
            referral.IntakeHeldOn, referral.DeclineReason, referral.WithdrawalReason, referral.PlacedGroupId, groupName,
            referral.PlacedOn, referral.ClosedOn, referral.Version, ActionsFor(referral),
            referral.History.OrderByDescending(h => h.ChangedAt).ThenByDescending(h => h.To)
                .Select(h => new ReferralHistoryEntry(h.ChangedAt, h.From, h.To, ActorName(h.ChangedBy, names), h.Note))
                .ToList());
        return new ReferralCaseView(referral.Id, referral.Reference, referral.ReceivedOn, referral.Status, referral.StatusChangedAt, details);
    }

    /// <summary>Active members of staff who can hold an intake, by name (coordinators only).</summary>
    public async Task<IReadOnlyList<IntakeStaffOption>> GetIntakeStaffAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        RequireCoordinator(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var staff = await db.Set<StaffMember>().AsNoTracking()
            .Where(s => s.IsActive)
            .Select(s => new IntakeStaffOption(s.Id, s.DisplayName))
            .ToListAsync(ct);
        return [.. staff.OrderBy(s => s.DisplayName, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>
    /// Plans (or moves) the intake at a Brussels wall-clock time, optionally with an active member of staff. A time that
    /// does not exist (the spring-forward hour) is refused with a message.
    /// </summary>
    public async Task<ReferralResult> PlanIntakeAsync(
        ClaimsPrincipal user, Guid id, int version, DateTime localStart, Guid? staffMemberId, CancellationToken ct)
    {
        var actor = RequireCoordinator(user);
        if (BrusselsTime.IsNonexistent(localStart))
        {
            return ReferralResult.Failed(texts["Error_TimeNonexistent", localStart.ToString("HH:mm", System.Globalization.CultureInfo.CurrentCulture)]);
        }

        return await ChangeAsync(id, version, ct, async (db, referral, now) =>
        {
            if (staffMemberId is { } staffId && !await db.Set<StaffMember>().AnyAsync(s => s.Id == staffId && s.IsActive, ct))
            {
                throw new DomainException("referral.intake.staff", "Only active staff hold intakes.");
            }

            if (DateOnly.FromDateTime(localStart) < referral.ReceivedOn)
            {
                throw new DomainException("referral.intake.before-received", "An intake is not planned before the referral was received.");
            }

            referral.PlanIntake(BrusselsTime.ToUtc(localStart), actor, now, staffMemberId);
        });
    }

    /// <summary>
    /// Records the intake's outcome: suitable puts the referral on the waiting list (intake done and waiting, in one save),
    /// declined keeps the reason, unreachable closes it.
    /// </summary>
    public async Task<ReferralResult> RecordIntakeOutcomeAsync(
        ClaimsPrincipal user, Guid id, int version, IntakeOutcome outcome, DateOnly heldOn, DeclineReason? reason, CancellationToken ct)
    {
        var actor = RequireCoordinator(user);
        if (!Enum.IsDefined(outcome) || (reason is { } r && (outcome != IntakeOutcome.Declined || !Enum.IsDefined(r))))
        {
            return ReferralResult.Failed(texts["Error_Invalid"]);
        }

        return await ChangeAsync(id, version, ct, (_, referral, now) =>
        {
            switch (outcome)
            {
                case IntakeOutcome.Suitable when referral.Status == ReferralStatus.IntakeDone:
                    referral.PutOnWaitingList(actor, now);
                    break;
                case IntakeOutcome.Suitable:
                    referral.RecordIntake(true, heldOn, actor, now);
                    referral.PutOnWaitingList(actor, now);
                    break;
                case IntakeOutcome.Declined:
                    referral.RecordIntake(false, heldOn, actor, now, reason);
                    break;
                default:
                    referral.MarkUnreachable(actor, now);
                    break;
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>Withdraws a referral that has not been placed, with a reason.</summary>
    public async Task<ReferralResult> WithdrawAsync(ClaimsPrincipal user, Guid id, int version, WithdrawalReason reason, CancellationToken ct)
    {
        var actor = RequireCoordinator(user);
        if (!Enum.IsDefined(reason))
        {
            return ReferralResult.Failed(texts["Error_Invalid"]);
        }

        return await ChangeAsync(id, version, ct, (_, referral, now) =>
        {
            if (!BeforePlacement.Contains(referral.Status))
            {
                throw new DomainException("referral.transition", "Only a referral that has not been placed is withdrawn here.");
            }

            referral.Withdraw(reason, actor, now);
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// The stored e-mail address, decrypted, for a coordinator; the reveal is audited (who, when, which referral — never
    /// the address) in the same call. Null when the referral has none (nothing is audited then).
    /// </summary>
    public async Task<string?> RevealEmailAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var actor = RequireCoordinator(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ciphertext = await db.Set<Referral>().AsNoTracking().Where(r => r.Id == id).Select(r => r.EmailCiphertext).FirstOrDefaultAsync(ct);
        if (ciphertext is null)
        {
            return null;
        }

        var address = protector.Unprotect(ProtectionPurposes.ReferralEmail, ciphertext);
        db.Add(AuditEvent.Record(actor, AuditKind.EmailRevealed, Entity, id.ToString(), time.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return address;
    }

    /// <summary>The actions the lifecycle allows from a referral's status.</summary>
    public static IReadOnlyList<ReferralAction> ActionsFor(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var actions = new List<ReferralAction>();
        if (referral.Status is ReferralStatus.Received or ReferralStatus.IntakePlanned)
        {
            actions.Add(ReferralAction.PlanIntake);
        }

        if (referral.Status is ReferralStatus.IntakePlanned or ReferralStatus.IntakeDone)
        {
            actions.Add(ReferralAction.RecordOutcome);
        }

        if (BeforePlacement.Contains(referral.Status))
        {
            actions.Add(ReferralAction.Withdraw);
        }

        if (referral.EmailCiphertext is not null)
        {
            actions.Add(ReferralAction.RevealEmail);
        }

        return actions;
    }

    private async Task<ReferralResult> ChangeAsync(
        Guid id, int version, CancellationToken ct, Func<LotgenotenDbContext, Referral, DateTimeOffset, Task> change)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var referral = await db.Set<Referral>().Include(r => r.History).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (referral is null)
        {
            return ReferralResult.Failed(texts["Error_NotFound"]);
        }

        // The version the page showed: if someone changed the referral since, say so instead of overwriting.
        if (referral.Version != version)
        {
            return ReferralResult.Conflicted(texts["Error_Conflict"]);
        }

        db.Entry(referral).Property(r => r.Version).OriginalValue = version;
        try
        {
            await change(db, referral, time.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return ReferralResult.Ok(referral.Id);
        }
        catch (DomainException e)
        {
            return ReferralResult.Failed(FromDomain(e));
        }
        catch (DbUpdateConcurrencyException)
        {
            return ReferralResult.Conflicted(texts["Error_Conflict"]);
        }
    }

    private string FromDomain(DomainException e)
    {
        var text = texts["Error_" + e.Code.Replace('.', '_').Replace('-', '_')];
        return text.ResourceNotFound ? texts["Error_Generic"] : text.Value;
    }

    private string ActorName(string actor, Dictionary<string, string> names) =>
        actor switch
        {
            "system" => texts["Actor_System"],
            _ when actor.StartsWith("api:", StringComparison.Ordinal) => texts["Actor_Api", actor["api:".Length..]],
            _ => names.TryGetValue(actor, out var name) ? name : texts["Actor_Unknown"],
        };

    private static bool IsStaffIn(ClaimsPrincipal user, string role) =>
        user.Identity?.IsAuthenticated == true && user.IsInRole(role)
        && !string.IsNullOrEmpty(user.FindFirstValue(AuthSchemes.StaffClaims.ObjectId));

    /// <summary>The actor id (the staff object id) of a coordinator; anyone else is refused.</summary>
    private static string RequireCoordinator(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return IsStaffIn(user, AppRoles.Coordinator)
            ? user.FindFirstValue(AuthSchemes.StaffClaims.ObjectId)!
            : throw new UnauthorizedAccessException("This needs the Coordinator role.");
    }
}
