namespace Lotgenoten.Web.Features.Home;

/// <summary>Texts of the landing page and the staff home; see HomeTexts.resx.</summary>
public sealed class HomeTexts;
