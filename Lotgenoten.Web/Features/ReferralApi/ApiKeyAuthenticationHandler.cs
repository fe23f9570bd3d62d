using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Lotgenoten.Web.Features.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Web.Features.ReferralApi;

/// <summary>
/// Authenticates an API client by the key in header <c>X-Api-Key</c>: its SHA-256 is compared in constant time with
/// every configured hash (the key itself is never stored or logged). No header: no result (another scheme may answer);
/// a wrong or malformed key: failure (401).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<ApiClientsOptions> clients)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string HeaderName = "X-Api-Key";

    /// <summary>Longer headers are not keys; refused before hashing.</summary>
    public const int MaxKeyLength = 256;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (values.Count != 1 || values[0] is not { Length: > 0 and <= MaxKeyLength } key)
        {
            return Task.FromResult(AuthenticateResult.Fail("Malformed API key header."));
        }

        var client = Find(key);
        if (client is null)
        {
            ReferralApiLog.ApiKeyRejected(Logger);
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }

        List<Claim> claims = [new(ApiClient.NameClaim, client.Name), .. client.Scopes.Select(s => new Claim(ApiClient.RoleClaim, s))];
        var identity = new ClaimsIdentity(claims, AuthSchemes.ApiKey, ApiClient.NameClaim, ApiClient.RoleClaim);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // The body (a problem) is written by ApiAuthorizationResultHandler once every scheme has challenged.
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append("WWW-Authenticate", $"ApiKey header=\"{HeaderName}\"");
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    /// <summary>The client whose hash matches; every configured hash is compared, in constant time each.</summary>
    private ApiClientOptions? Find(string key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        ApiClientOptions? match = null;
        foreach (var client in clients.CurrentValue.Clients)
        {
            if (Convert.FromHexString(client.KeyHash, expected, out _, out var written) == System.Buffers.OperationStatus.Done
                && written == expected.Length
                && CryptographicOperations.FixedTimeEquals(hash, expected))
            {
                match ??= client;
            }
        }

        return match;
    }
}
