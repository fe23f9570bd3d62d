using System.ComponentModel.DataAnnotations;
using MailKit.Security;

namespace Lotgenoten.Infrastructure.Email;

/// <summary>
/// Options of section <c>Smtp</c>: the SMTP server and the outbox dispatcher. Without a <see cref="Host"/> nothing leaves
/// the machine: mails are written as <c>.eml</c> files into <see cref="PickupDirectory"/> (by default
/// <c>App_Data/mail-pickup</c> under the content root).
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    /// <summary>The SMTP server; empty: write to the pickup folder instead of sending.</summary>
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public SecureSocketOptions SecureSocketOptions { get; set; } = SecureSocketOptions.StartTls;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender and the ORGANIZER of invites: the portal's own address, never a person's mailbox.</summary>
    [Required]
    [EmailAddress]
    public string FromAddress { get; set; } = "agenda@lotgenoten.invalid";

    /// <summary>A neutral sender name: no organisation, no subject matter.</summary>
    [Required]
    public string FromName { get; set; } = "Agenda";

    /// <summary>Where <c>.eml</c> files go when no <see cref="Host"/> is set; relative paths are under the content root.</summary>
    public string PickupDirectory { get; set; } = Path.Combine("App_Data", "mail-pickup");

    /// <summary>Attempts before a message is marked failed.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; it doubles with every further failure, up to <see cref="BackoffMax"/>.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long a claim holds: a message whose dispatcher died is due again after it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The dispatcher's wait between two passes.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Messages claimed in one pass at most.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>Timeout of one SMTP operation.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Days after which a sent or failed message loses its recipient and content.</summary>
    [Range(0, 365)]
    public int EraseAfterDays { get; set; } = 7;

    /// <summary>Whether the background dispatcher runs (tests turn it off and call <c>DispatchDueAsync</c> themselves).</summary>
    public bool DispatcherEnabled { get; set; } = true;
}
