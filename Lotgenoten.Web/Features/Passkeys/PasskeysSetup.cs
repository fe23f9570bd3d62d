using Lotgenoten.Web.Features.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lotgenoten.Web.Features.Passkeys;

/// <summary>
/// Passkey settings (section <c>Passkeys</c>): <c>ServerDomain</c> is the WebAuthn relying-party id, by default the host
/// of the request (set it when the app runs behind a proxy that changes the host); <c>TimeoutSeconds</c> how long the
/// browser waits for the authenticator (default 180); <c>Origin</c> the site's origin as browsers see it (default: scheme
/// and host of the request).
/// </summary>
public static class PasskeysSetup
{
    public const string Section = "Passkeys";

    public static IServiceCollection AddParticipantPasskeys(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddScoped<ParticipantPasskeys>();
        services.AddScoped<ParticipantPasskeyCounter>();

        // Per-client limits of the anonymous option endpoints and of the sign-in page: one per app (they count across
        // requests); they hold client addresses, nothing else.
        services.TryAddSingleton<ParticipantRateLimiter>();
        services.AddOptions<ParticipantRateLimitOptions>()
            .BindConfiguration(ParticipantRateLimitOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<IdentityPasskeyOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var section = configuration.GetSection(Section);
            var domain = section["ServerDomain"];
            options.ServerDomain = string.IsNullOrWhiteSpace(domain) ? null : domain.Trim();
            options.AuthenticatorTimeout = TimeSpan.FromSeconds(Math.Clamp(section.GetValue("TimeoutSeconds", 180), 30, 600));

            // A phone's screen lock or a security key's PIN when there is one; a key without one still works.
            options.UserVerificationRequirement = "preferred";

            // Discoverable credentials: signing in needs no login name, so the sign-in page never reveals which exist.
            options.ResidentKeyRequirement = "required";
            options.AttestationConveyancePreference = "none";

            // The credential must come from this site itself. Identity's default compares it with the request's Origin
            // header, but with "Referrer-Policy: no-referrer" a browser sends "Origin: null" on a form post, so the
            // site's own origin (scheme and host of the request, or Passkeys:Origin when a proxy changes them) is used.
            var configuredOrigin = section["Origin"];
            options.ValidateOrigin = context => ValueTask.FromResult(IsOwnOrigin(context, configuredOrigin));
        });
        return services;
    }

    /// <summary>Whether a passkey's client data comes from this site, in a top-level page (not a cross-origin frame).</summary>
    internal static bool IsOwnOrigin(PasskeyOriginValidationContext context, string? configuredOrigin)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.CrossOrigin || (context.TopOrigin is not null && !string.Equals(context.TopOrigin, context.Origin, StringComparison.Ordinal)))
        {
            return false;
        }

        var request = context.HttpContext.Request;
        var expected = string.IsNullOrWhiteSpace(configuredOrigin)
            ? $"{request.Scheme}://{request.Host.Value}"
            : configuredOrigin.Trim().TrimEnd('/');
        return string.Equals(context.Origin, expected, StringComparison.OrdinalIgnoreCase);
    }
}
