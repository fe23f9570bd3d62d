using FluentValidation;

namespace Lotgenoten.Web.Components.Shared;

/// <summary>
/// Binds a FluentValidation validator to a <c>MudForm</c>: pass <see cref="ValidateValue"/> as the form's
/// <c>Validation</c> and give each field its <c>For</c>; only the rules of that one property run (MudBlazor's example).
/// </summary>
public sealed class FluentValueValidator<T>(IValidator<T> validator)
{
    public Func<object, string, Task<IEnumerable<string>>> ValidateValue => async (model, propertyName) =>
    {
        var result = await validator.ValidateAsync(ValidationContext<T>.CreateWithOptions((T)model, x => x.IncludeProperties(propertyName)));
        return result.IsValid ? [] : result.Errors.Select(e => e.ErrorMessage);
    };
}
