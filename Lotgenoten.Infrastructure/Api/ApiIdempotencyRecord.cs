namespace Lotgenoten.Infrastructure.Api;

/// <summary>
/// The first answer to a POST that carried an <c>Idempotency-Key</c>: a retry with the same key from the same client
/// returns the same resource instead of creating a second one. The request is kept only as a hash, to tell a retry from a
/// different request that reuses the key. Kept for <see cref="Lifetime"/>; the retention job removes older ones.
/// </summary>
public sealed class ApiIdempotencyRecord
{
    public const int ClientIdMaxLength = 64;
    public const int KeyMaxLength = 100;
    public const int RequestHashLength = 64;
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private ApiIdempotencyRecord()
    {
        ClientId = string.Empty;
        Key = string.Empty;
        RequestHash = string.Empty;
        Operation = string.Empty;
    }

    public ApiIdempotencyRecord(string clientId, string key, string operation, string requestHash, Guid resourceId, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(operation);
        ArgumentException.ThrowIfNullOrEmpty(requestHash);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(clientId.Length, ClientIdMaxLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(key.Length, KeyMaxLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(requestHash.Length, RequestHashLength);
        ClientId = clientId;
        Key = key;
        Operation = operation;
        RequestHash = requestHash;
        ResourceId = resourceId;
        CreatedAt = createdAt;
    }

    /// <summary>The API client (its configured name, or the Entra application id).</summary>
    public string ClientId { get; private set; }

    /// <summary>The client's <c>Idempotency-Key</c> header value.</summary>
    public string Key { get; private set; }

    /// <summary>Which operation the key was used for (e.g. <c>POST /api/referrals</c>).</summary>
    public string Operation { get; private set; }

    /// <summary>SHA-256 (hex) of the request body.</summary>
    public string RequestHash { get; private set; }

    /// <summary>The resource the first request created.</summary>
    public Guid ResourceId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
