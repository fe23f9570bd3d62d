namespace Lotgenoten.Web.Features.Passkeys;

/// <summary>Texts of passkeys (the passkey button, the sign-in option, the passkeys card); see PasskeyTexts.resx.</summary>
public sealed class PasskeyTexts;
