using System.Security.Cryptography;
using System.Text;
using Lotgenoten.Domain.Common;

namespace Lotgenoten.Domain.Invitations;

/// <summary>
/// The short invitation code a person reads out or types: eight characters in two groups (<c>KX7P-3MRD</c>) from an
/// alphabet without look-alikes (no 0/O/Q, 1/I/L, 5/S, 2/Z, 8/B, U/V), about 35 bits from a CSPRNG. That is enough only
/// because the code expires, is single-use, is stored as a keyed hash and its redemption is rate-limited; the link in
/// an e-mail carries a separate 128-bit <see cref="NewLinkToken"/>.
/// </summary>
public static class InvitationCode
{
    /// <summary>The characters of a code (<see cref="ReadableCode.Alphabet"/>).</summary>
    public const string Alphabet = ReadableCode.Alphabet;

    public const int Length = 8;

    /// <summary>A new code, formatted as <c>XXXX-XXXX</c>.</summary>
    public static string New() => Format(ReadableCode.New(Length));

    /// <summary>A new link token: 32 bytes from a CSPRNG as base64url (43 characters).</summary>
    public static string NewLinkToken()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>
    /// The comparison form of what a person typed: upper case, spaces, dots and dashes dropped. Null when it cannot be
    /// a code (wrong length or a character outside the alphabet), so that no lookup is made for it.
    /// </summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 40)
        {
            return null;
        }

        var builder = new StringBuilder(Length);
        foreach (var c in typed.Trim().ToUpperInvariant())
        {
            if (c is ' ' or '-' or '–' or '.')
            {
                continue;
            }

            if (!Alphabet.Contains(c, StringComparison.Ordinal) || builder.Length == Length)
            {
                return null;
            }

            builder.Append(c);
        }

        return builder.Length == Length ? builder.ToString() : null;
    }

    /// <summary><c>KX7P3MRD</c> → <c>KX7P-3MRD</c>.</summary>
    public static string Format(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        return normalized.Length == Length ? string.Concat(normalized.AsSpan(0, 4), "-", normalized.AsSpan(4)) : normalized;
    }
}
