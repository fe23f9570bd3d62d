namespace Lotgenoten.Infrastructure.Email;

/// <summary>What counts as one e-mail address here, and its comparison form for blind indexes.</summary>
public static class EmailAddress
{
    public const int MaxLength = OutboxMessage.AddressMaxLength;

    /// <summary>Exactly one plain mailbox (no display name, no list, no line break or control character).</summary>
    public static bool IsValid(string? value)
    {
        try
        {
            Outbox.ValidAddress(value);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The form that blind indexes hash: trimmed and lower-cased (invariant).</summary>
    public static string Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Trim().ToLowerInvariant();
    }
}
