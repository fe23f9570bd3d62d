using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Lotgenoten.Web.Tests.Features.Passkeys;

/// <summary>
/// A minimal WebAuthn authenticator in code (ES256, no attestation): a passkey to store through Identity and assertions
/// for request options, so that the server side can be tested without a browser.
/// </summary>
internal sealed class SoftwareAuthenticator : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private uint _signCount;

    /// <summary>A new authenticator; given <paramref name="credentialId"/> (another's), it is an impostor with its own key.</summary>
    public SoftwareAuthenticator(byte[]? credentialId = null) => CredentialId = credentialId ?? RandomNumberGenerator.GetBytes(16);

    public byte[] CredentialId { get; }

    public void Dispose() => _key.Dispose();

    /// <summary>The passkey as Identity stores it.</summary>
    public UserPasskeyInfo Passkey()
    {
        var p = _key.ExportParameters(includePrivateParameters: false);
        // COSE_Key {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y}
        byte[] cose = [0xA5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20, .. p.Q.X!, 0x22, 0x58, 0x20, .. p.Q.Y!];
        return new UserPasskeyInfo(
            credentialId: CredentialId,
            publicKey: cose,
            createdAt: DateTimeOffset.UnixEpoch,
            signCount: 0,
            transports: ["internal"],
            isUserVerified: true,
            isBackupEligible: false,
            isBackedUp: false,
            attestationObject: [0xA0],
            clientDataJson: [0x7B, 0x7D]);
    }

    /// <summary>The credential JSON navigator.credentials.get() would give for <paramref name="requestOptionsJson"/>.</summary>
    public string Assert(string requestOptionsJson, string origin, string userId)
    {
        using var options = JsonDocument.Parse(requestOptionsJson);
        var challenge = options.RootElement.GetProperty("challenge").GetString()!;
        var rpId = options.RootElement.GetProperty("rpId").GetString()!;
        var clientData = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["type"] = "webauthn.get",
            ["challenge"] = challenge,
            ["origin"] = origin,
            ["crossOrigin"] = false,
        }));
        _signCount++;
        byte[] counter = [(byte)(_signCount >> 24), (byte)(_signCount >> 16), (byte)(_signCount >> 8), (byte)_signCount];
        byte[] authenticatorData = [.. SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), 0x05, .. counter];
        byte[] signed = [.. authenticatorData, .. SHA256.HashData(clientData)];
        var signature = _key.SignData(signed, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var id = WebEncoders.Base64UrlEncode(CredentialId);
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = id,
            ["rawId"] = id,
            ["type"] = "public-key",
            ["authenticatorAttachment"] = "platform",
            ["clientExtensionResults"] = new Dictionary<string, object>(),
            ["response"] = new Dictionary<string, object>
            {
                ["clientDataJSON"] = WebEncoders.Base64UrlEncode(clientData),
                ["authenticatorData"] = WebEncoders.Base64UrlEncode(authenticatorData),
                ["signature"] = WebEncoders.Base64UrlEncode(signature),
                ["userHandle"] = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(userId)),
            },
        });
    }
}
