using System.Security.Claims;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Microsoft.EntityFrameworkCore;

namespace Lotgenoten.Web.Features.Passkeys;

/// <summary>
/// How many passkeys the signed-in participant has, read with a short-lived context of its own (the passkeys card runs in
/// a circuit, where Identity's scoped managers would keep one context for the circuit's whole life).
/// </summary>
public sealed class ParticipantPasskeyCounter(IDbContextFactory<LotgenotenDbContext> dbFactory)
{
    /// <summary>The caller's own passkeys; 0 for anyone who is not a participant.</summary>
    public async Task<int> CountAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var participantId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (!user.IsInRole(AppRoles.Participant) || string.IsNullOrEmpty(participantId))
        {
            return 0;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.UserPasskeys.CountAsync(p => p.UserId == participantId, ct);
    }
}
