using Lotgenoten.Infrastructure.Sessions;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Lotgenoten.Web.Features.Account;

/// <summary>
/// Staff and participant sign-ins are kept on the server (<see cref="AuthSessionStore"/>): signing out ends the session
/// everywhere, and a copied cookie is worthless afterwards (issue 8).
/// </summary>
public static class ServerSessions
{
    public static IHostApplicationBuilder AddServerSessions(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var scheme in new[] { AuthSchemes.StaffCookie, AuthSchemes.ParticipantCookie })
        {
            builder.Services.AddOptions<CookieAuthenticationOptions>(scheme)
                .Configure<IServiceProvider>((options, services) => AuthSessionStore.Use(options, services, scheme));
        }

        return builder;
    }
}
