using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Infrastructure.Protection;

/// <summary>A key-encryption key and its public identifier (a fingerprint that reveals nothing about the key).</summary>
internal sealed class KeyEncryptionKey
{
    public KeyEncryptionKey(byte[] key)
    {
        Key = key;
        Id = Convert.ToHexStringLower(
            HMACSHA256.HashData(key, Encoding.ASCII.GetBytes("Lotgenoten key-encryption key id v1")).AsSpan(0, 8));
    }

    public byte[] Key { get; }

    public string Id { get; }
}

/// <summary>The decoded, validated secrets of <see cref="DataProtectionKeyOptions"/>.</summary>
internal sealed class ProtectionKeys
{
    public ProtectionKeys(IOptions<DataProtectionKeyOptions> options)
        : this(options.Value)
    {
    }

    public ProtectionKeys(DataProtectionKeyOptions options)
    {
        KeyEncryptionKey = new KeyEncryptionKey(Decode(options.KeyEncryptionKey, nameof(options.KeyEncryptionKey)));
        RetiredKeyEncryptionKeys = [.. options.RetiredKeyEncryptionKeys.Select(k => new KeyEncryptionKey(Decode(k, "RetiredKeyEncryptionKeys")))];
        BlindIndexKey = Decode(options.BlindIndexKey, nameof(options.BlindIndexKey));
    }

    /// <summary>Encrypts new keys and decrypts keys stored with it.</summary>
    public KeyEncryptionKey KeyEncryptionKey { get; }

    /// <summary>Decrypt-only keys from before a rotation.</summary>
    public IReadOnlyList<KeyEncryptionKey> RetiredKeyEncryptionKeys { get; }

    public byte[] BlindIndexKey { get; }

    /// <summary>The key with this id, current or retired, or null.</summary>
    public KeyEncryptionKey? FindKeyEncryptionKey(string? id) =>
        string.Equals(KeyEncryptionKey.Id, id, StringComparison.Ordinal)
            ? KeyEncryptionKey
            : RetiredKeyEncryptionKeys.FirstOrDefault(k => string.Equals(k.Id, id, StringComparison.Ordinal));

    /// <summary>The bytes of a base64 key of <see cref="DataProtectionKeyOptions.KeyLength"/> bytes, or null.</summary>
    public static byte[]? TryDecode(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return null;
        }

        var buffer = new byte[DataProtectionKeyOptions.KeyLength + 3];
        return Convert.TryFromBase64String(base64.Trim(), buffer, out var written) && written == DataProtectionKeyOptions.KeyLength
            ? buffer[..written]
            : null;
    }

    private static byte[] Decode(string? base64, string setting) =>
        TryDecode(base64) ?? throw new InvalidOperationException(
            $"DataProtection:{setting} must be the base64 of {DataProtectionKeyOptions.KeyLength} bytes.");
}
