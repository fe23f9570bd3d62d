using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Claims;
using Lotgenoten.Infrastructure.Demo;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Lotgenoten.Web.Tests.Features.Account.Oidc;

/// <summary>
/// A local OpenID Connect provider (OpenIddict) on a loopback port, shaped like Entra ID as far as the app can tell: its
/// issuer is <c>{Instance}{TenantId}/v2.0</c>, its ID tokens carry <c>oid</c>, <c>tid</c>, <c>name</c> and the app roles
/// in <c>roles</c>. The authorization endpoint approves at once the test user named by <c>login_hint</c> (there is no
/// login form: the test plays the person who chooses an account); the end-session endpoint records that it was called.
/// </summary>
internal sealed class TestOpenIdProvider : IAsyncDisposable
{
    public const string TenantId = "7c3b6a1e-0d1f-4c55-9a8e-2f4d8c1b9e70";
    public const string ClientId = "3f9d2b7c-5a61-4e08-b1c4-8d2e6f0a9b13";
    public const string ClientSecret = "test-only-client-secret-2b7c5a61";

    private readonly WebApplication _app;
    private readonly SqliteConnection _keepAlive;
    private readonly ConcurrentQueue<EndSessionCall> _endSessionCalls;

    private readonly X509Certificate2 _certificate;

    private TestOpenIdProvider(
        WebApplication app, SqliteConnection keepAlive, Uri instance, ConcurrentQueue<EndSessionCall> endSessionCalls, X509Certificate2 certificate)
    {
        _certificate = certificate;
        _app = app;
        _keepAlive = keepAlive;
        Instance = instance;
        _endSessionCalls = endSessionCalls;
    }

    /// <summary>What the app's <c>AzureAd:Instance</c> is set to, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Instance { get; }

    /// <summary>The issuer the app derives from Instance and TenantId, as Entra's v2.0 endpoint has it.</summary>
    public Uri Authority => new(Instance, $"{TenantId}/v2.0");

    /// <summary>The calls of the end-session endpoint, in order.</summary>
    public IReadOnlyCollection<EndSessionCall> EndSessionCalls => _endSessionCalls;

    /// <summary>The people the provider knows, by the login hint that chooses them.</summary>
    public static IReadOnlyDictionary<string, TestStaffUser> Users { get; } = new Dictionary<string, TestStaffUser>
    {
        ["coordinator"] = new("0b6f3c2a-6a8d-4d3e-9f51-1c2b3a4d5e60", "Oidc Coordinator", [AppRoles.Coordinator]),
        ["facilitator"] = new("1c7e4d3b-7b9e-4e4f-8a62-2d3c4b5e6f71", "Oidc Facilitator", [AppRoles.Facilitator]),
        ["norole"] = new("2d8f5e4c-8caf-4f50-9b73-3e4d5c6f7a82", "Oidc Newcomer", []),
    };

    /// <summary>Starts the provider for one client whose redirect URIs are on <paramref name="appBase"/>.</summary>
    public static async Task<TestOpenIdProvider> StartAsync(Uri appBase, CancellationToken ct)
    {
        // One in-memory SQLite database for OpenIddict's applications, authorizations and tokens, alive while this lives.
        var connectionString = $"Data Source=oidc-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        var keepAlive = new SqliteConnection(connectionString);
        await keepAlive.OpenAsync(ct);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        var certificate = CreateCertificate();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        builder.Logging.ClearProviders();

        builder.Services.AddDbContext<ProviderDbContext>(db =>
        {
            db.UseSqlite(connectionString);
            db.UseOpenIddict();
        });

        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<ProviderDbContext>())
            .AddServer(server =>
            {
                // Relative to the path base "/{tenant}/v2.0", which also makes the issuer Entra-shaped.
                server.SetAuthorizationEndpointUris("oauth2/authorize")
                    .SetTokenEndpointUris("oauth2/token")
                    .SetEndSessionEndpointUris("oauth2/logout")
                    .AllowAuthorizationCodeFlow()
                    .AllowRefreshTokenFlow()
                    .RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess)
                    .AddEphemeralEncryptionKey()
                    .AddEphemeralSigningKey()
                    .DisableAccessTokenEncryption();

                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
            });

        var app = builder.Build();
        var endSessionCalls = new ConcurrentQueue<EndSessionCall>();
        app.UsePathBase($"/{TenantId}/v2.0");
        app.UseRouting();
        app.UseAuthentication();
        app.MapMethods("/oauth2/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync);
        app.MapMethods("/oauth2/logout", [HttpMethods.Get, HttpMethods.Post], (HttpContext context) =>
        {
            var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
            endSessionCalls.Enqueue(new EndSessionCall(request.PostLogoutRedirectUri));
            return Results.SignOut(
                new AuthenticationProperties { RedirectUri = "/" },
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        });

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProviderDbContext>().Database.EnsureCreatedAsync(ct);
            await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(
                new OpenIddictApplicationDescriptor
                {
                    ClientId = ClientId,
                    ClientSecret = ClientSecret,
                    ClientType = ClientTypes.Confidential,
                    RedirectUris = { new Uri(appBase, "signin-oidc") },
                    PostLogoutRedirectUris = { new Uri(appBase, "signout-callback-oidc") },
                    Permissions =
                    {
                        Permissions.Endpoints.Authorization,
                        Permissions.Endpoints.Token,
                        Permissions.Endpoints.EndSession,
                        Permissions.GrantTypes.AuthorizationCode,
                        Permissions.GrantTypes.RefreshToken,
                        Permissions.ResponseTypes.Code,
                        Permissions.Scopes.Profile,
                        Permissions.Scopes.Email,
                        Permissions.Prefixes.Scope + Scopes.OfflineAccess,
                    },
                },
                ct);
        }

        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.Single();
        return new TestOpenIdProvider(app, keepAlive, new Uri(address.TrimEnd('/') + "/"), endSessionCalls, certificate);
    }

    /// <summary>
    /// An HTTP handler that trusts this provider's self-signed certificate (pinned by its SHA-256 hash) besides every
    /// certificate the machine trusts; redirects are not followed.
    /// </summary>
    public SocketsHttpHandler CreateTrustingHandler()
    {
        var pinned = _certificate.GetCertHashString(HashAlgorithmName.SHA256);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    errors == SslPolicyErrors.None
                    || (certificate is not null && certificate.GetCertHashString(HashAlgorithmName.SHA256) == pinned),
            },
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _keepAlive.DisposeAsync();
        _certificate.Dispose();
    }

    /// <summary>A self-signed TLS certificate for 127.0.0.1, valid for a day around now.</summary>
    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }

    private static IResult AuthorizeAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.LoginHint is not { } hint || !Users.TryGetValue(hint, out var user))
        {
            return Results.Forbid(
                new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.LoginRequired,
                }),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var identity = new ClaimsIdentity(
            OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, "roles");
        identity.SetClaim(Claims.Subject, user.ObjectId)
            .SetClaim("oid", user.ObjectId)
            .SetClaim("tid", TenantId)
            .SetClaim(Claims.Name, user.Name)
            .SetClaims("roles", [.. user.Roles]);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private sealed class ProviderDbContext(DbContextOptions<ProviderDbContext> options) : DbContext(options);
}

/// <summary>A person at the provider: the object id, the display name and the app roles assigned to them.</summary>
internal sealed record TestStaffUser(string ObjectId, string Name, IReadOnlyList<string> Roles);

/// <summary>One call of the provider's end-session endpoint.</summary>
internal sealed record EndSessionCall(string? PostLogoutRedirectUri);
