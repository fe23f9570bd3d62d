namespace Lotgenoten.Web.Features.Referrals;

/// <summary>
/// The answer of a referral write: its id, or a message in the user's language (per field where it has one), or a
/// conflict (someone else changed it first). <see cref="LikelyDuplicate"/>: an open referral with the same e-mail
/// address exists (said without revealing which). <see cref="Reference"/>: the referral's short reference, when known.
/// </summary>
public sealed record ReferralResult(
    bool Succeeded,
    Guid? Id,
    string? Error,
    IReadOnlyDictionary<string, string> FieldErrors,
    bool Conflict,
    bool LikelyDuplicate = false,
    string? Reference = null)
{
    private static readonly IReadOnlyDictionary<string, string> NoFields = new Dictionary<string, string>();

    public static ReferralResult Ok(Guid id, bool likelyDuplicate = false, string? reference = null) =>
        new(true, id, null, NoFields, false, likelyDuplicate, reference);

    public static ReferralResult Failed(string error) => new(false, null, error, NoFields, false);

    public static ReferralResult Invalid(string error, IReadOnlyDictionary<string, string> fields) => new(false, null, error, fields, false);

    public static ReferralResult Conflicted(string error) => new(false, null, error, NoFields, true);
}
