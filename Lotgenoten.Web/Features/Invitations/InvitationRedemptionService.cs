using System.Text.RegularExpressions;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Invitations;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Web.Features.Account;
using Lotgenoten.Web.Features.Passkeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lotgenoten.Web.Features.Invitations;

/// <summary>
/// Redeeming an invitation: the relative, not signed in, turns a code (or the link's token) into a pseudonymous account,
/// a place in the group under a pseudonym, and a signed-in session. Anyone may call it (that is the point); what guards
/// it is the code itself, which is single-use and expires, and <see cref="RedemptionRateLimiter"/>. Every code that
/// does not work (wrong, expired, used, revoked) gets one and the same message.
/// <para>
/// The account and the domain changes are saved in ONE transaction on the request's scoped
/// <see cref="LotgenotenDbContext"/>, the same instance Identity's <see cref="UserManager{TUser}"/> saves through, so a
/// failure anywhere keeps nothing (no account without a membership). That makes this service for server-rendered
/// requests only (the page is one), whose scope lives for one request.
/// </para>
/// </summary>
public sealed partial class InvitationRedemptionService(
    LotgenotenDbContext db,
    UserManager<ParticipantUser> users,
    SignInManager<ParticipantUser> signInManager,
    ParticipantPasskeys passkeys,
    IFieldProtector protector,
    RedemptionRateLimiter limiter,
    TimeProvider clock,
    IStringLocalizer<RedeemTexts> texts,
    ILogger<InvitationRedemptionService> logger)
{
    /// <summary>The participant home a redeemed relative lands on.</summary>
    public const string HomePath = "/mijn";

    private const string InvitationEntity = "Invitation";

    /// <summary>Step one: whether the code (or link token) works. A failure counts against the client and the code.</summary>
    public async Task<RedemptionResult> CheckAsync(HttpContext http, string? code, string? token, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var found = await FindAsync(http, code, token, ct);
        return found.Result ?? RedemptionResult.Of(RedemptionOutcome.Ready);
    }

    /// <summary>
    /// Step two: checks the code again, then the fields, then creates the account, joins the group, uses the invitation,
    /// marks the referral joined and records the audit event in one transaction, and signs the relative in.
    /// <paramref name="token"/> is the link's token when the relative came by the link; otherwise <see cref="RedeemInput.Code"/> counts.
    /// </summary>
    public async Task<RedemptionResult> RedeemAsync(HttpContext http, RedeemInput input, string? token, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(input);
        var found = await FindAsync(http, token is null ? input.Code : null, token, ct);
        if (found.Result is { } refused)
        {
            return refused;
        }

        var (invitation, group, membership, referral) = (found.Invitation!, found.Group!, found.Membership!, found.Referral!);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var userName = await CheckUserNameAsync(input.UserName, errors);
        if (!input.UsesPasskey)
        {
            CheckPassphrase(input, userName, errors);
        }

        var pseudonym = CheckPseudonym(group, membership.Id, input.Pseudonym, errors);
        if (errors.Count > 0)
        {
            return new RedemptionResult(RedemptionOutcome.Invalid, texts["Errors_Summary"], errors);
        }

        PasskeyForNewAccount? passkey = null;
        if (input.UsesPasskey)
        {
            passkey = await passkeys.AttestForNewAccountAsync(http, input.CredentialJson);
            if (passkey is null)
            {
                errors[nameof(RedeemInput.CredentialJson)] = texts["Passkey_Failed"];
                return new RedemptionResult(RedemptionOutcome.Invalid, texts["Errors_Summary"], errors);
            }
        }

        var now = clock.GetUtcNow();
        var user = new ParticipantUser { UserName = userName, Language = referral.Language.ToCode() };
        if (passkey is not null)
        {
            user.Id = passkey.UserId;
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            try
            {
                var created = passkey is null ? await users.CreateAsync(user, input.Passphrase!) : await users.CreateAsync(user);
                if (created.Succeeded && passkey is not null)
                {
                    created = await passkeys.AddAsync(user, passkey);
                }

                if (!created.Succeeded)
                {
                    await RollBackAsync(transaction);
                    return FromIdentity(created, passkey is not null);
                }

                group.Join(membership.Id, user.Id, pseudonym!, now);
                invitation.Redeem(now);
                referral.MarkJoined(user.Id, now);
                db.Add(AuditEvent.Record(user.Id, AuditKind.InvitationRedeemed, InvitationEntity, invitation.Id.ToString(), now, group.Id));
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            catch (DomainException e)
            {
                // A rule broke between the checks and the save (someone took the pseudonym a moment ago, the group closed).
                await RollBackAsync(transaction);
                InvitationLog.SaveFailed(logger, e.Code);
                return e.Code.StartsWith("pseudonym.", StringComparison.Ordinal)
                    ? new RedemptionResult(RedemptionOutcome.Invalid, texts["Errors_Summary"],
                        new Dictionary<string, string> { [nameof(RedeemInput.Pseudonym)] = PseudonymMessage(e.Code) })
                    : RedemptionResult.Of(RedemptionOutcome.InvalidCode, texts["Code_Invalid"]);
            }
            catch (DbUpdateException e)
            {
                // Someone else changed the group or used the login name at the same moment: the next try shows why.
                await RollBackAsync(transaction);
                InvitationLog.SaveFailed(logger, e.GetType().Name);
                return RedemptionResult.Of(RedemptionOutcome.Failed, texts["Redeem_Failed"]);
            }
        }

        InvitationLog.Redeemed(logger, invitation.Id, group.Id);

        // A browser holds one session at a time: a staff session on the same browser ends here.
        await http.SignOutAsync(AuthSchemes.StaffCookie);
        signInManager.Context = http;
        await signInManager.SignInAsync(user, isPersistent: false, authenticationMethod: passkey is null ? "pwd" : "passkey");
        return RedemptionResult.Of(RedemptionOutcome.Redeemed);
    }

    /// <summary>The client key the rate limit counts for: the remote address as the server sees it.</summary>
    public static string ClientOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private async Task<Found> FindAsync(HttpContext http, string? code, string? token, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var client = ClientOf(http);
        string? hash = null;
        Invitation? invitation = null;
        if (!string.IsNullOrEmpty(token))
        {
            hash = token.Length <= 100 ? "link:" + protector.OfLinkToken(token) : null;
        }
        else if (protector.OfCode(code) is { } codeHash)
        {
            hash = "code:" + codeHash;
        }

        if (limiter.IsBlocked(client, hash))
        {
            InvitationLog.RateLimited(logger);
            return new Found(RedemptionResult.Of(RedemptionOutcome.TooManyAttempts, texts["Code_TooMany"]));
        }

        if (hash is not null)
        {
            var index = hash[(hash.IndexOf(':', StringComparison.Ordinal) + 1)..];
            invitation = hash.StartsWith("link:", StringComparison.Ordinal)
                ? await db.Set<Invitation>().FirstOrDefaultAsync(i => i.LinkTokenHash == index, ct)
                : await db.Set<Invitation>().FirstOrDefaultAsync(i => i.CodeHash == index, ct);
        }

        var now = clock.GetUtcNow();
        if (invitation is not null && invitation.IsUsable(now))
        {
            var group = await db.Set<PeerGroup>().Include(g => g.Memberships).FirstOrDefaultAsync(g => g.Id == invitation.GroupId, ct);
            var membership = group?.Memberships.FirstOrDefault(m => m.Id == invitation.MembershipId);
            var referral = await db.Set<Referral>().FirstOrDefaultAsync(r => r.Id == invitation.ReferralId, ct);
            if (group is { Status: not GroupStatus.Closed } && membership is { Status: MembershipStatus.Invited }
                && referral is { Status: ReferralStatus.Invited })
            {
                return new Found(null, invitation, group, membership, referral);
            }
        }

        limiter.RecordFailure(client, hash);
        InvitationLog.CodeRefused(logger);
        return new Found(RedemptionResult.Of(RedemptionOutcome.InvalidCode, texts["Code_Invalid"]));
    }

    private async Task<string?> CheckUserNameAsync(string? typed, Dictionary<string, string> errors)
    {
        var userName = typed?.Trim();
        string? error = null;
        if (string.IsNullOrEmpty(userName))
        {
            error = "UserName_Required";
        }
        else if (userName.Contains('@', StringComparison.Ordinal))
        {
            error = "UserName_Email";
        }
        else if (userName.Count(char.IsDigit) >= 6)
        {
            error = "UserName_Phone";
        }
        else if (userName.Length < RedeemInput.UserNameMinLength || userName.Length > RedeemInput.UserNameMaxLength)
        {
            error = "UserName_Length";
        }
        else if (!UserNameCharacters().IsMatch(userName))
        {
            error = "UserName_Characters";
        }
        else if (await users.FindByNameAsync(userName) is not null)
        {
            error = "UserName_Taken";
        }

        if (error is not null)
        {
            errors[nameof(RedeemInput.UserName)] = texts[error];
        }

        return userName;
    }

    private void CheckPassphrase(RedeemInput input, string? userName, Dictionary<string, string> errors)
    {
        var passphrase = input.Passphrase;
        string? error = null;
        if (string.IsNullOrEmpty(passphrase))
        {
            error = "Passphrase_Required";
        }
        else if (passphrase.Length < RedeemInput.PassphraseMinLength)
        {
            error = "Passphrase_TooShort";
        }
        else if (passphrase.Length > RedeemInput.PassphraseMaxLength)
        {
            error = "Passphrase_TooLong";
        }
        else if (!string.IsNullOrEmpty(userName) && string.Equals(passphrase.Trim(), userName, StringComparison.OrdinalIgnoreCase))
        {
            error = "Passphrase_SameAsUserName";
        }
        else if (CommonPassphrases.Contains(passphrase))
        {
            error = "Passphrase_Common";
        }
        else if (passphrase.Distinct().Count() < 4)
        {
            error = "Passphrase_TooSimple";
        }

        if (error is not null)
        {
            errors[nameof(RedeemInput.Passphrase)] = texts[error];
        }
        else if (!string.Equals(passphrase, input.PassphraseConfirmation, StringComparison.Ordinal))
        {
            errors[nameof(RedeemInput.PassphraseConfirmation)] = texts["Passphrase_Mismatch"];
        }
    }

    private string? CheckPseudonym(PeerGroup group, Guid membershipId, string? typed, Dictionary<string, string> errors)
    {
        try
        {
            var pseudonym = Pseudonym.Normalize(typed);
            if (!group.IsPseudonymFree(pseudonym, membershipId))
            {
                errors[nameof(RedeemInput.Pseudonym)] = PseudonymMessage("pseudonym.taken");
                return null;
            }

            return pseudonym;
        }
        catch (DomainException e)
        {
            errors[nameof(RedeemInput.Pseudonym)] = PseudonymMessage(e.Code);
            return null;
        }
    }

    private string PseudonymMessage(string code)
    {
        var text = texts["Pseudonym_" + code["pseudonym.".Length..].Replace('-', '_')];
        return text.ResourceNotFound ? texts["Pseudonym_invalid"] : text;
    }

    private RedemptionResult FromIdentity(IdentityResult result, bool passkey)
    {
        var codes = result.Errors.Select(e => e.Code).ToList();
        InvitationLog.SaveFailed(logger, string.Join(",", codes));
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (codes.Contains(nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            errors[nameof(RedeemInput.UserName)] = texts["UserName_Taken"];
        }
        else if (codes.Contains(nameof(IdentityErrorDescriber.InvalidUserName)))
        {
            errors[nameof(RedeemInput.UserName)] = texts["UserName_Characters"];
        }
        else if (passkey)
        {
            errors[nameof(RedeemInput.CredentialJson)] = texts["Passkey_Failed"];
        }
        else if (codes.Any(c => c.StartsWith("Password", StringComparison.Ordinal)))
        {
            errors[nameof(RedeemInput.Passphrase)] = texts["Passphrase_TooSimple"];
        }
        else
        {
            return RedemptionResult.Of(RedemptionOutcome.Failed, texts["Redeem_Failed"]);
        }

        return new RedemptionResult(RedemptionOutcome.Invalid, texts["Errors_Summary"], errors);
    }

    private async Task RollBackAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction)
    {
        await transaction.RollbackAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UserNameCharacters();

    private sealed record Found(
        RedemptionResult? Result,
        Invitation? Invitation = null,
        PeerGroup? Group = null,
        Membership? Membership = null,
        Referral? Referral = null);
}
