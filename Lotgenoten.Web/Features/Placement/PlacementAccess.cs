using System.Security.Claims;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Web.Features.Account;

namespace Lotgenoten.Web.Features.Placement;

/// <summary>Matching and placement are for coordinators only: checked again on every call (a circuit keeps its user).</summary>
internal static class PlacementAccess
{
    /// <summary>The actor id (the staff object id) of a coordinator; anyone else is refused.</summary>
    public static string RequireCoordinator(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var objectId = user.FindFirstValue(AuthSchemes.StaffClaims.ObjectId);
        if (user.Identity?.IsAuthenticated != true || !user.IsInRole(AppRoles.Coordinator) || string.IsNullOrEmpty(objectId))
        {
            throw new UnauthorizedAccessException("Matching and placement need the Coordinator role.");
        }

        return objectId;
    }
}
