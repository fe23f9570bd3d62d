using System.Security.Cryptography;
using System.Text;
using Microsoft.Playwright;

namespace Lotgenoten.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Chromium's virtual WebAuthn authenticator (through CDP) on one page: a platform authenticator with user
/// verification that answers every request by itself. WebAuthn needs a secure context and a domain as relying-party
/// id, so pages that use it must be opened under <see cref="Origin"/> (http://localhost), not the fixture's 127.0.0.1.
/// </summary>
public sealed class VirtualAuthenticator
{
    private VirtualAuthenticator(ICDPSession cdp, string id)
    {
        Cdp = cdp;
        Id = id;
    }

    public ICDPSession Cdp { get; }

    public string Id { get; }

    /// <summary>The app's address under the host name WebAuthn accepts: <c>http://localhost:{port}</c>.</summary>
    public static string Origin(AppFixture app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return $"http://localhost:{app.BaseAddress.Port}";
    }

    /// <summary>Adds an authenticator to the page's browser context.</summary>
    public static async Task<VirtualAuthenticator> AddAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        var result = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        var id = result?.GetProperty("authenticatorId").GetString() ?? throw new InvalidOperationException("no authenticator id");
        return new VirtualAuthenticator(cdp, id);
    }

    /// <summary>How many passkeys the authenticator holds.</summary>
    public async Task<int> CredentialCountAsync()
    {
        var result = await Cdp.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = Id });
        return result?.GetProperty("credentials").GetArrayLength() ?? 0;
    }

    /// <summary>Puts a passkey for localhost in the authenticator that the site never stored (made by the authenticator itself).</summary>
    public async Task AddUnknownCredentialAsync()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await Cdp.SendAsync("WebAuthn.addCredential", new Dictionary<string, object>
        {
            ["authenticatorId"] = Id,
            ["credential"] = new Dictionary<string, object>
            {
                ["credentialId"] = Convert.ToBase64String(Guid.NewGuid().ToByteArray()),
                ["isResidentCredential"] = true,
                ["rpId"] = "localhost",
                ["privateKey"] = Convert.ToBase64String(key.ExportPkcs8PrivateKey()),
                ["userHandle"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(Guid.NewGuid().ToString())),
                ["signCount"] = 0,
            },
        });
    }
}
