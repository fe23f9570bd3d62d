namespace Lotgenoten.Infrastructure.Protection;

/// <summary>
/// Configuration section <c>DataProtection</c>: the secrets that keep a database dump useless on its own.
/// Keep them in a secret store or environment variables (<c>DataProtection__KeyEncryptionKey</c>), never in the database
/// or its backups. Generate each with <c>openssl rand -base64 32</c>.
/// </summary>
public sealed class DataProtectionKeyOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "DataProtection";

    /// <summary>Length in bytes of every key in this section.</summary>
    public const int KeyLength = 32;

    /// <summary>
    /// The key-encryption key (KEK): base64 of 32 random bytes. Encrypts (AES-256-GCM) every key of the Data Protection
    /// key ring before it is stored in the database. Required outside Development; Development generates one locally.
    /// </summary>
    public string? KeyEncryptionKey { get; set; }

    /// <summary>
    /// Former key-encryption keys (base64), kept to decrypt keys stored before a KEK rotation. New keys always use
    /// <see cref="KeyEncryptionKey"/>.
    /// </summary>
    public IList<string> RetiredKeyEncryptionKeys { get; } = [];

    /// <summary>
    /// The HMAC-SHA256 key of blind indexes (lookups on encrypted values): base64 of 32 random bytes. Required outside
    /// Development; Development generates one locally. Changing it invalidates every stored blind index.
    /// </summary>
    public string? BlindIndexKey { get; set; }

    /// <summary>
    /// Development only: where generated keys are kept. Default: <c>Lotgenoten</c> under the user's local application
    /// data folder (outside the repository).
    /// </summary>
    public string? DevelopmentKeyDirectory { get; set; }
}
