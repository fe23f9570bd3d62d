using System.Security.Claims;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Sessions;
using Lotgenoten.Infrastructure.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Web.Features.Account;

/// <summary>
/// A circuit keeps its user for as long as it lives. Every minute this checks that the sign-in still exists on the
/// server (not signed out elsewhere, not expired) and that a participant's account still exists with the same security
/// stamp (passphrase changed, account erased or locked); if not, the circuit loses its user at once. Staff roles come
/// from Entra ID and are checked again by each service call.
/// </summary>
internal sealed class RevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory,
    IOptions<IdentityOptions> identityOptions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var user = authenticationState.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await using (var db = await services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            // Signed out in another tab or on another device, or erased: the sign-in is gone from the server.
            if (!await AuthSessionStore.IsActiveAsync(db, user, services.GetRequiredService<TimeProvider>().GetUtcNow(), cancellationToken))
            {
                return false;
            }
        }

        if (!user.IsInRole(AppRoles.Participant))
        {
            return true;
        }

        var userManager = services.GetRequiredService<UserManager<ParticipantUser>>();
        return await IsStillValidAsync(userManager, user);
    }

    private async Task<bool> IsStillValidAsync(UserManager<ParticipantUser> userManager, ClaimsPrincipal principal)
    {
        var account = await userManager.GetUserAsync(principal);
        if (account is null || await userManager.IsLockedOutAsync(account))
        {
            return false;
        }

        if (!userManager.SupportsUserSecurityStamp)
        {
            return true;
        }

        var stamp = principal.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await userManager.GetSecurityStampAsync(account);
    }
}
