namespace Lotgenoten.Web.Features.Passkeys;

/// <summary>A form model that only carries the browser's credential JSON (PasskeySubmit's hidden field).</summary>
public sealed class PasskeyCredentialInput
{
    public string? CredentialJson { get; set; }
}
