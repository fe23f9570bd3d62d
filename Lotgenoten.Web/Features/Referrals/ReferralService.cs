using System.Security.Claims;
using FluentValidation;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Email;
using Lotgenoten.Web.Features.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lotgenoten.Web.Features.Referrals;

/// <summary>
/// The referral form and the counsellor's own list. Counsellors and coordinators register referrals (through
/// <see cref="ReferralRegistrar"/>, the one way a referral is made) and list the ones they registered themselves, status
/// only. Roles are checked again on every call (a circuit keeps its user for its whole life); the input is validated
/// again here, in the user's language, before the domain checks it a third time; one short-lived context per call.
/// </summary>
public sealed class ReferralService(
    IDbContextFactory<LotgenotenDbContext> dbFactory,
    IValidator<ReferralInput> validator,
    ReferralRegistrar registrar,
    IStringLocalizer<ReferralTexts> texts,
    ILogger<ReferralService> logger)
{
    /// <summary>Whether <paramref name="user"/> may register referrals (a counsellor or coordinator with a staff object id).</summary>
    public static bool CanRegister(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true
        && (user.IsInRole(AppRoles.Counsellor) || user.IsInRole(AppRoles.Coordinator))
        && !string.IsNullOrEmpty(user.FindFirstValue(AuthSchemes.StaffClaims.ObjectId));

    /// <summary>Whether <paramref name="user"/> is a coordinator (who may open a referral's own page).</summary>
    public static bool IsCoordinator(ClaimsPrincipal? user) =>
        CanRegister(user) && user!.IsInRole(AppRoles.Coordinator);

    /// <summary>
    /// Registers a referral for the signed-in counsellor or coordinator. Invalid input returns a message per field (in the
    /// current UI culture) and stores nothing. <see cref="ReferralResult.LikelyDuplicate"/> says that an open referral
    /// with the same e-mail address already existed (never which one).
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">The user is neither a counsellor nor a coordinator.</exception>
    public async Task<ReferralResult> RegisterAsync(ClaimsPrincipal user, ReferralInput input, CancellationToken ct)
    {
        var actor = RequireRegistrar(user);
        ArgumentNullException.ThrowIfNull(input);

        var validation = await validator.ValidateAsync(input, ct);
        if (!validation.IsValid)
        {
            var fields = validation.Errors
                .GroupBy(e => e.PropertyName, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().ErrorMessage, StringComparer.Ordinal);
            return ReferralResult.Invalid(texts["Error_Invalid"], fields);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        try
        {
            // Checked before this referral is added: "another open referral has this address".
            var likelyDuplicate = await registrar.IsLikelyDuplicateAsync(db, input.EmailOrNull, null, ct);
            var referral = registrar.Add(db, input, actor);
            await db.SaveChangesAsync(ct);
            ReferralFormLog.Registered(logger, referral.Id, likelyDuplicate);
            return ReferralResult.Ok(referral.Id, likelyDuplicate, referral.Reference);
        }
        catch (DomainException e)
        {
            ReferralFormLog.Refused(logger, e.Code);
            return FromDomain(e);
        }
        catch (DbUpdateException e)
        {
            ReferralFormLog.SaveFailed(logger, e.GetType().Name);
            return ReferralResult.Failed(texts["Error_Generic"]);
        }
    }

    /// <summary>
    /// Whether an open referral already has this e-mail address (compared by blind index; nothing is decrypted). False for
    /// an empty or invalid address. For the warning in the form; it never says which referral.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">The user is neither a counsellor nor a coordinator.</exception>
    public async Task<bool> IsLikelyDuplicateAsync(ClaimsPrincipal user, string? email, CancellationToken ct)
    {
        RequireRegistrar(user);
        if (string.IsNullOrWhiteSpace(email) || !EmailAddress.IsValid(email.Trim()))
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await registrar.IsLikelyDuplicateAsync(db, email, null, ct);
    }

    /// <summary>One page of the referrals the user registered, newest first, with the counts per status.</summary>
    public Task<MyReferralsView> ListMineAsync(ClaimsPrincipal user, int page, int pageSize, CancellationToken ct) =>
        ListMineAsync(user, page, pageSize, null, ct);

    /// <summary>
    /// One page of the referrals the user registered (only those whose <c>RegisteredBy</c> is the user's object id), newest
    /// first, optionally of one status, with status and dates only, and the counts per status of all of them.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">The user is neither a counsellor nor a coordinator.</exception>
    public async Task<MyReferralsView> ListMineAsync(
        ClaimsPrincipal user, int page, int pageSize, ReferralStatus? status, CancellationToken ct)
    {
        var actor = RequireRegistrar(user);
        var size = Math.Clamp(pageSize, 1, MyReferralsView.MaxPageSize);
        var index = Math.Max(page, 0);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mine = db.Set<Referral>().AsNoTracking().Where(r => r.RegisteredBy == actor);
        var byStatus = await mine.GroupBy(r => r.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var counts = byStatus.OrderBy(c => c.Status).Select(c => new ReferralStatusCount(c.Status, c.Count)).ToList();

        var filtered = status is { } s ? mine.Where(r => r.Status == s) : mine;
        var total = status is { } one ? counts.Where(c => c.Status == one).Sum(c => c.Count) : counts.Sum(c => c.Count);
        var rows = await filtered
            .OrderByDescending(r => r.RegisteredAt).ThenByDescending(r => r.ReceivedOn)
            .Skip(index * size).Take(size)
            .Select(r => new { r.Id, r.Reference, r.ReceivedOn, r.RegisteredAt, r.Status, r.StatusChangedAt })
            .ToListAsync(ct);
        return new MyReferralsView(
            rows.Select(r => new MyReferralRow(r.Id, r.Reference, r.ReceivedOn, r.RegisteredAt, r.Status, r.StatusChangedAt)).ToList(),
            total,
            counts,
            user.IsInRole(AppRoles.Coordinator));
    }

    /// <summary>A domain rule's code as a message in the user's language, on its field.</summary>
    private ReferralResult FromDomain(DomainException e)
    {
        var (field, message) = e.Code switch
        {
            "referral.received-on.future" => (nameof(ReferralInput.ReceivedOn), texts["Validation_ReceivedOnFuture"].Value),
            "referral.received-on.too-early" => (nameof(ReferralInput.ReceivedOn), texts["Validation_ReceivedOnTooEarly"].Value),
            "referral.consent.required" => (nameof(ReferralInput.ConsentGiven), texts["Validation_Consent"].Value),
            "referral.notice-version.required" => (nameof(ReferralInput.NoticeVersion), texts["Validation_Required"].Value),
            "referral.notice-version.too-long" => (nameof(ReferralInput.NoticeVersion), texts["Validation_TooLong", Referral.NoticeVersionMaxLength].Value),
            "referral.notice-version.control-characters" => (nameof(ReferralInput.NoticeVersion), texts["Validation_ControlCharacters"].Value),
            "referral.remark.too-long" => (nameof(ReferralInput.Remark), texts["Validation_TooLong", Referral.RemarkMaxLength].Value),
            "referral.remark.control-characters" => (nameof(ReferralInput.Remark), texts["Validation_ControlCharacters"].Value),
            _ when e.Code.StartsWith("referral.email", StringComparison.Ordinal) => (nameof(ReferralInput.Email), texts["Validation_Email"].Value),
            _ => ((string?)null, texts["Error_Generic"].Value),
        };
        return field is null
            ? ReferralResult.Failed(message)
            : ReferralResult.Invalid(texts["Error_Invalid"], new Dictionary<string, string>(StringComparer.Ordinal) { [field] = message });
    }

    /// <summary>The actor id (the staff object id) of a counsellor or coordinator; anyone else is refused.</summary>
    private static string RequireRegistrar(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return CanRegister(user)
            ? user.FindFirstValue(AuthSchemes.StaffClaims.ObjectId)!
            : throw new UnauthorizedAccessException("Referrals are registered by counsellors and coordinators.");
    }
}

/// <summary>Log messages of the referral form: ids, codes and flags, never an address, a remark or a name.</summary>
internal static partial class ReferralFormLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Referral {ReferralId} registered (likely duplicate: {LikelyDuplicate}).")]
    public static partial void Registered(ILogger logger, Guid referralId, bool likelyDuplicate);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "A referral was refused by the domain ({Code}).")]
    public static partial void Refused(ILogger logger, string code);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "A referral could not be saved ({ErrorClass}).")]
    public static partial void SaveFailed(ILogger logger, string errorClass);
}
