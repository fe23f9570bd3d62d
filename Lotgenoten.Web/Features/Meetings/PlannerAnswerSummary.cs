using Lotgenoten.Domain.Attendance;
using Microsoft.Extensions.Localization;

namespace Lotgenoten.Web.Features.Meetings;

/// <summary>
/// The planner's one-line summary of the answers to a meeting ("3 komen · 1 kan niet komen"): singular and plural each
/// have their own text, and a part with nobody in it is left out (so no language needs a form for zero).
/// </summary>
public static class PlannerAnswerSummary
{
    /// <summary>The summary of <paramref name="answers"/>; "no answers yet" when there are none.</summary>
    public static string Text(IStringLocalizer<PlannerTexts> texts, IEnumerable<RsvpAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(answers);
        var list = answers.ToList();
        var coming = list.Count(a => a == RsvpAnswer.Coming);
        var cantCome = list.Count(a => a == RsvpAnswer.CantCome);
        if (coming == 0 && cantCome == 0)
        {
            return texts["Answers_None"];
        }

        var parts = new List<string>(2);
        if (coming > 0)
        {
            parts.Add(texts[coming == 1 ? "Answers_Count_Coming_One" : "Answers_Count_Coming_Many", coming]);
        }

        if (cantCome > 0)
        {
            parts.Add(texts[cantCome == 1 ? "Answers_Count_CantCome_One" : "Answers_Count_CantCome_Many", cantCome]);
        }

        return string.Join(" · ", parts);
    }
}
