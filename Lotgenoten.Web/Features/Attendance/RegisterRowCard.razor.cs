using Lotgenoten.Domain.Attendance;
using Lotgenoten.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lotgenoten.Web.Features.Attendance;

/// <summary>One member in the register: pseudonym, answer and message, four large buttons, and what the last tap did.</summary>
public partial class RegisterRowCard
{
    private static readonly AttendanceStatus[] Statuses = [AttendanceStatus.Present, AttendanceStatus.Late, AttendanceStatus.Excused, AttendanceStatus.Absent];

    /// <summary>The member shown.</summary>
    [Parameter, EditorRequired]
    public RegisterRow Row { get; set; } = default!;

    /// <summary>Whether the caller may record now (the group's facilitator, from the day of the meeting).</summary>
    [Parameter]
    public bool CanRecord { get; set; }

    /// <summary>A tap of this row is being saved.</summary>
    [Parameter]
    public bool Saving { get; set; }

    /// <summary>The last tap of this row was saved.</summary>
    [Parameter]
    public bool Saved { get; set; }

    /// <summary>The other person's change that stopped the last tap, if any.</summary>
    [Parameter]
    public AttendanceResult? Conflict { get; set; }

    /// <summary>What the last tap asked for (to offer "use mine").</summary>
    [Parameter]
    public AttendanceStatus? Wanted { get; set; }

    /// <summary>Why the last tap was refused, if it was.</summary>
    [Parameter]
    public string? Error { get; set; }

    /// <summary>A status button was tapped.</summary>
    [Parameter]
    public EventCallback<(RegisterRow Row, AttendanceStatus Status)> OnMark { get; set; }

    /// <summary>Overwrite the other person's value knowingly.</summary>
    [Parameter]
    public EventCallback OnUseMine { get; set; }

    /// <summary>Keep the other person's value.</summary>
    [Parameter]
    public EventCallback OnKeepTheirs { get; set; }

    private string Name => Row.Pseudonym ?? T["Erased_Member"];

    private string Label => Row.Shown is { } shown ? $"{Name}: {Names.Name(shown)}" : $"{Name}: {T["Summary_NotYet"]}";

    internal static Color ColorOf(AttendanceStatus status) => status switch
    {
        AttendanceStatus.Present => Color.Success,
        AttendanceStatus.Late => Color.Info,
        AttendanceStatus.Excused => Color.Secondary,
        _ => Color.Error,
    };

    internal static string IconOf(AttendanceStatus status) => status switch
    {
        AttendanceStatus.Present => Icons.Material.Outlined.CheckCircle,
        AttendanceStatus.Late => Icons.Material.Outlined.Schedule,
        AttendanceStatus.Excused => Icons.Material.Outlined.EventBusy,
        _ => Icons.Material.Outlined.PersonOff,
    };
}
