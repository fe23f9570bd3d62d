using System.ComponentModel.DataAnnotations;

namespace Lotgenoten.Web.Features.Safeguarding;

/// <summary>Configuration section <c>Safeguarding</c>.</summary>
public sealed class SafeguardingOptions
{
    public const string Section = "Safeguarding";

    /// <summary>
    /// Addresses (e.g. the coordinators' shared mailbox) that get a content-free "there is a new concern" mail when a note
    /// is flagged; empty (the default) sends nothing. The mail names no group, no member and no text.
    /// </summary>
    [MaxLength(20)]
    public IList<string> NotifyEmails { get; } = [];
}
