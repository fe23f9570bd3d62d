using System.Security.Claims;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Lotgenoten.Web.Features.Staff;

/// <summary>
/// Keeps the portal's record of staff (object id and display name) current at each sign-in, so that coordinators can
/// assign facilitators by name. Roles are never stored: they come from the token on every request.
/// </summary>
public sealed class StaffDirectory(IDbContextFactory<LotgenotenDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Creates or refreshes the staff member behind a staff sign-in; does nothing for other principals.</summary>
    public async Task RecordSignInAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var objectId = principal.FindFirstValue(AuthSchemes.StaffClaims.ObjectId);
        if (string.IsNullOrEmpty(objectId) || !AppRoles.Staff.Any(principal.IsInRole))
        {
            return;
        }

        var name = principal.FindFirstValue(AuthSchemes.StaffClaims.Name);
        if (string.IsNullOrWhiteSpace(name))
        {
            name = objectId;
        }

        name = name.Length > StaffMember.DisplayNameMaxLength ? name[..StaffMember.DisplayNameMaxLength] : name;
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Set<StaffMember>().FirstOrDefaultAsync(s => s.ObjectId == objectId, ct);
        var created = member is null;
        if (member is null)
        {
            member = StaffMember.Create(objectId, name, now);
            db.Add(member);
        }

        member.RecordSignIn(name, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (created)
        {
            // Another sign-in of the same person created the row at the same moment (unique object id); that row stands.
        }
    }
}
