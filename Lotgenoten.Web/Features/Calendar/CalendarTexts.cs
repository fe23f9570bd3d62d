namespace Lotgenoten.Web.Features.Calendar;

/// <summary>Texts of the "Mijn agenda" page; see CalendarTexts.resx.</summary>
public sealed class CalendarTexts;
