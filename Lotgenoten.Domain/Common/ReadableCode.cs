using System.Security.Cryptography;

namespace Lotgenoten.Domain.Common;

/// <summary>
/// Short codes a person reads out or types (invitation codes, referral references): characters from an alphabet without
/// look-alikes (no 0/O/Q, 1/I/L, 5/S, 2/Z, 8/B, U/V), drawn from a CSPRNG.
/// </summary>
public static class ReadableCode
{
    /// <summary>22 characters a person will not confuse on a phone screen or read over the phone.</summary>
    public const string Alphabet = "34679ACDEFGHJKMNPRTWXY";

    /// <summary>A new code of <paramref name="length"/> characters, without separators.</summary>
    public static string New(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, 64);
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(chars);
    }
}
