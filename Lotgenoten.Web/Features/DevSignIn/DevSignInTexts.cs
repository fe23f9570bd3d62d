namespace Lotgenoten.Web.Features.DevSignIn;

/// <summary>Texts of the development sign-in page; see DevSignInTexts.resx.</summary>
public sealed class DevSignInTexts;
