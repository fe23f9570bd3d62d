using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Email;
using Lotgenoten.Infrastructure.Protection;
using Microsoft.EntityFrameworkCore;

namespace Lotgenoten.Web.Features.Referrals;

/// <summary>
/// The one way a referral is created, for the form and the API alike: the domain registers it, the e-mail address is
/// stored only encrypted with a blind index, and an audit event goes in the same SaveChanges (which the caller makes).
/// </summary>
public sealed class ReferralRegistrar(IFieldProtector protector, TimeProvider time)
{
    public const string Entity = "Referral";

    /// <summary>Adds the referral of a validated <paramref name="input"/> to <paramref name="db"/> (not saved).</summary>
    /// <exception cref="Domain.Common.DomainException">A domain rule refused it (the validator should have first).</exception>
    public Referral Add(LotgenotenDbContext db, ReferralInput input, string actor)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        var now = time.GetUtcNow();
        var referral = Referral.Register(input.ToDetails(), actor, now);
        if (input.EmailOrNull is { } email)
        {
            referral.SetEmail(
                protector.Protect(ProtectionPurposes.ReferralEmail, email),
                BlindIndex(email));
        }

        db.Add(referral);
        db.Add(AuditEvent.Record(actor, AuditKind.ReferralRegistered, Entity, referral.Id.ToString(), now));
        return referral;
    }

    /// <summary>
    /// Whether an open referral (not closed, other than <paramref name="except"/>) has the same e-mail address: compared by
    /// blind index, nothing is decrypted.
    /// </summary>
    public async Task<bool> IsLikelyDuplicateAsync(LotgenotenDbContext db, string? email, Guid? except, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (string.IsNullOrWhiteSpace(email) || !EmailAddress.IsValid(email.Trim()))
        {
            return false;
        }

        var index = BlindIndex(email.Trim());
        ReferralStatus[] closed = [ReferralStatus.Completed, ReferralStatus.Declined, ReferralStatus.Withdrawn, ReferralStatus.Unreachable];
        return await db.Set<Referral>().AsNoTracking()
            .AnyAsync(r => r.EmailBlindIndex == index && r.Id != except && !closed.Contains(r.Status), ct);
    }

    private string BlindIndex(string email) =>
        protector.BlindIndex(ProtectionPurposes.ReferralEmail, EmailAddress.Normalize(email));
}
