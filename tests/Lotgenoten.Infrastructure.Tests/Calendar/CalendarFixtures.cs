using System.Reflection;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Infrastructure.Calendar;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Infrastructure.Tests.Calendar;

/// <summary>Groups, series and a writer on a fixed clock (1 February 2026, before every meeting of the tests).</summary>
public static class CalendarFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 2, 1, 9, 30, 15, TimeSpan.Zero);

    public const string Address = "Kerkstraat 1, 2000 Antwerpen";

    public const string GroupName = "Partners Antwerpen";

    public static FakeTimeProvider Clock() => new(Now);

    public static CalendarWriter Writer(CalendarOptions? options = null) => new(Options.Create(options ?? new CalendarOptions()), Clock());

    public static PeerGroup Group(GroupFormat format = GroupFormat.InPerson) => PeerGroup.Create(
        new PeerGroupDetails(
            GroupName,
            GroupAudience.Partners,
            Language.Nl,
            format,
            format == GroupFormat.InPerson ? Region.Antwerp : null,
            format == GroupFormat.InPerson ? Address : null,
            format == GroupFormat.Online ? "https://meet.example.org/abc" : null,
            3,
            8),
        Now);

    /// <summary>Every second Tuesday at 19:00 from 3 March to 24 November 2026: across both clock changes.</summary>
    public static SeriesPlan TuesdayPlan() =>
        new(RecurrencePattern.EveryTwoWeeks, new DateOnly(2026, 3, 3), new TimeOnly(19, 0), 120, null, new DateOnly(2026, 11, 24));

    public static CalendarRecipient Recipient(string language = "nl", bool fullTitles = false, int? reminder = null) =>
        new("deelnemer@example.org", language, fullTitles, reminder);

    /// <summary>Sets a property past the domain's rules: the writer must hold even when bad text got into the database.</summary>
    public static void Force(object entity, string property, object? value)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var info = entity.GetType().GetProperty(property, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            ?? throw new ArgumentException($"No property {property}.", nameof(property));
        info.SetValue(entity, value);
    }

    public static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static string Local(DateOnly date, TimeOnly time) => date.ToDateTime(time).ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
