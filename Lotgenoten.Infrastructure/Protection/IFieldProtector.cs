namespace Lotgenoten.Infrastructure.Protection;

/// <summary>
/// Encrypts single values for storage (participant e-mail addresses, notes) with the Data Protection key ring, and makes
/// blind indexes to look such values up without decrypting them. Thread-safe; holds no user state.
/// </summary>
public interface IFieldProtector
{
    /// <summary>Encrypts <paramref name="plaintext"/> for one purpose (e.g. <c>"Referral.Email"</c>).</summary>
    /// <returns>Base64url text; at most <see cref="FieldProtection.MaxProtectedLength"/> characters.</returns>
    string Protect(string purpose, string plaintext);

    /// <summary>Decrypts a value made by <see cref="Protect"/> with the same purpose.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">Wrong purpose, tampered or unknown key.</exception>
    string Unprotect(string purpose, string ciphertext);

    /// <summary>
    /// HMAC-SHA256 of an already normalised value (e.g. trimmed, lower-cased e-mail) under a key per purpose: equal values
    /// give equal indexes, so a column of them can be searched; the value cannot be read back from it.
    /// </summary>
    /// <returns>Lower-case hex, exactly <see cref="FieldProtection.BlindIndexLength"/> characters.</returns>
    string BlindIndex(string purpose, string normalizedValue);
}

/// <summary>Sizes for columns that hold the output of <see cref="IFieldProtector"/>.</summary>
public static class FieldProtection
{
    /// <summary>Length of a blind index (hex of 32 bytes).</summary>
    public const int BlindIndexLength = 64;

    /// <summary>
    /// The longest text <see cref="IFieldProtector.Protect"/> returns for a plaintext of at most
    /// <paramref name="maxPlaintextLength"/> UTF-16 characters (AES-256-CBC + HMAC-SHA256, the Data Protection default).
    /// </summary>
    public static int MaxProtectedLength(int maxPlaintextLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxPlaintextLength);
        const int header = 4 + 16; // magic header + key id
        const int keyModifierAndIv = 16 + 16;
        const int mac = 32;
        var utf8 = 3L * maxPlaintextLength; // a UTF-16 char never takes more than 3 UTF-8 bytes
        var padded = ((utf8 / 16) + 1) * 16;
        var bytes = header + keyModifierAndIv + padded + mac;
        return checked((int)((bytes * 4 + 2) / 3)); // base64url without padding
    }
}
