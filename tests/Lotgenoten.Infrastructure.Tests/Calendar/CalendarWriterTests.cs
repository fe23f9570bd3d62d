using System.Text;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Infrastructure.Calendar;
using static Lotgenoten.Infrastructure.Tests.Calendar.CalendarFixtures;

namespace Lotgenoten.Infrastructure.Tests.Calendar;

/// <summary>Every kind of output, read back by ical.js and by python3-icalendar inside the test run.</summary>
public sealed class CalendarWriterTests
{
    public static TheoryData<string> Parsers => new(CalendarParsers.Names);

    [Theory]
    [MemberData(nameof(Parsers))]
    public async Task SeriesInvite_TuesdayEveryTwoWeeksAcrossBothClockChanges_EveryOccurrenceAt1900Brussels(string parser)
    {
        var group = Group();
        var (series, meetings) = group.PlanSeries(TuesdayPlan(), Now);

        var document = Writer().SeriesInvite(group, series, meetings, Recipient());
        var parsed = await CalendarParsers.ParseAsync(parser, document.Content);

        document.Method.ShouldBe(CalendarMethod.Request);
        var dates = series.Dates();
        dates.Count.ShouldBe(20);
        parsed.Occurrences.Select(o => o.Start).ShouldBe(dates.Select(d => Local(d, new TimeOnly(19, 0))));
        parsed.Occurrences.Select(o => o.End).ShouldBe(dates.Select(d => Local(d, new TimeOnly(21, 0))));
        parsed.Occurrences.Select(o => o.StartUtc).ShouldBe(dates.Select(d => Utc(BrusselsTime.ToUtc(d.ToDateTime(new TimeOnly(19, 0))))));
        parsed.Occurrences.ShouldAllBe(o => o.Tzid == "Europe/Brussels" && o.Uid == $"series-{series.Id:D}@lotgenoten.invalid");
        // Both offsets happen: winter (18:00 UTC) in March and November, summer (17:00 UTC) in between.
        parsed.Occurrences[0].StartUtc.ShouldBe("2026-03-03T18:00:00Z");
        parsed.Occurrences[4].StartUtc.ShouldBe("2026-04-28T17:00:00Z");
        parsed.Occurrences[^1].StartUtc.ShouldBe("2026-11-24T18:00:00Z");

        parsed.Root.Value("METHOD").ShouldBe("REQUEST");
        parsed.Root.Value("PRODID").ShouldBe("-//Agenda//NONSGML Agenda//EN");
        parsed.Root.Components.Select(c => c.Name).ShouldBe(["VTIMEZONE", "VEVENT"]);
        var timezone = parsed.All("VTIMEZONE").ShouldHaveSingleItem();
        timezone.Value("TZID").ShouldBe("Europe/Brussels");
        timezone.Components.Select(c => c.Name).Order().ShouldBe(["DAYLIGHT", "STANDARD"]);
        var evt = parsed.All("VEVENT").ShouldHaveSingleItem();
        evt.Value("UID").ShouldBe($"series-{series.Id:D}@lotgenoten.invalid");
        evt.Value("SEQUENCE").ShouldBe("0");
        evt.Value("SUMMARY").ShouldBe("Afspraak");
        evt.Value("LOCATION").ShouldBe(Address);
        evt.Value("CLASS").ShouldBe("PRIVATE");
        evt.Value("DTSTAMP").ShouldBe("2026-02-01T09:30:15Z");
        evt.Named("DTSTART").ShouldHaveSingleItem().Parameters["TZID"].ShouldBe("Europe/Brussels");
        evt.Value("RRULE")!.Split(';').Order().ShouldBe(["FREQ=WEEKLY", "INTERVAL=2", "UNTIL=20261124T225959Z"]);
        evt.Value("ORGANIZER").ShouldBe("mailto:agenda@lotgenoten.invalid");
        var attendee = parsed.AllProperties().Where(p => p.Name == "ATTENDEE").ShouldHaveSingleItem();
        attendee.Values.ShouldBe(["mailto:deelnemer@example.org"]);
        attendee.Parameters.ContainsKey("CN").ShouldBeFalse();
        parsed.All("VALARM").ShouldBeEmpty();
        parsed.AllProperties().Where(p => p.Name == "EXDATE").ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Parsers))]
    public async Task SeriesInvite_SkippedMovedAndCancelledOccurrences_ExdateAndOverride(string parser)
    {
        var group = Group();
        var plan = new SeriesPlan(RecurrencePattern.Weekly, new DateOnly(2026, 3, 3), new TimeOnly(19, 0), 90, 6, null, [new DateOnly(2026, 3, 10)]);
        var (series, meetings) = group.PlanSeries(plan, Now);
        var moved = meetings.Single(m => m.Date == new DateOnly(2026, 3, 17));
        moved.Move(new DateTime(2026, 3, 18, 20, 0, 0), 90, Now);
        var cancelled = meetings.Single(m => m.Date == new DateOnly(2026, 3, 31));
        cancelled.Cancel(Now);

        var parsed = await CalendarParsers.ParseAsync(parser, Writer().SeriesInvite(group, series, meetings, Recipient()).Content);

        parsed.Occurrences.Select(o => (o.RecurrenceId, o.Start)).ShouldBe(
        [
            ("2026-03-03T19:00:00", "2026-03-03T19:00:00"),
            ("2026-03-17T19:00:00", "2026-03-18T20:00:00"),
            ("2026-03-24T19:00:00", "2026-03-24T19:00:00"),
            ("2026-04-07T19:00:00", "2026-04-07T19:00:00"),
        ]);
        parsed.Occurrences[1].StartUtc.ShouldBe("2026-03-18T19:00:00Z");
        parsed.Occurrences[1].Sequence.ShouldBe("1");
        var events = parsed.All("VEVENT");
        events.Count.ShouldBe(2);
        events[0].Value("RRULE")!.Split(';').Order().ShouldBe(["COUNT=6", "FREQ=WEEKLY"]);
        events[0].Named("EXDATE").SelectMany(p => p.Values).Order().ShouldBe(["2026-03-10T19:00:00", "2026-03-31T19:00:00"]);
        events[1].Value("RECURRENCE-ID").ShouldBe("2026-03-17T19:00:00");
        events[1].Value("UID").ShouldBe(events[0].Value("UID"));
        events[1].Value("SEQUENCE").ShouldBe("1");
        parsed.AllProperties().Count(p => p.Name == "ATTENDEE").ShouldBe(2); // one per VEVENT, the same recipient
        parsed.AllProperties().Where(p => p.Name == "ATTENDEE").ShouldAllBe(p => p.Values[0] == "mailto:deelnemer@example.org");
    }

    [Theory]
    [MemberData(nameof(Parsers))]
    public async Task SeriesInvite_MonthlyByWeekday_RuleAndDatesMatchTheDomain(string parser)
    {
        var group = Group();
        var second = group.PlanSeries(new SeriesPlan(RecurrencePattern.MonthlyByWeekday, new DateOnly(2026, 3, 10), new TimeOnly(19, 0), 120, 9, null), Now).Series;
        var last = group.PlanSeries(new SeriesPlan(RecurrencePattern.MonthlyByWeekday, new DateOnly(2026, 3, 31), new TimeOnly(19, 0), 120, 9, null), Now).Series;

        foreach (var (series, byDay) in new[] { (second, "BYDAY=2TU"), (last, "BYDAY=-1TU") })
        {
            var parsed = await CalendarParsers.ParseAsync(parser, Writer().SeriesInvite(group, series, [], Recipient()).Content);

            parsed.All("VEVENT").ShouldHaveSingleItem().Value("RRULE")!.Split(';').Order().ShouldBe(new[] { "COUNT=9", byDay, "FREQ=MONTHLY" }.Order());
            parsed.Occurrences.Select(o => o.Start).ShouldBe(series.Dates().Select(d => Local(d, new TimeOnly(19, 0))));
        }
    }

    [Theory]
    [MemberData(nameof(Parsers))]
    public async Task MeetingUpdate_MovedOccurrence_RequestWithRecurrenceIdAndHigherSequence(string parser)
    {
        var group = Group();
        var (series, meetings) = group.PlanSeries(TuesdayPlan(), Now);
        var meeting = meetings[2];
        meeting.Move(new DateTime(2026, 4, 1, 18, 30, 0), 120, Now);

        var document = Writer().MeetingUpdate(group, series, meeting, Recipient());
        var parsed = await CalendarParsers.ParseAsync(parser, document.Content);

        document.Method.ShouldBe(CalendarMethod.Request);
        parsed.Root.Value("METHOD").ShouldBe("REQUEST");
        var evt = parsed.All("VEVENT").ShouldHaveSingleItem();
        evt.Value("UID").ShouldBe($"series-{series.Id:D}@lotgenoten.invalid");
        evt.Value("RECURRENCE-ID").ShouldBe("2026-03-31T19:00:00");
        evt.Named("RECURRENCE-ID").Single().Parameters["TZID"].ShouldBe("Europe/Brussels");
        evt.Value("SEQUENCE").ShouldBe("1");
        evt.Value("DTSTART").ShouldBe("2026-04-01T18:30:00");
        evt.Value("STATUS").ShouldBe("CONFIRMED");
        evt.Named("RRULE").ShouldBeEmpty();
        parsed.AllProperties().Count(p => p.Name == "ATTENDEE").ShouldBe(1);
        parsed.Occurrences.ShouldHaveSingleItem().StartUtc.ShouldBe("2026-04-01T16:30:00Z");
    }

    [Theory]
    [MemberData(nameof(Parsers))]
    public async Task MeetingCancel_Occurrence_CancelWithRecurrenceIdAndStatusCancelled(string parser)
    {
        var group = Group();
        var (series, meetings) = group.PlanSeries(TuesdayPlan(), Now);
        var meeting = meetings[5];
        meeting.Cancel(Now);

        var document = Writer().MeetingCancel(group, series, meeting, Recipient(reminder: 60));
        var parsed = await CalendarParsers.ParseAsync(parser, document.Content);

        document.Method.ShouldBe(CalendarMethod.Cancel);
        parsed.Root.Value("METHOD").ShouldBe("CANCEL");
        var evt = parsed.All("VEVENT").ShouldHaveSingleItem();
        evt.Value("UID").ShouldBe($"series-{series.Id:D}@lotgenoten.invalid");
        evt.Value("RECURRENCE-ID").ShouldBe("2026-05-12T19:00:00");
        evt.Value("STATUS").ShouldBe("CANCELLED");
        evt.Value("SEQUENCE").ShouldBe("1");
        parsed.All("VALARM").ShouldBeEmpty();
        parsed.AllProperties().Where(p => p.Name == "ATTENDEE").ShouldHaveSingleItem().Values.ShouldBe(["mailto:deelnemer@example.org"]);
    }

    [Theory]
    [MemberData(nameof(Parsers))]
    public async Task SeriesCancel_CancelledSeries_CancelOfTheWholeEvent(string parser)
    {
        var group = Group();
        var (series, meetings) = group.PlanSeries(TuesdayPlan(), Now);
        series.Cancel(meetings, Now);

        var document = Writer().SeriesCancel(group, series, Recipient());
        var parsed = await CalendarParsers.ParseAsync(parser, document.Content);

        document.Method.ShouldBe(CalendarMethod.Cancel);
        parsed.Root.Value("METHOD").ShouldBe("CANCEL");
        var evt = parsed.All("VEVENT").ShouldHaveSingleItem();
        evt.Value("UID").ShouldBe($"series-{series.Id:D}@lotgenoten.invalid");
        evt.Value("STATUS").ShouldBe("CANCELLED");
        evt.Value("SEQUENCE").ShouldBe("1");
        evt.Named("RECURRENCE-ID").ShouldBeEmpty();
        parsed.AllProperties().Count(p => p.Name == "ATTENDEE").ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Parsers))]
    public async Task MeetingUpdateAndCancel_MeetingOfItsOwn_OwnUidWithoutRecurrenceId(string parser)
    {
        var group = Group(GroupFormat.Online);
        var meeting = group.ScheduleMeeting(new DateTime(2026, 10, 25, 19, 0, 0), 60, "Thema", Now);

        var invite = await CalendarParsers.ParseAsync(parser, Writer().MeetingUpdate(group, null, meeting, Recipient("en")).Content);
        meeting.Cancel(Now);
        var cancel = await CalendarParsers.ParseAsync(parser, Writer().MeetingCancel(group, null, meeting, Recipient("en")).Content);

        var uid = $"meeting-{meeting.Id:D}@lotgenoten.invalid";
        var evt = invite.All("VEVENT").ShouldHaveSingleItem();
        evt.Value("UID").ShouldBe(uid);
        evt.Value("SUMMARY").ShouldBe("Appointment");
        evt.Value("LOCATION").ShouldBe("https://meet.example.org/abc");
        evt.Value("SEQUENCE").ShouldBe("0");
        evt.Named("RECURRENCE-ID").ShouldBeEmpty();
        invite.Root.Value("METHOD").ShouldBe("REQUEST");
        invite.Occurrences.ShouldHaveSingleItem().StartUtc.ShouldBe("2026-10-25T18:00:00Z");
        var cancelled = cancel.All("VEVENT").ShouldHaveSingleItem();
        cancel.Root.Value("METHOD").ShouldBe("CANCEL");
        cancelled.Value("UID").ShouldBe(uid);
        cancelled.Value("STATUS").ShouldBe("CANCELLED");
        cancelled.Value("SEQUENCE").ShouldBe("1");
        cancel.AllProperties().Count(p => p.Name == "ATTENDEE").ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Parsers))]
    public async Task SingleMeeting_OccurrenceOfASeriesAfterTheSpringClockChange_OneEventOfItsOwnAt1900Brussels(string parser)
    {
        var group = Group();
        var (_, meetings) = group.PlanSeries(TuesdayPlan(), Now);
        var meeting = meetings[2]; // Tuesday 31 March 2026, two days into summer time

        var document = Writer().SingleMeeting(group, meeting, new CalendarRecipient(null, "nl", ReminderMinutes: 60));
        var parsed = await CalendarParsers.ParseAsync(parser, document.Content);

        CalendarAssertions.WellFormedBytes(document.Content);
        document.Method.ShouldBe(CalendarMethod.Publish);
        parsed.Root.Named("METHOD").ShouldBeEmpty();
        parsed.All("VTIMEZONE").ShouldHaveSingleItem().Value("TZID").ShouldBe("Europe/Brussels");
        var evt = parsed.All("VEVENT").ShouldHaveSingleItem();
        evt.Value("UID").ShouldBe($"meeting-{meeting.Id:D}@lotgenoten.invalid");
        evt.Value("DTSTART").ShouldBe("2026-03-31T19:00:00");
        evt.Named("DTSTART").Single().Parameters["TZID"].ShouldBe("Europe/Brussels");
        evt.Value("DTEND").ShouldBe("2026-03-31T21:00:00");
        evt.Value("SUMMARY").ShouldBe("Afspraak");
        evt.Value("LOCATION").ShouldBe(Address);
        evt.Value("CLASS").ShouldBe("PRIVATE");
        evt.Value("STATUS").ShouldBe("CONFIRMED");
        evt.Value("SEQUENCE").ShouldBe("0");
        evt.Named("RRULE").ShouldBeEmpty();
        evt.Named("RECURRENCE-ID").ShouldBeEmpty();
        evt.Named("EXDATE").ShouldBeEmpty();
        parsed.AllProperties().Where(p => p.Name is "ATTENDEE" or "ORGANIZER").ShouldBeEmpty();
        parsed.All("VALARM").ShouldHaveSingleItem().Value("DESCRIPTION").ShouldBe("Afspraak");
        var occurrence = parsed.Occurrences.ShouldHaveSingleItem();
        occurrence.StartUtc.ShouldBe("2026-03-31T17:00:00Z");
        occurrence.RecurrenceId.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Parsers))]
    public async Task SingleMeeting_MovedOccurrenceOnTheAutumnClockChangeWithFullTitles_MovedDateAndTitle(string parser)
    {
        var group = Group(GroupFormat.Online);
        var (_, meetings) = group.PlanSeries(TuesdayPlan(), Now);
        var meeting = meetings[17]; // Tuesday 27 October 2026
        meeting.Move(new DateTime(2026, 10, 25, 19, 30, 0), 90, Now);

        var document = Writer().SingleMeeting(group, meeting, new CalendarRecipient(null, "en", FullTitles: true));
        var parsed = await CalendarParsers.ParseAsync(parser, document.Content);

        var evt = parsed.All("VEVENT").ShouldHaveSingleItem();
        evt.Value("UID").ShouldBe($"meeting-{meeting.Id:D}@lotgenoten.invalid");
        evt.Value("SUMMARY").ShouldBe("Peer support group");
        evt.Value("LOCATION").ShouldBe("https://meet.example.org/abc");
        evt.Value("SEQUENCE").ShouldBe("1");
        evt.Named("RECURRENCE-ID").ShouldBeEmpty();
        parsed.All("VALARM").ShouldBeEmpty();
        parsed.Occurrences.ShouldHaveSingleItem().StartUtc.ShouldBe("2026-10-25T18:30:00Z");
        parsed.Occurrences.Single().EndUtc.ShouldBe("2026-10-25T20:00:00Z");
    }

    [Fact]
    public void SingleMeeting_CancelledOrForeignMeeting_Refused()
    {
        var group = Group();
        var (_, meetings) = group.PlanSeries(TuesdayPlan(), Now);
        var recipient = new CalendarRecipient(null, "nl");

        Should.Throw<ArgumentException>(() => Writer().SingleMeeting(Group(), meetings[0], recipient));
        meetings[1].Cancel(Now);
        Should.Throw<ArgumentException>(() => Writer().SingleMeeting(group, meetings[1], recipient));
        Writer().SingleMeeting(group, meetings[0], recipient).Content.ShouldNotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Parsers))]
    public async Task Feed_TwoGroups_SameUidsNoMethodNoAttendeesCancelledLeftOut(string parser)
    {
        var group = Group();
        var (series, meetings) = group.PlanSeries(TuesdayPlan(), Now);
        meetings[1].Cancel(Now);
        meetings[3].Move(new DateTime(2026, 4, 15, 19, 0, 0), 120, Now);
        var single = group.ScheduleMeeting(new DateTime(2026, 12, 15, 19, 0, 0), 120, null, Now);
        var gone = group.ScheduleMeeting(new DateTime(2026, 12, 22, 19, 0, 0), 120, null, Now);
        gone.Cancel(Now);
        var other = Group(GroupFormat.Online);
        var (otherSeries, otherMeetings) = other.PlanSeries(new SeriesPlan(RecurrencePattern.Weekly, new DateOnly(2026, 3, 5), new TimeOnly(10, 0), 60, 3, null), Now);
        var (dropped, droppedMeetings) = other.PlanSeries(new SeriesPlan(RecurrencePattern.Weekly, new DateOnly(2026, 6, 5), new TimeOnly(10, 0), 60, 2, null), Now);
        dropped.Cancel(droppedMeetings, Now);

        var document = Writer().Feed(
            [new FeedGroup(group, [series], [.. meetings, single, gone]), new FeedGroup(other, [otherSeries, dropped], [.. otherMeetings, .. droppedMeetings])],
            new CalendarRecipient(null, "fr", ReminderMinutes: 1440));
        var parsed = await CalendarParsers.ParseAsync(parser, document.Content);

        document.Method.ShouldBe(CalendarMethod.Publish);
        parsed.Root.Named("METHOD").ShouldBeEmpty();
        parsed.Root.Value("X-WR-CALNAME").ShouldBe("Agenda");
        parsed.AllProperties().Where(p => p.Name is "ATTENDEE" or "ORGANIZER").ShouldBeEmpty();
        parsed.All("VEVENT").Select(e => e.Value("UID")).ShouldBe(
        [
            $"series-{series.Id:D}@lotgenoten.invalid",
            $"series-{series.Id:D}@lotgenoten.invalid",
            $"meeting-{single.Id:D}@lotgenoten.invalid",
            $"series-{otherSeries.Id:D}@lotgenoten.invalid",
        ]);
        parsed.All("VEVENT")[0].Named("EXDATE").SelectMany(p => p.Values).ShouldBe(["2026-03-17T19:00:00"]);
        parsed.Occurrences.Count.ShouldBe(19 + 1 + 3);
        parsed.Occurrences.ShouldNotContain(o => o.Start.StartsWith("2026-03-17", StringComparison.Ordinal) || o.Start.StartsWith("2026-12-22", StringComparison.Ordinal));
        parsed.Occurrences.ShouldContain(o => o.RecurrenceId == "2026-04-14T19:00:00" && o.Start == "2026-04-15T19:00:00");
        parsed.Occurrences.ShouldAllBe(o => o.Summary == null || o.Summary == "Rendez-vous");
        parsed.All("VALARM").Count.ShouldBe(4);
        parsed.All("VALARM").ShouldAllBe(a => a.Value("ACTION") == "DISPLAY" && a.Value("DESCRIPTION") == "Rendez-vous");
    }

    [Fact]
    public async Task SeriesInvite_DiscreetByDefault_NoGroupNameThemeOrOrganisationAnywhere()
    {
        var group = Group();
        var (series, meetings) = group.PlanSeries(TuesdayPlan(), Now);
        meetings[0].SetTheme("Omgaan met schaamte");
        var recipient = Recipient(reminder: 60);

        foreach (var document in new[]
        {
            Writer().SeriesInvite(group, series, meetings, recipient),
            Writer().MeetingUpdate(group, series, meetings[0], recipient),
            Writer().Feed([new FeedGroup(group, [series], meetings)], recipient with { IncludeGroupName = true }),
        })
        {
            var text = Encoding.UTF8.GetString(document.Content);
            text.ShouldNotContain("Partners", Case.Insensitive);
            text.ShouldNotContain("schaamte", Case.Insensitive);
            text.ShouldNotContain("Lotgenotengroep", Case.Insensitive);
            var parsed = await CalendarParsers.IcalJsAsync(document.Content);
            parsed.All("VEVENT").ShouldAllBe(e => e.Value("SUMMARY") == "Afspraak");
            parsed.All("VALARM").ShouldAllBe(a => a.Value("DESCRIPTION") == "Afspraak");
            parsed.All("VALARM").Single().Value("TRIGGER").ShouldBe("-PT60M");
        }
    }

    [Theory]
    [MemberData(nameof(Parsers))]
    public async Task SeriesInvite_FullTitlesChosen_TitleAndThemePerOccurrence(string parser)
    {
        var group = Group();
        var (series, meetings) = group.PlanSeries(TuesdayPlan(), Now);
        meetings[2].SetTheme("Omgaan met schaamte");

        var parsed = await CalendarParsers.ParseAsync(parser, Writer().SeriesInvite(group, series, meetings, Recipient(fullTitles: true)).Content);
        var staff = await CalendarParsers.ParseAsync(parser, Writer().Feed([new FeedGroup(group, [series], meetings)], new CalendarRecipient(null, "nl", true, IncludeGroupName: true)).Content);

        parsed.All("VEVENT").Select(e => e.Value("SUMMARY")).ShouldBe(["Lotgenotengroep", "Lotgenotengroep: Omgaan met schaamte"]);
        parsed.Occurrences[2].Summary.ShouldBe("Lotgenotengroep: Omgaan met schaamte");
        parsed.Occurrences[2].Start.ShouldBe("2026-03-31T19:00:00");
        parsed.Occurrences[3].Summary.ShouldBe("Lotgenotengroep");
        staff.All("VEVENT").Select(e => e.Value("SUMMARY")).ShouldBe(["Lotgenotengroep Partners Antwerpen", "Lotgenotengroep Partners Antwerpen: Omgaan met schaamte"]);
    }

    [Fact]
    public void SeriesInvite_CommonNameGivenAndOptions_UsedAsGiven()
    {
        var group = Group();
        var (series, meetings) = group.PlanSeries(TuesdayPlan(), Now);
        var writer = Writer(new CalendarOptions { OrganizerEmail = "noreply@agenda.example", UidDomain = "agenda.example", ProductId = "-//X//Y//NL" });

        var text = Encoding.UTF8.GetString(writer.SeriesInvite(group, series, meetings, Recipient() with { CommonName = "Zonne\"bloem\r\nX:y" }).Content)
            .Replace("\r\n ", string.Empty, StringComparison.Ordinal);

        text.ShouldContain("CN=\"Zonnebloem X:y\"");
        text.Split("\r\n").Where(l => l.StartsWith("ATTENDEE", StringComparison.Ordinal)).ShouldHaveSingleItem();
        text.ShouldContain("\r\nORGANIZER:mailto:noreply@agenda.example\r\n");
        text.ShouldContain($"\r\nUID:series-{series.Id:D}@agenda.example\r\n");
        text.ShouldContain("\r\nPRODID:-//X//Y//NL\r\n");
    }

    [Fact]
    public void SeriesInvite_WithoutOrHostileEmail_Refused()
    {
        var group = Group();
        var (series, meetings) = group.PlanSeries(TuesdayPlan(), Now);

        foreach (var email in new[] { null, "", "a@b.c\r\nATTENDEE:mailto:x@y", "a b@c.d", "x@y@z", "a@b.c,d@e.f" })
        {
            Should.Throw<ArgumentException>(() => Writer().SeriesInvite(group, series, meetings, Recipient() with { Email = email }));
        }
    }

    [Fact]
    public void SeriesInvite_CancelledSeriesOrForeignSeries_Refused()
    {
        var group = Group();
        var (series, meetings) = group.PlanSeries(TuesdayPlan(), Now);
        var other = Group();

        Should.Throw<ArgumentException>(() => Writer().SeriesInvite(other, series, meetings, Recipient()));
        series.Cancel(meetings, Now);
        Should.Throw<ArgumentException>(() => Writer().SeriesInvite(group, series, meetings, Recipient()));
        Should.Throw<ArgumentException>(() => Writer().MeetingUpdate(group, null, meetings[0], Recipient()));
    }
}
