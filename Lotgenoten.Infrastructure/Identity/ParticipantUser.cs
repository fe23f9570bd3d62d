using Microsoft.AspNetCore.Identity;

namespace Lotgenoten.Infrastructure.Identity;

/// <summary>
/// The local, pseudonymous account of a relative. It has a login name and a passphrase (or passkey), never a real name;
/// <see cref="IdentityUser.Email"/> stays empty: an invitation e-mail address lives, encrypted, on the referral.
/// </summary>
public sealed class ParticipantUser : IdentityUser
{
    /// <summary>Preferred UI and invite language: "nl", "fr" or "en".</summary>
    public string Language { get; set; } = "nl";
}
