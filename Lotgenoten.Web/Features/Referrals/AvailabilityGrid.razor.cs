using Lotgenoten.Domain.Referrals;
using Lotgenoten.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace Lotgenoten.Web.Features.Referrals;

/// <summary>
/// A reusable weekday × part-of-day input (7 rows × 3 columns of checkboxes, each named e.g. "dinsdag avond"), with quick
/// picks ("alle avonden", "weekdagen overdag", "wissen"). Bind it with <c>@bind-Value</c>; it fits a 360 px screen.
/// </summary>
public partial class AvailabilityGrid
{
    private static readonly DayPart[] Parts = Enum.GetValues<DayPart>();
    private static readonly DayOfWeek[] Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private readonly string _errorId = $"availability-error-{Guid.NewGuid():N}";

    /// <summary>The chosen slots.</summary>
    [Parameter]
    public WeeklyAvailability Value { get; set; }

    /// <summary>Raised with the new value whenever a slot or a quick pick changes it.</summary>
    [Parameter]
    public EventCallback<WeeklyAvailability> ValueChanged { get; set; }

    /// <summary>Shows the slots without letting them change (and without the quick picks).</summary>
    [Parameter]
    public bool ReadOnly { get; set; }

    /// <summary>The accessible name of the whole grid; "Beschikbaarheid per dag en dagdeel" when not given.</summary>
    [Parameter]
    public string? Label { get; set; }

    /// <summary>A message to show under the grid (e.g. "choose at least one time"); none when null.</summary>
    [Parameter]
    public string? ErrorText { get; set; }

    private bool HasError => !string.IsNullOrEmpty(ErrorText);

    private string SlotName(AvailabilitySlot slot) => T["Grid_Slot", E.Name(slot.Day), E.Name(slot.Part)];

    private Task ToggleAsync(AvailabilitySlot slot, bool chosen) =>
        SetAsync(chosen ? Value.With(slot) : Value.Without(slot));

    private Task AllEveningsAsync() =>
        SetAsync(WeeklyAvailability.Of(WeeklyAvailability.MondayFirst.Select(d => new AvailabilitySlot(d, DayPart.Evening))).Mask | Value.Mask);

    private Task WeekdaysAsync() =>
        SetAsync(WeeklyAvailability.Of(Weekdays.SelectMany(d => new[] { new AvailabilitySlot(d, DayPart.Morning), new AvailabilitySlot(d, DayPart.Afternoon) })).Mask
                 | Value.Mask);

    private Task ClearAsync() => SetAsync(WeeklyAvailability.None);

    private Task SetAsync(int mask) => SetAsync(new WeeklyAvailability(mask));

    private async Task SetAsync(WeeklyAvailability value)
    {
        if (ReadOnly || value == Value)
        {
            return;
        }

        Value = value;
        await ValueChanged.InvokeAsync(value);
    }
}
