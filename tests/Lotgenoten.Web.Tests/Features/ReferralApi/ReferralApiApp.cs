using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Web.Features.Account;
using Lotgenoten.Web.Features.ReferralApi;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Lotgenoten.Web.Tests.Features.ReferralApi;

/// <summary>
/// The real app for the referral API's tests: a fixed clock (late evening in UTC, already the next day in Brussels), a
/// second key client with scope Referrals.Submit, and the Entra bearer scheme trusting a signing key of the test's own.
/// </summary>
public sealed class ReferralApiApp : LotgenotenWebFactory
{
    /// <summary>2026-03-09 23:30 UTC = 2026-03-10 00:30 in Brussels.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 9, 23, 30, 0, TimeSpan.Zero);

    public static readonly DateOnly TodayInBrussels = new(2026, 3, 10);

    public const string HelplineKey = "dev-helpline-key";
    public const string ReportKey = "dev-report-key";
    public const string OtherKey = "other-helpline-key-0123456789";
    public const string OtherClient = "other-helpline";

    public const string Issuer = "https://login.test.invalid/tenant/v2.0";
    public const string Audience = "api://lotgenoten-test";
    public const string EntraAppId = "6f1d2c3b-1111-4a5b-9c8d-0123456789ab";

    public static readonly SymmetricSecurityKey SigningKey = new(RandomNumberGenerator.GetBytes(32)) { KeyId = "test-key" };

    public ReferralApiApp()
        : base("Development", new Dictionary<string, string?>
        {
            ["ApiClients:2:Name"] = OtherClient,
            ["ApiClients:2:KeyHash"] = ApiClientOptions.HashKey(OtherKey),
            ["ApiClients:2:Scopes:0"] = ApiScopes.ReferralsSubmit,
        })
    {
    }

    public FakeTimeProvider Clock { get; } = new(Now);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.PostConfigure<JwtBearerOptions>(AuthSchemes.ApiBearer, jwt =>
            {
                var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
                configuration.SigningKeys.Add(SigningKey);
                jwt.Configuration = configuration;
                jwt.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = Issuer,
                    ValidAudience = Audience,
                    IssuerSigningKey = SigningKey,
                    RoleClaimType = "roles",
                    ClockSkew = TimeSpan.Zero,
                };
            });
        });
    }

    /// <summary>A client sending <paramref name="apiKey"/> (none when null) and <paramref name="language"/> as Accept-Language.</summary>
    public HttpClient ApiClient(string? apiKey = HelplineKey, string? language = null)
    {
        var client = CreateNonRedirectingClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, apiKey);
        }

        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        return client;
    }

    /// <summary>A client sending an Entra-style access token signed with <paramref name="key"/> (the trusted one by default).</summary>
    public HttpClient BearerClient(string[] roles, DateTime? expires = null, SecurityKey? key = null, string appId = EntraAppId)
    {
        var client = CreateNonRedirectingClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(roles, expires, key, appId));
        return client;
    }

    /// <summary>
    /// A client-credentials access token: azp/appid, roles. Valid from 2020 until a day after the real time, so that both
    /// the test clock and the real clock lie inside it; <paramref name="expires"/> overrides the end.
    /// </summary>
    public static string Token(string[] roles, DateTime? expires = null, SecurityKey? key = null, string appId = EntraAppId)
    {
        var notBefore = new DateTime(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var claims = new Dictionary<string, object> { ["azp"] = appId, ["appid"] = appId, ["oid"] = Guid.NewGuid().ToString() };
        if (roles.Length > 0)
        {
            claims["roles"] = roles;
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires ?? TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>A valid referral body; tests change one field at a time.</summary>
    public static JsonObject ValidReferral() => new()
    {
        ["receivedOn"] = "2026-03-02",
        ["channel"] = "Phone",
        ["relation"] = "Partner",
        ["concern"] = "AbuseImages",
        ["language"] = "nl",
        ["region"] = "BE-VOV",
        ["format"] = "Either",
        ["availability"] = new JsonArray(new JsonObject { ["day"] = "Tuesday", ["part"] = "Evening" }),
        ["email"] = null,
        ["contactPreference"] = "Code",
        ["consent"] = new JsonObject { ["given"] = true, ["noticeVersion"] = "2026-01" },
        ["remark"] = "Belde na de avonddienst.",
    };

    public static HttpContent Json(string json) => new StringContent(json, Encoding.UTF8, "application/json");

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string json, string? idempotencyKey = null, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ReferralApiEndpoints.ReferralsPath) { Content = Json(json) };
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation(ReferralApiEndpoints.IdempotencyKeyHeader, idempotencyKey);
        }

        return await client.SendAsync(request, ct);
    }

    public async Task<int> CountReferralsAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync();
        return await db.Set<Referral>().CountAsync();
    }

    public async Task<Referral> FindReferralAsync(Guid id)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync();
        return await db.Set<Referral>().AsNoTracking().SingleAsync(r => r.Id == id);
    }

    /// <summary>A text of <typeparamref name="T"/> in <paramref name="culture"/>, as the app's localizer gives it.</summary>
    public string Text<T>(string key, string culture, params object[] arguments)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo(culture);
            var localizer = Services.GetRequiredService<IStringLocalizer<T>>();
            var text = arguments.Length == 0 ? localizer[key] : localizer[key, arguments];
            text.ResourceNotFound.ShouldBeFalse(key);
            return text.Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
