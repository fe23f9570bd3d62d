using System.Security.Claims;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Email;

namespace Lotgenoten.Web.Features.Outbox;

/// <summary>
/// The coordinators' failed-messages page: lists failed outbox messages (when, kind, attempts, error class; never the
/// recipient or content) and retries them. Every method checks the Coordinator role itself (deny by default).
/// </summary>
public sealed class OutboxAdminService(OutboxMaintenance maintenance)
{
    /// <summary>The most failed messages the page shows.</summary>
    public const int MaxListed = 500;

    public Task<IReadOnlyList<FailedOutboxMessage>> GetFailedAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        Require(user);
        return maintenance.FailedAsync(MaxListed, ct);
    }

    /// <returns>False when the message is no longer failed or its content was already erased.</returns>
    public Task<bool> RetryAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        Require(user);
        return maintenance.RetryAsync(id, ct);
    }

    /// <returns>How many messages were set to retry.</returns>
    public Task<int> RetryAllAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        Require(user);
        return maintenance.RetryAllFailedAsync(ct);
    }

    private static void Require(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true || !user.IsInRole(AppRoles.Coordinator))
        {
            throw new UnauthorizedAccessException($"This needs the {AppRoles.Coordinator} role.");
        }
    }
}
