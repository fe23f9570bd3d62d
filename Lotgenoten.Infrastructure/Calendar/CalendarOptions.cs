using System.ComponentModel.DataAnnotations;

namespace Lotgenoten.Infrastructure.Calendar;

/// <summary>
/// Settings of the calendar objects the portal writes (section <c>Calendar</c>). Every value shows in the raw invite
/// file, so keep them neutral: no organisation name, no subject matter.
/// </summary>
public sealed class CalendarOptions
{
    public const string Section = "Calendar";

    /// <summary>The portal's own address: the ORGANIZER of every invite (never a person's mailbox).</summary>
    [Required]
    [EmailAddress]
    [MaxLength(254)]
    public string OrganizerEmail { get; set; } = "agenda@lotgenoten.invalid";

    /// <summary>A display name (CN) for the organiser; none by default, so calendars show only the address.</summary>
    [MaxLength(100)]
    public string? OrganizerName { get; set; }

    /// <summary>The right-hand side of every UID (<c>series-{id}@{UidDomain}</c>); never change it once invites went out.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9.-]{1,200}$")]
    public string UidDomain { get; set; } = "lotgenoten.invalid";

    /// <summary>The PRODID of every calendar object.</summary>
    [Required]
    [RegularExpression("^[\\x20-\\x7E]{1,200}$")]
    public string ProductId { get; set; } = "-//Agenda//NONSGML Agenda//EN";
}
