using Microsoft.AspNetCore.Identity;

namespace Lotgenoten.Infrastructure.Identity;

/// <summary>
/// The ASP.NET Core Identity table layout the migrations were made with. Identity reads it from
/// <see cref="StoreOptions.SchemaVersion"/> when it builds the EF model, so it is pinned here (at run time and design time)
/// rather than left to whoever configures Identity: a different value would make the model differ from the migrations.
/// </summary>
public static class IdentitySchema
{
    /// <summary>Version 3: users, roles, claims, logins, tokens and passkeys.</summary>
    public static Version Version => IdentitySchemaVersions.Version3;

    internal static void Pin(IdentityOptions options) => options.Stores.SchemaVersion = Version;
}
