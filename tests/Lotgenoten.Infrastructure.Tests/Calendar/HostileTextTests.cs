using System.Text;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Infrastructure.Calendar;
using static Lotgenoten.Infrastructure.Tests.Calendar.CalendarFixtures;

namespace Lotgenoten.Infrastructure.Tests.Calendar;

/// <summary>
/// Text a person typed (address, theme, group name) with line breaks, NUL, U+2028, emoji at the fold and 2,000
/// characters: it never creates a property, and it round-trips as UTF-8 without U+FFFD in both parsers.
/// </summary>
public sealed class HostileTextTests
{
    private const string Emoji = "\U0001F600";

    /// <summary>Hostile text and what it must read as once written (line breaks become ", " in an address, a space elsewhere).</summary>
    public static TheoryData<string, string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var parser in CalendarParsers.Names)
        {
            data.Add(parser, "crlf-attendee", "Straat 1\r\nATTENDEE:mailto:x@y", "Straat 1{sep}ATTENDEE:mailto:x@y");
            data.Add(parser, "cr", "Straat 1\rEND:VEVENT", "Straat 1{sep}END:VEVENT");
            data.Add(parser, "lf", "Straat 1\nBEGIN:VALARM", "Straat 1{sep}BEGIN:VALARM");
            data.Add(parser, "nul", "Straat\0 1\u0001\u001F\u007F\u0085x\u009F", "Straat 1{sep}x");
            data.Add(parser, "u2028", "Straat 1\u2028ATTENDEE:mailto:x@y\u2029DTSTART:20000101T000000Z", "Straat 1{sep}ATTENDEE:mailto:x@y{sep}DTSTART:20000101T000000Z");
            data.Add(parser, "escapes", "a;b,c\\d:e\"f", "a;b,c\\d:e\"f");
            // LOCATION: is 9 octets; 64 more put the emoji's 4 octets across the 75-octet fold.
            data.Add(parser, "emoji-at-fold", new string('x', 64) + Emoji + "é" + Emoji + "👨‍👩‍👧", new string('x', 64) + Emoji + "é" + Emoji + "👨‍👩‍👧");
            data.Add(parser, "2000", string.Concat(Enumerable.Repeat("é" + Emoji + "ab\r\n", 400)), string.Join("{sep}", Enumerable.Repeat("é" + Emoji + "ab", 400)));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task SeriesInvite_HostileAddressThemeAndGroupName_NoNewPropertyAndExactRoundTrip(string parser, string name, string hostile, string expected)
    {
        _ = name;
        var (benign, benignSeries, benignMeetings) = Planned("Straat 1", "Thema", "Groep");
        var (group, series, meetings) = Planned(hostile, hostile, hostile);
        var recipient = new CalendarRecipient("deelnemer@example.org", "nl", FullTitles: true, ReminderMinutes: 60, IncludeGroupName: true);

        var writer = Writer();
        var documents = new[]
        {
            (writer.SeriesInvite(benign, benignSeries, benignMeetings, recipient), writer.SeriesInvite(group, series, meetings, recipient)),
            (writer.MeetingUpdate(benign, benignSeries, benignMeetings[0], recipient), writer.MeetingUpdate(group, series, meetings[0], recipient)),
            (writer.Feed([new FeedGroup(benign, [benignSeries], benignMeetings)], recipient), writer.Feed([new FeedGroup(group, [series], meetings)], recipient)),
        };

        var all = await CalendarParsers.ParseManyAsync(parser, [.. documents.SelectMany(d => new[] { d.Item1.Content, d.Item2.Content })]);
        for (var i = 0; i < documents.Length; i++)
        {
            CalendarAssertions.WellFormedBytes(documents[i].Item2.Content);
            var expectedParsed = all[2 * i];
            var parsed = all[(2 * i) + 1];

            Shape(parsed.Root).ShouldBe(Shape(expectedParsed.Root));
            parsed.AllProperties().Count(p => p.Name == "ATTENDEE").ShouldBe(expectedParsed.AllProperties().Count(p => p.Name == "ATTENDEE"));
            var events = parsed.All("VEVENT");
            events.ShouldAllBe(e => e.Value("LOCATION") == expected.Replace("{sep}", ", ", StringComparison.Ordinal));
            var title = "Lotgenotengroep " + expected.Replace("{sep}", " ", StringComparison.Ordinal);
            events[0].Value("SUMMARY").ShouldBe(events.Count == 1 && events[0].Named("RECURRENCE-ID").Count == 1 ? title + ": " + expected.Replace("{sep}", " ", StringComparison.Ordinal) : title);
            parsed.AllProperties().SelectMany(p => p.Values).ShouldAllBe(v => v == null || !v.Contains('\uFFFD'));
            parsed.AllProperties().SelectMany(p => p.Values).ShouldAllBe(v => v == null || !v.Any(c => char.IsControl(c) || c == '\u2028' || c == '\u2029'));
        }
    }

    [Fact]
    public void Fold_EmojiAcrossTheFold_LinesAtMost75OctetsAndNoSequenceSplit()
    {
        for (var padding = 55; padding < 80; padding++)
        {
            var (group, series, meetings) = Planned(new string('x', padding) + Emoji + Emoji + "é", null, "Groep");

            var bytes = Writer().SeriesInvite(group, series, meetings, Recipient()).Content;

            CalendarAssertions.WellFormedBytes(bytes);
            Unfold(bytes).ShouldContain($"\r\nLOCATION:{new string('x', padding)}{Emoji}{Emoji}é\r\n");
        }
    }

    private static string Unfold(byte[] bytes) => Encoding.UTF8.GetString(bytes).Replace("\r\n ", string.Empty, StringComparison.Ordinal);

    private static (PeerGroup Group, Domain.Meetings.MeetingSeries Series, IReadOnlyList<Domain.Meetings.Meeting> Meetings) Planned(string address, string? theme, string name)
    {
        var group = Group();
        var (series, meetings) = group.PlanSeries(TuesdayPlan(), Now);
        Force(group, nameof(PeerGroup.Address), address);
        Force(group, nameof(PeerGroup.Name), name);
        Force(meetings[0], nameof(Domain.Meetings.Meeting.Theme), theme);
        return (group, series, meetings);
    }

    /// <summary>The names of every component and property, in order: what a parser saw, without the values.</summary>
    private static List<string> Shape(ParsedComponent component) =>
        [$"BEGIN:{component.Name}", .. component.Properties.Select(p => p.Name), .. component.Components.SelectMany(Shape), $"END:{component.Name}"];
}
