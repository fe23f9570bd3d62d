using Microsoft.Extensions.Localization;

namespace Lotgenoten.Web.Components.Shared;

/// <summary>
/// The names of the domain's values (relation, concern, region, status, weekday…) in the user's language, one table for
/// the whole portal: key <c>{EnumType}_{Value}</c> in EnumTexts.resx. Inject <c>IStringLocalizer&lt;EnumTexts&gt;</c>
/// and call <see cref="EnumTextsExtensions.Name{T}"/>.
/// </summary>
public sealed class EnumTexts;

public static class EnumTextsExtensions
{
    /// <summary>The display name of <paramref name="value"/>; the value's code name when no text exists.</summary>
    public static string Name<T>(this IStringLocalizer<EnumTexts> texts, T value)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(texts);
        var text = texts[$"{typeof(T).Name}_{value}"];
        return text.ResourceNotFound ? value.ToString() : text.Value;
    }

    /// <summary>The display name of <paramref name="value"/>, or <paramref name="none"/> when it is null.</summary>
    public static string Name<T>(this IStringLocalizer<EnumTexts> texts, T? value, string none)
        where T : struct, Enum =>
        value is { } v ? texts.Name(v) : none;

    /// <summary>The short name of a weekday (ma, di, …).</summary>
    public static string ShortDay(this IStringLocalizer<EnumTexts> texts, DayOfWeek day)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts[$"DayShort_{day}"];
    }
}
