using System.Security.Claims;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Figures;
using Lotgenoten.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Lotgenoten.Web.Features.Dashboard;

/// <summary>
/// Whose figures a user may see (DOMAIN.md "Who may do what": dashboards — facilitators their own groups, coordinators
/// all). Looked up in the database on every call: a facilitator removed from a group no longer sees it on their next
/// action, and a deactivated staff member sees nothing.
/// </summary>
public static class DashboardAccess
{
    /// <summary>The scope of <paramref name="user"/>: everything for a coordinator; their own groups (any status) for a facilitator.</summary>
    /// <exception cref="UnauthorizedAccessException">Neither a coordinator nor a facilitator, or no active staff record.</exception>
    public static async Task<DashboardScope> ScopeAsync(LotgenotenDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var objectId = user.FindFirstValue(AuthSchemes.StaffClaims.ObjectId);
        if (user.Identity?.IsAuthenticated != true || string.IsNullOrEmpty(objectId)
            || !(user.IsInRole(AppRoles.Coordinator) || user.IsInRole(AppRoles.Facilitator)))
        {
            throw new UnauthorizedAccessException("Dashboards are for coordinators and facilitators.");
        }

        var staffId = await db.Set<StaffMember>().AsNoTracking()
            .Where(s => s.ObjectId == objectId && s.IsActive)
            .Select(s => (Guid?)s.Id)
            .FirstOrDefaultAsync(ct);
        if (staffId is not { } id)
        {
            throw new UnauthorizedAccessException("No active staff record.");
        }

        if (user.IsInRole(AppRoles.Coordinator))
        {
            return DashboardScope.All;
        }

        var groups = await db.Set<PeerGroup>().AsNoTracking()
            .Where(g => g.Facilitators.Any(f => f.StaffMemberId == id))
            .Select(g => g.Id)
            .ToListAsync(ct);
        return DashboardScope.Groups(groups);
    }
}
