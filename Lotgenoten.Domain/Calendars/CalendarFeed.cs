using System.Security.Cryptography;
using System.Text;
using Lotgenoten.Domain.Common;

namespace Lotgenoten.Domain.Calendars;

/// <summary>Whose meetings a private calendar feed serves.</summary>
public enum CalendarFeedOwnerKind
{
    /// <summary>A member of staff (a facilitator); the owner id is their Entra object id.</summary>
    Staff,

    /// <summary>A participant; the owner id is their account id.</summary>
    Participant,
}

/// <summary>
/// The capability tokens of private calendar feeds: 32 bytes from a CSPRNG (256 bits), base64url without padding.
/// Only <see cref="Hash"/> of a token is ever stored; a token itself is shown once to its owner and never logged.
/// </summary>
public static class CalendarFeedToken
{
    /// <summary>Random bytes per token.</summary>
    public const int ByteLength = 32;

    /// <summary>The longest token we look up; anything longer is malformed without touching the database.</summary>
    public const int MaxLength = 64;

    /// <summary>Length of <see cref="Hash"/>: SHA-256 as lowercase hexadecimal.</summary>
    public const int HashLength = 64;

    /// <summary>A new random token (43 characters of base64url).</summary>
    public static string New()
    {
        var bytes = RandomNumberGenerator.GetBytes(ByteLength);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Whether <paramref name="token"/> could be a token: 1–64 characters of the base64url alphabet.</summary>
    public static bool IsWellFormed(string? token) =>
        !string.IsNullOrEmpty(token)
        && token.Length <= MaxLength
        && token.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');

    /// <summary>SHA-256 of the token's UTF-8 bytes, lowercase hex: what the database stores and looks up.</summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    /// <summary>Compares two hashes in constant time (for equal lengths).</summary>
    public static bool HashEquals(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
    }
}

/// <summary>
/// One owner's private calendar feed: the hash of its capability token, and whether it still works. There is one row per
/// owner; rotating replaces the hash (the old link stops working at once) and also renews a revoked feed; revoking keeps the
/// row but no token opens it any more.
/// </summary>
public sealed class CalendarFeed
{
    public const int OwnerIdMaxLength = 64;

    private CalendarFeed()
    {
        OwnerId = string.Empty;
        TokenHash = string.Empty;
    }

    public Guid Id { get; private set; }

    public CalendarFeedOwnerKind OwnerKind { get; private set; }

    /// <summary>The staff member's object id or the participant's account id.</summary>
    public string OwnerId { get; private set; }

    /// <summary>SHA-256 (hex) of the current token; see <see cref="CalendarFeedToken.Hash"/>.</summary>
    public string TokenHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the token was last replaced; null while it is the first one.</summary>
    public DateTimeOffset? RotatedAt { get; private set; }

    /// <summary>When the feed was switched off; null while it works.</summary>
    public DateTimeOffset? RevokedAt { get; private set; }

    public int Version { get; private set; }

    public bool IsActive => RevokedAt is null;

    /// <summary>A working feed for <paramref name="ownerId"/> with the token whose hash is <paramref name="tokenHash"/>.</summary>
    public static CalendarFeed Create(CalendarFeedOwnerKind ownerKind, string ownerId, string tokenHash, DateTimeOffset now)
    {
        if (!Enum.IsDefined(ownerKind))
        {
            throw new DomainException("calendar-feed.owner-kind.invalid", "The owner kind has no valid value.");
        }

        return new CalendarFeed
        {
            Id = Ids.New(now),
            OwnerKind = ownerKind,
            OwnerId = Text.Required(ownerId, OwnerIdMaxLength, "calendar-feed.owner"),
            TokenHash = CheckHash(tokenHash),
            CreatedAt = now,
        };
    }

    /// <summary>Replaces the token: the old link stops working; a revoked feed works again with the new token.</summary>
    public void Rotate(string newTokenHash, DateTimeOffset now)
    {
        var hash = CheckHash(newTokenHash);
        if (CalendarFeedToken.HashEquals(hash, TokenHash))
        {
            throw new DomainException("calendar-feed.token.reused", "A rotated feed needs a new token.");
        }

        TokenHash = hash;
        RotatedAt = now;
        RevokedAt = null;
        Version++;
    }

    /// <summary>Switches the feed off; returns false when it already was.</summary>
    public bool Revoke(DateTimeOffset now)
    {
        if (RevokedAt is not null)
        {
            return false;
        }

        RevokedAt = now;
        Version++;
        return true;
    }

    private static string CheckHash(string tokenHash)
    {
        if (tokenHash is null || tokenHash.Length != CalendarFeedToken.HashLength
            || !tokenHash.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
        {
            throw new DomainException("calendar-feed.token-hash.invalid", "A feed stores the lowercase hex SHA-256 of its token.");
        }

        return tokenHash;
    }
}
