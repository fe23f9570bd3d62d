using Lotgenoten.Domain.Invitations;

namespace Lotgenoten.Infrastructure.Protection;

/// <summary>
/// The one way an invitation's secrets are hashed, for the placement that stores them and the redemption that looks
/// them up: keyed blind indexes (a database dump cannot brute-force the short code).
/// </summary>
public static class InvitationHashes
{
    /// <summary>The stored hash of a code as a person typed it; null when it cannot be a code (no lookup is made).</summary>
    public static string? OfCode(this IFieldProtector protector, string? typed)
    {
        ArgumentNullException.ThrowIfNull(protector);
        return InvitationCode.Normalize(typed) is { } normalized
            ? protector.BlindIndex(ProtectionPurposes.InvitationCode, normalized)
            : null;
    }

    /// <summary>The stored hash of a link token.</summary>
    public static string OfLinkToken(this IFieldProtector protector, string token)
    {
        ArgumentNullException.ThrowIfNull(protector);
        return protector.BlindIndex(ProtectionPurposes.InvitationLink, token);
    }
}
