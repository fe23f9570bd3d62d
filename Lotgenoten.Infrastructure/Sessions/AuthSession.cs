namespace Lotgenoten.Infrastructure.Sessions;

/// <summary>
/// One signed-in browser (staff or participant), kept on the server: the cookie carries only a random key, and this
/// row holds the sign-in, encrypted. Signing out deletes the row, so a copied cookie stops working at once and on every
/// instance; an expired row is deleted by the next sign-in.
/// </summary>
public sealed class AuthSession
{
    public const int IdLength = 64;
    public const int SchemeMaxLength = 64;
    public const int SubjectMaxLength = 128;

    /// <summary>Hex SHA-256 of the key in the cookie (the key itself is never stored).</summary>
    public required string Id { get; init; }

    /// <summary>The authentication scheme (staff or participant cookie).</summary>
    public required string Scheme { get; init; }

    /// <summary>The user's id (a staff object id or a participant account id), to end every session of one user.</summary>
    public string? Subject { get; set; }

    /// <summary>The authentication ticket, serialized and encrypted with Data Protection.</summary>
    public required byte[] Ticket { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the ticket expires (sliding expiration moves it); null for a ticket without end.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}
