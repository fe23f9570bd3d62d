using System.Globalization;
using Lotgenoten.Domain.Attendance;
using Lotgenoten.Web.Features.Meetings;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Web.Tests.Features.Meetings;

/// <summary>The planner's answer summary in each language, read from the app's own resources.</summary>
public sealed class PlannerAnswerSummaryTests
{
    private static readonly IStringLocalizer<PlannerTexts> Texts = new StringLocalizer<PlannerTexts>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    [Theory]
    [InlineData("nl-BE", 0, 0, "Nog geen antwoorden")]
    [InlineData("nl-BE", 1, 0, "1 komt")]
    [InlineData("nl-BE", 3, 0, "3 komen")]
    [InlineData("nl-BE", 0, 1, "1 kan niet komen")]
    [InlineData("nl-BE", 0, 2, "2 kunnen niet komen")]
    [InlineData("nl-BE", 1, 1, "1 komt · 1 kan niet komen")]
    [InlineData("nl-BE", 4, 2, "4 komen · 2 kunnen niet komen")]
    [InlineData("fr-BE", 1, 2, "1 vient · 2 ne peuvent pas venir")]
    [InlineData("fr-BE", 2, 1, "2 viennent · 1 ne peut pas venir")]
    [InlineData("en", 1, 2, "1 is coming · 2 can't come")]
    [InlineData("en", 5, 0, "5 are coming")]
    public void Text_Counts_GrammaticalInEachLanguage(string culture, int coming, int cantCome, string expected)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            var answers = Enumerable.Repeat(RsvpAnswer.Coming, coming).Concat(Enumerable.Repeat(RsvpAnswer.CantCome, cantCome));

            PlannerAnswerSummary.Text(Texts, answers).ShouldBe(expected);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
