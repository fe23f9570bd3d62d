using System.Security.Claims;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Web.Features.Account;

/// <summary>Gives every participant account the <c>Participant</c> role; participants are never staff.</summary>
public sealed class ParticipantClaimsPrincipalFactory(UserManager<ParticipantUser> userManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ParticipantUser>(userManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ParticipantUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(Options.ClaimsIdentity.RoleClaimType, AppRoles.Participant));
        return identity;
    }
}
