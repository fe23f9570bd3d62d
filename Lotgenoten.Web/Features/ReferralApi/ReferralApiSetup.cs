using System.Security.Claims;
using Lotgenoten.Web.Features.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;

namespace Lotgenoten.Web.Features.ReferralApi;

/// <summary>
/// The API's authentication (API keys from <c>ApiClients</c>, Entra access tokens through Microsoft.Identity.Web),
/// its problem answers to failed authorization, and its language from <c>Accept-Language</c>.
/// </summary>
public static class ReferralApiSetup
{
    /// <summary>
    /// Adds the two API schemes next to the staff and participant ones. Outside Development refuses to start when a
    /// development key's hash is configured.
    /// </summary>
    public static IHostApplicationBuilder AddReferralApiAuthentication(this IHostApplicationBuilder builder, AuthenticationBuilder authentication)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(authentication);
        var services = builder.Services;

        var clients = ApiClientOptions.Read(builder.Configuration, builder.Environment);
        services.AddOptions<ApiClientsOptions>()
            .Configure(options => options.Clients.AddRange(clients))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiClientsOptions>, ApiClientsOptionsValidator>();

        authentication.AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, displayName: null, _ => { });

        // Entra client credentials: an access token for this app registration whose "roles" hold the app role.
        // A token without roles is authenticated (and then refused with 403 by the policy), not turned into a 401.
        authentication.AddMicrosoftIdentityWebApi(
            jwt => jwt.MapInboundClaims = false,
            identity =>
            {
                builder.Configuration.Bind("AzureAd", identity);
                identity.AllowWebApiToBeAuthorizedByACL = true;
            },
            AuthSchemes.ApiBearer);
        services.PostConfigure<JwtBearerOptions>(AuthSchemes.ApiBearer, jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters.RoleClaimType = ApiClient.RoleClaim;
            jwt.Events ??= new JwtBearerEvents();
            var tokenValidated = jwt.Events.OnTokenValidated;
            jwt.Events.OnTokenValidated = async context =>
            {
                await tokenValidated(context);
                if (context.Result is null && context.Principal is { } principal)
                {
                    // One identity of this scheme, claims as sent: ApiClient reads azp/appid and roles from it.
                    context.Principal = new ClaimsPrincipal(
                        new ClaimsIdentity(principal.Claims, AuthSchemes.ApiBearer, "azp", ApiClient.RoleClaim));
                }
            };
        });

        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResultHandler>();
        services.PostConfigure<RequestLocalizationOptions>(options =>
            options.RequestCultureProviders.Insert(0, new ApiAcceptLanguageProvider()));
        return builder;
    }
}
