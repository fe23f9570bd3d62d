using System.Globalization;
using System.Resources;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Email;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Web.Features.Safeguarding;

/// <summary>Texts of the "new concern" mail; see SafeguardingMailTexts.resx.</summary>
public sealed class SafeguardingMailTexts;

/// <summary>
/// The optional "there is a new concern" mail to the addresses in <see cref="SafeguardingOptions.NotifyEmails"/>: it says
/// only that a concern waits (in Dutch, French and English, since the recipients' language is not known) and names no
/// group, member, facilitator or text. Queued through the outbox in the caller's SaveChanges.
/// </summary>
public sealed class ConcernMail(IOutbox outbox, IOptions<SafeguardingOptions> options)
{
    /// <summary>The outbox kind of this mail.</summary>
    public const string Kind = "SafeguardingConcern";

    private static readonly ResourceManager Resources = new(typeof(SafeguardingMailTexts));
    private static readonly string[] Cultures = ["nl-BE", "fr-BE", "en"];

    /// <summary>Adds one mail per configured address to <paramref name="db"/> (not saved); none when none is configured.</summary>
    public void EnqueueNewConcern(LotgenotenDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var addresses = options.Value.NotifyEmails.Where(a => !string.IsNullOrWhiteSpace(a)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (addresses.Count == 0)
        {
            return;
        }

        var subject = Text("Mail_Subject", Cultures[0]);
        var body = string.Join("\n\n---\n\n", Cultures.Select(c => Text("Mail_Body", c)));
        foreach (var address in addresses)
        {
            outbox.Enqueue(db, new OutgoingEmail(address.Trim(), subject, body, null, Kind));
        }
    }

    private static string Text(string name, string culture) =>
        Resources.GetString(name, CultureInfo.GetCultureInfo(culture)) ?? name;
}
