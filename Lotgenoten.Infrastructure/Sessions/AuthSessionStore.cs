using System.Collections.Concurrent;
using System.Data.Common;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Lotgenoten.Infrastructure.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lotgenoten.Infrastructure.Sessions;

/// <summary>
/// The cookie handlers' session store (<see cref="ITicketStore"/>): sign-ins live in the database, shared by every
/// instance, and the cookie holds only a 256-bit random key. Signing out removes the row, so the cookie is worthless
/// afterwards even when someone copied it. Tickets are encrypted with Data Protection (their own purpose); the row's
/// id is the key's SHA-256, so a database dump holds no usable key either.
/// A session read from the database is remembered for <see cref="RecentLifetime"/> (its encrypted bytes, not the
/// object), so that a page's requests do not each read it again and, above all, so that when the database goes away a
/// signed-in user still reaches the app's error page instead of a failure inside authentication (the error page is
/// authenticated too). A sign-out on this instance forgets it at once; on another instance it counts within
/// <see cref="RecentLifetime"/>. A session not remembered while the database is unreachable reads as signed out (the
/// cookie stays, and works again when the database is back).
/// </summary>
public sealed class AuthSessionStore(
    IDbContextFactory<LotgenotenDbContext> dbFactory,
    IDataProtectionProvider dataProtection,
    TimeProvider clock,
    string scheme) : ITicketStore
{
    /// <summary>A claim with the session's row id, so that an open circuit can check that its sign-in still exists.</summary>
    public const string SessionClaim = "lotgenoten:session";

    private const string Purpose = "Lotgenoten.AuthSession.Ticket.v1";

    /// <summary>How long a session read from the database is remembered by this instance.</summary>
    public static readonly TimeSpan RecentLifetime = TimeSpan.FromSeconds(30);

    private const int RecentMaxCount = 10_000;

    private readonly IDataProtector protector = dataProtection.CreateProtector(Purpose, scheme);

    private readonly ConcurrentDictionary<string, Recent> recent = new(StringComparer.Ordinal);

    private sealed record Recent(byte[] Ticket, DateTimeOffset? ExpiresAt, DateTimeOffset ReadAt);

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var key = Base64Url(RandomNumberGenerator.GetBytes(32));
        var id = Hash(key);
        if (ticket.Principal.Identity is ClaimsIdentity identity)
        {
            foreach (var old in identity.FindAll(SessionClaim).ToList())
            {
                identity.RemoveClaim(old);
            }

            identity.AddClaim(new Claim(SessionClaim, id));
        }

        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync();
        db.Set<AuthSession>().Add(new AuthSession
        {
            Id = id,
            Scheme = scheme,
            Subject = SubjectOf(ticket.Principal),
            Ticket = Protect(ticket),
            CreatedAt = now,
            ExpiresAt = ticket.Properties.ExpiresUtc,
        });
        await db.SaveChangesAsync();

        // Sessions nobody signed out of: gone once they have expired (one indexed delete per sign-in).
        await db.Set<AuthSession>().Where(s => s.ExpiresAt != null && s.ExpiresAt < now).ExecuteDeleteAsync();
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var id = Hash(key);
        var protectedTicket = Protect(ticket);
        var expires = ticket.Properties.ExpiresUtc;
        recent.TryRemove(id, out _);
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Set<AuthSession>().Where(s => s.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, protectedTicket).SetProperty(x => x.ExpiresAt, expires));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 100)
        {
            return null;
        }

        var id = Hash(key);
        var now = clock.GetUtcNow();
        if (!recent.TryGetValue(id, out var row) || now - row.ReadAt > RecentLifetime)
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync();
                row = await db.Set<AuthSession>().AsNoTracking()
                    .Where(s => s.Id == id && s.Scheme == scheme)
                    .Select(s => new Recent(s.Ticket, s.ExpiresAt, now))
                    .SingleOrDefaultAsync();
            }
            catch (Exception e) when (e is DbException or TimeoutException or InvalidOperationException { InnerException: DbException })
            {
                // The database is unreachable: a session read recently still counts (so that the error page can be
                // shown); otherwise the request is anonymous.
                return row is null || row.ExpiresAt < now ? null : Deserialize(row.Ticket);
            }

            if (row is null)
            {
                recent.TryRemove(id, out _);
                return null;
            }

            if (recent.Count >= RecentMaxCount)
            {
                recent.Clear();
            }

            recent[id] = row;
        }

        return row.ExpiresAt < now ? null : Deserialize(row.Ticket);
    }

    private AuthenticationTicket? Deserialize(byte[] protectedTicket)
    {
        try
        {
            return TicketSerializer.Default.Deserialize(protector.Unprotect(protectedTicket));
        }
        catch (CryptographicException)
        {
            return null; // a key ring without the key that made it: treat as signed out
        }
    }

    public async Task RemoveAsync(string key)
    {
        var id = Hash(key);
        recent.TryRemove(id, out _);
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Set<AuthSession>().Where(s => s.Id == id).ExecuteDeleteAsync();
    }

    /// <summary>
    /// Whether the sign-in behind <paramref name="principal"/> still exists and has not expired (false after a sign-out,
    /// an erasure or an expiry); a principal without the session claim (signed in before server sessions) counts as valid.
    /// </summary>
    public static async Task<bool> IsActiveAsync(LotgenotenDbContext db, ClaimsPrincipal principal, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(principal);
        var id = principal.FindFirstValue(SessionClaim);
        return id is null || await db.Set<AuthSession>().AnyAsync(s => s.Id == id && (s.ExpiresAt == null || s.ExpiresAt >= now), ct);
    }

    /// <summary>Ends every session of one user on every instance (erasure, a removed staff member).</summary>
    public static Task<int> RemoveAllOfAsync(LotgenotenDbContext db, string subject, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<AuthSession>().Where(s => s.Subject == subject).ExecuteDeleteAsync(ct);
    }

    private byte[] Protect(AuthenticationTicket ticket) => protector.Protect(TicketSerializer.Default.Serialize(ticket));

    private static string? SubjectOf(ClaimsPrincipal principal)
    {
        var subject = principal.FindFirstValue("http://schemas.microsoft.com/identity/claims/objectidentifier")
                      ?? principal.FindFirstValue("oid")
                      ?? principal.FindFirstValue(ClaimTypes.NameIdentifier);
        return subject is { Length: <= AuthSession.SubjectMaxLength } ? subject : null;
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Configures a cookie scheme to keep its sign-ins in the database.</summary>
    public static void Use(CookieAuthenticationOptions options, IServiceProvider services, string scheme)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        options.SessionStore = new AuthSessionStore(
            services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>(),
            services.GetRequiredService<IDataProtectionProvider>(),
            services.GetRequiredService<TimeProvider>(),
            scheme);
    }
}
