using Lotgenoten.Domain.Common;

namespace Lotgenoten.Domain.Staff;

/// <summary>
/// A member of staff as the portal knows them: their Entra object id and display name, kept so that groups can name
/// their facilitators. Roles are not stored here: they come from the sign-in token on every request.
/// </summary>
public sealed class StaffMember
{
    public const int ObjectIdMaxLength = 64;
    public const int DisplayNameMaxLength = 100;

    private StaffMember()
    {
        ObjectId = string.Empty;
        DisplayName = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>The Entra <c>oid</c> claim: stable across sign-ins and renames.</summary>
    public string ObjectId { get; private set; }

    public string DisplayName { get; private set; }

    /// <summary>False once the person has left; they can no longer be assigned.</summary>
    public bool IsActive { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? LastSignInAt { get; private set; }

    public static StaffMember Create(string objectId, string displayName, DateTimeOffset now) => new()
    {
        Id = Ids.New(now),
        ObjectId = Text.Required(objectId, ObjectIdMaxLength, "staff.object-id"),
        DisplayName = Text.Required(displayName, DisplayNameMaxLength, "staff.display-name"),
        IsActive = true,
        CreatedAt = now,
    };

    /// <summary>Called at each sign-in: keeps the display name current.</summary>
    public void RecordSignIn(string displayName, DateTimeOffset now)
    {
        DisplayName = Text.Required(displayName, DisplayNameMaxLength, "staff.display-name");
        LastSignInAt = now;
        IsActive = true;
    }

    public void Deactivate() => IsActive = false;
}
