using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Lotgenoten.Infrastructure.Protection;

/// <inheritdoc />
internal sealed class FieldProtector : IFieldProtector
{
    private const string RootPurpose = "Lotgenoten.Fields.v1";
    private static readonly byte[] BlindIndexLabel = Encoding.UTF8.GetBytes("Lotgenoten.BlindIndex.v1\0");

    private readonly IDataProtector root;
    private readonly byte[] blindIndexKey;
    private readonly ConcurrentDictionary<string, IDataProtector> protectors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> blindIndexKeys = new(StringComparer.Ordinal);

    public FieldProtector(IDataProtectionProvider provider, ProtectionKeys keys)
    {
        root = provider.CreateProtector(RootPurpose);
        blindIndexKey = keys.BlindIndexKey;
    }

    public string Protect(string purpose, string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        return Protector(purpose).Protect(plaintext);
    }

    public string Unprotect(string purpose, string ciphertext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        return Protector(purpose).Unprotect(ciphertext);
    }

    public string BlindIndex(string purpose, string normalizedValue)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        ArgumentNullException.ThrowIfNull(normalizedValue);
        var key = blindIndexKeys.GetOrAdd(purpose, p =>
            HMACSHA256.HashData(blindIndexKey, BlindIndexLabel.Concat(Encoding.UTF8.GetBytes(p)).ToArray()));
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(normalizedValue)));
    }

    private IDataProtector Protector(string purpose)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        return protectors.GetOrAdd(purpose, root.CreateProtector);
    }
}
