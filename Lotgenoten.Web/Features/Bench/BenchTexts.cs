namespace Lotgenoten.Web.Features.Bench;

/// <summary>Texts of the minimal benchmark page; see BenchTexts.resx.</summary>
public sealed class BenchTexts;
