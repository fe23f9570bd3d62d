using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Microsoft.Extensions.Options;
using IcalCalendar = Ical.Net.Calendar;
using IcalFrequency = Ical.Net.FrequencyType;
using IcalRule = Ical.Net.DataTypes.RecurrencePattern;
using Pattern = Lotgenoten.Domain.Meetings.RecurrencePattern;

namespace Lotgenoten.Infrastructure.Calendar;

/// <summary>
/// <see cref="ICalendarWriter"/> on Ical.Net 5.2.4. Ical.Net builds and escapes; typed text is cleaned before
/// (<see cref="CalendarText.Clean"/>) and the output re-folded by octets after (<see cref="CalendarText.Fold"/>).
/// Every event is CLASS:PRIVATE (hidden from people who share the calendar) and carries only the recipient as ATTENDEE.
/// </summary>
public sealed class CalendarWriter(IOptions<CalendarOptions> options, TimeProvider time) : ICalendarWriter
{
    private const string Zone = BrusselsTime.ZoneId;

    private readonly CalendarOptions _options = options.Value;

    /// <inheritdoc />
    public CalendarDocument SeriesInvite(PeerGroup group, MeetingSeries series, IReadOnlyList<Meeting> meetings, CalendarRecipient recipient)
    {
        CheckSeries(group, series);
        ArgumentNullException.ThrowIfNull(meetings);
        if (series.Status == SeriesStatus.Cancelled)
        {
            throw new ArgumentException("A cancelled series has no invite; send SeriesCancel.", nameof(series));
        }

        var own = meetings.Where(m => m.SeriesId == series.Id).ToList();
        var calendar = NewCalendar(CalendarMethod.Request);
        var master = SeriesEvent(group, series, own, recipient);
        AddParties(master, recipient);
        calendar.Events.Add(master);
        foreach (var meeting in Overrides(own, recipient))
        {
            var occurrence = OccurrenceEvent(group, series, meeting, recipient, cancelled: false);
            AddParties(occurrence, recipient);
            calendar.Events.Add(occurrence);
        }

        return Document(calendar, CalendarMethod.Request);
    }

    /// <inheritdoc />
    public CalendarDocument SeriesCancel(PeerGroup group, MeetingSeries series, CalendarRecipient recipient)
    {
        CheckSeries(group, series);
        var calendar = NewCalendar(CalendarMethod.Cancel);
        var master = SeriesEvent(group, series, [], recipient);
        master.Status = "CANCELLED";
        master.Alarms.Clear();
        AddParties(master, recipient);
        calendar.Events.Add(master);
        return Document(calendar, CalendarMethod.Cancel);
    }

    /// <inheritdoc />
    public CalendarDocument MeetingUpdate(PeerGroup group, MeetingSeries? series, Meeting meeting, CalendarRecipient recipient)
    {
        CheckMeeting(group, series, meeting);
        if (meeting.Status == MeetingStatus.Cancelled)
        {
            throw new ArgumentException("A cancelled meeting has no update; send MeetingCancel.", nameof(meeting));
        }

        var calendar = NewCalendar(CalendarMethod.Request);
        var evt = series is null ? SingleEvent(group, meeting, recipient, cancelled: false) : OccurrenceEvent(group, series, meeting, recipient, cancelled: false);
        AddParties(evt, recipient);
        calendar.Events.Add(evt);
        return Document(calendar, CalendarMethod.Request);
    }

    /// <inheritdoc />
    public CalendarDocument MeetingCancel(PeerGroup group, MeetingSeries? series, Meeting meeting, CalendarRecipient recipient)
    {
        CheckMeeting(group, series, meeting);
        var calendar = NewCalendar(CalendarMethod.Cancel);
        var evt = series is null ? SingleEvent(group, meeting, recipient, cancelled: true) : OccurrenceEvent(group, series, meeting, recipient, cancelled: true);
        AddParties(evt, recipient);
        calendar.Events.Add(evt);
        return Document(calendar, CalendarMethod.Cancel);
    }

    /// <inheritdoc />
    public CalendarDocument SingleMeeting(PeerGroup group, Meeting meeting, CalendarRecipient recipient)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(recipient);
        if (meeting.GroupId != group.Id)
        {
            throw new ArgumentException("The meeting is not of this group.", nameof(meeting));
        }

        if (meeting.Status == MeetingStatus.Cancelled)
        {
            throw new ArgumentException("A cancelled meeting has no calendar file.", nameof(meeting));
        }

        var calendar = NewCalendar(CalendarMethod.Publish);
        calendar.Events.Add(SingleEvent(group, meeting, recipient, cancelled: false));
        return Document(calendar, CalendarMethod.Publish);
    }

    /// <inheritdoc />
    public CalendarDocument Feed(IReadOnlyList<FeedGroup> groups, CalendarRecipient recipient)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(recipient);
        var calendar = NewCalendar(CalendarMethod.Publish);
        calendar.AddProperty("X-WR-CALNAME", Texts.For(recipient.Language).CalendarName);
        calendar.AddProperty("X-WR-TIMEZONE", Zone);
        calendar.AddProperty("X-PUBLISHED-TTL", "PT1H");
        foreach (var part in groups)
        {
            ArgumentNullException.ThrowIfNull(part);
            var group = part.Group;
            var meetings = part.Meetings.Where(m => m.GroupId == group.Id).ToList();
            foreach (var series in part.Series.Where(s => s.GroupId == group.Id))
            {
                var own = meetings.Where(m => m.SeriesId == series.Id).ToList();
                var cancelledDates = own.Where(m => m.Status == MeetingStatus.Cancelled).Select(OriginalDate).ToHashSet();
                if (series.Dates().All(cancelledDates.Contains))
                {
                    // Nothing of it takes or took place: calendars drop it from the feed.
                    continue;
                }

                calendar.Events.Add(SeriesEvent(group, series, own, recipient));
                foreach (var meeting in Overrides(own, recipient))
                {
                    calendar.Events.Add(OccurrenceEvent(group, series, meeting, recipient, cancelled: false));
                }
            }

            foreach (var meeting in meetings.Where(m => m.SeriesId is null && m.Status != MeetingStatus.Cancelled))
            {
                calendar.Events.Add(SingleEvent(group, meeting, recipient, cancelled: false));
            }
        }

        return Document(calendar, CalendarMethod.Publish);
    }

    /// <summary>The UID of a series' recurring event.</summary>
    public string SeriesUid(Guid seriesId) => $"series-{seriesId:D}@{_options.UidDomain}";

    /// <summary>The UID of a meeting of its own (outside any series).</summary>
    public string MeetingUid(Guid meetingId) => $"meeting-{meetingId:D}@{_options.UidDomain}";

    /// <summary>Occurrences that need an event of their own: moved ones, and (with full titles) ones with a theme.</summary>
    private static IEnumerable<Meeting> Overrides(IEnumerable<Meeting> own, CalendarRecipient recipient) =>
        own.Where(m => m.Status != MeetingStatus.Cancelled && (m.IsMovedFromSeries || (recipient.FullTitles && CalendarText.Clean(m.Theme) is not null)))
            .OrderBy(m => m.OriginalDate);

    private CalendarEvent SeriesEvent(PeerGroup group, MeetingSeries series, IReadOnlyList<Meeting> own, CalendarRecipient recipient)
    {
        var start = series.FirstDate.ToDateTime(series.StartTime);
        var evt = NewEvent(SeriesUid(series.Id), series.Sequence, group, start, start.AddMinutes(series.DurationMinutes), Title(group, recipient, theme: null), recipient);
        var rule = new IcalRule(
            series.Pattern == Pattern.MonthlyByWeekday ? IcalFrequency.Monthly : IcalFrequency.Weekly,
            series.Pattern == Pattern.EveryTwoWeeks ? 2 : 1);
        if (series.Pattern == Pattern.MonthlyByWeekday)
        {
            var ordinal = ((series.FirstDate.Day - 1) / 7) + 1;
            rule.ByDay.Add(new WeekDay(series.FirstDate.DayOfWeek, ordinal >= 5 ? -1 : ordinal));
        }

        if (series.Count is { } count)
        {
            rule.Count = count;
        }
        else if (series.Until is { } until)
        {
            // With a TZID start, UNTIL must be UTC (RFC 5545 §3.3.10): the last instant of that day in Brussels.
            var endOfDay = BrusselsTime.StartOfDay(until.AddDays(1)).AddSeconds(-1);
            rule.Until = Utc(endOfDay);
        }

        evt.RecurrenceRule = rule;
        var excluded = series.SkippedDates
            .Concat(own.Where(m => m.Status == MeetingStatus.Cancelled).Select(OriginalDate))
            .Distinct()
            .Order();
        foreach (var date in excluded)
        {
            evt.ExceptionDates.Add(Local(date.ToDateTime(series.StartTime)));
        }

        return evt;
    }

    private CalendarEvent OccurrenceEvent(PeerGroup group, MeetingSeries series, Meeting meeting, CalendarRecipient recipient, bool cancelled)
    {
        var evt = NewEvent(SeriesUid(series.Id), meeting.Sequence, group, meeting.StartLocal, BrusselsTime.ToLocal(meeting.EndsAt), Title(group, recipient, meeting.Theme), recipient);
        evt.RecurrenceIdentifier = new RecurrenceIdentifier(
            Local(OriginalDate(meeting).ToDateTime(meeting.OriginalStartTime ?? series.StartTime)), null);
        if (cancelled)
        {
            evt.Status = "CANCELLED";
            evt.Alarms.Clear();
        }

        return evt;
    }

    private CalendarEvent SingleEvent(PeerGroup group, Meeting meeting, CalendarRecipient recipient, bool cancelled)
    {
        var evt = NewEvent(MeetingUid(meeting.Id), meeting.Sequence, group, meeting.StartLocal, BrusselsTime.ToLocal(meeting.EndsAt), Title(group, recipient, meeting.Theme), recipient);
        if (cancelled)
        {
            evt.Status = "CANCELLED";
            evt.Alarms.Clear();
        }

        return evt;
    }

    private CalendarEvent NewEvent(string uid, int sequence, PeerGroup group, DateTime startLocal, DateTime endLocal, string title, CalendarRecipient recipient)
    {
        var evt = new CalendarEvent
        {
            Uid = uid,
            Sequence = sequence,
            DtStamp = Utc(time.GetUtcNow()),
            DtStart = Local(startLocal),
            DtEnd = Local(endLocal),
            Summary = title,
            Class = "PRIVATE",
            Transparency = "OPAQUE",
            Status = "CONFIRMED",
        };
        if (Location(group) is { } location)
        {
            evt.Location = location;
        }

        if (recipient.ReminderMinutes is { } minutes and > 0)
        {
            evt.Alarms.Add(new Alarm
            {
                Action = "DISPLAY",
                Description = title,
                Trigger = new Trigger(Duration.FromMinutes(-minutes)),
            });
        }

        return evt;
    }

    /// <summary>ORGANIZER (the portal) and the recipient as the one ATTENDEE; never anyone else.</summary>
    private void AddParties(CalendarEvent evt, CalendarRecipient recipient)
    {
        var email = CheckEmail(recipient.Email);
        var organizer = new Organizer($"mailto:{CheckEmail(_options.OrganizerEmail)}");
        if (CalendarText.Clean(_options.OrganizerName)?.Replace("\"", string.Empty, StringComparison.Ordinal) is { Length: > 0 } organizerName)
        {
            organizer.CommonName = organizerName;
        }

        evt.Organizer = organizer;
        var attendee = new Attendee($"mailto:{email}")
        {
            Role = "REQ-PARTICIPANT",
            ParticipationStatus = "NEEDS-ACTION",
            Rsvp = false,
        };
        if (CalendarText.Clean(recipient.CommonName)?.Replace("\"", string.Empty, StringComparison.Ordinal) is { Length: > 0 } name)
        {
            attendee.CommonName = name;
        }

        evt.Attendees.Clear();
        evt.Attendees.Add(attendee);
    }

    private static string? Location(PeerGroup group)
    {
        var address = CalendarText.Clean(group.Address, ", ");
        var link = CalendarText.Clean(group.OnlineLink, string.Empty);
        return group.Format == GroupFormat.Online ? link ?? address : address ?? link;
    }

    private static string Title(PeerGroup group, CalendarRecipient recipient, string? theme)
    {
        var texts = Texts.For(recipient.Language);
        if (!recipient.FullTitles)
        {
            return texts.Neutral;
        }

        var title = texts.Full;
        if (recipient.IncludeGroupName && CalendarText.Clean(group.Name) is { } name)
        {
            title = $"{title} {name}";
        }

        return CalendarText.Clean(theme) is { } cleanTheme ? $"{title}: {cleanTheme}" : title;
    }

    private IcalCalendar NewCalendar(CalendarMethod method)
    {
        var calendar = new IcalCalendar { ProductId = _options.ProductId };
        switch (method)
        {
            case CalendarMethod.Request:
                calendar.Method = "REQUEST";
                break;
            case CalendarMethod.Cancel:
                calendar.Method = "CANCEL";
                break;
            default:
                // A feed carries no METHOD: it is a plain calendar, not an iTIP message.
                break;
        }

        return calendar;
    }

    private static CalendarDocument Document(IcalCalendar calendar, CalendarMethod method)
    {
        var earliest = calendar.Events
            .SelectMany(e => new[] { e.DtStart, e.RecurrenceIdentifier?.StartTime }.Concat(e.ExceptionDates.GetAllDates()))
            .OfType<CalDateTime>()
            .Where(d => d.TzId == Zone)
            .Select(d => d.Value)
            .DefaultIfEmpty(DateTime.UnixEpoch)
            .Min();
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(Zone, earliest, includeHistoricalData: false));
        var text = new CalendarSerializer().SerializeToString(calendar)
            ?? throw new InvalidOperationException("Ical.Net wrote nothing.");
        return new CalendarDocument(method, CalendarText.Fold(TimeZoneFirst(text)));
    }

    /// <summary>
    /// Moves the VTIMEZONE before the first VEVENT (Ical.Net writes it last): RFC 5545 allows any order, but some
    /// clients read in one pass. Safe on text: no value can hold a line break, so these lines are whole components.
    /// </summary>
    private static string TimeZoneFirst(string text)
    {
        const string Begin = "BEGIN:VTIMEZONE\r\n";
        const string End = "END:VTIMEZONE\r\n";
        const string FirstEvent = "\r\nBEGIN:VEVENT\r\n";
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var firstEvent = text.IndexOf(FirstEvent, StringComparison.Ordinal);
        if (start < 0 || firstEvent < 0 || start < firstEvent || (start > 0 && text[start - 1] != '\n'))
        {
            return text;
        }

        var end = text.IndexOf(End, start, StringComparison.Ordinal) + End.Length;
        var block = text[start..end];
        return text.Remove(start, end - start).Insert(firstEvent + 2, block);
    }

    private static CalDateTime Local(DateTime local) =>
        new(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local), Zone);

    private static CalDateTime Utc(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return new CalDateTime(new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, utc.Second, DateTimeKind.Utc), CalDateTime.UtcTzId);
    }

    private static DateOnly OriginalDate(Meeting meeting) => meeting.OriginalDate ?? meeting.Date;

    private static string CheckEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)
            || email.Length > 254
            || email.Count(c => c == '@') != 1
            || email[0] == '@'
            || email[^1] == '@'
            || email.Any(c => c <= ' ' || c >= '\u007F' || c is '"' or '<' or '>' or '(' or ')' or ',' or ';' or ':' or '\\' or '[' or ']'))
        {
            throw new ArgumentException("An invite needs the recipient's plain e-mail address.", nameof(email));
        }

        return email;
    }

    private static void CheckSeries(PeerGroup group, MeetingSeries series)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(series);
        if (series.GroupId != group.Id)
        {
            throw new ArgumentException("The series is not of this group.", nameof(series));
        }
    }

    private static void CheckMeeting(PeerGroup group, MeetingSeries? series, Meeting meeting)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(meeting);
        if (meeting.GroupId != group.Id)
        {
            throw new ArgumentException("The meeting is not of this group.", nameof(meeting));
        }

        if (meeting.SeriesId != series?.Id)
        {
            throw new ArgumentException("Pass the meeting's own series (or null for a meeting of its own).", nameof(series));
        }
    }

    /// <summary>Titles in the recipient's language. The neutral one says nothing about what the appointment is.</summary>
    private sealed record Texts(string Neutral, string Full, string CalendarName)
    {
        private static readonly Texts Dutch = new("Afspraak", "Lotgenotengroep", "Agenda");
        private static readonly Texts French = new("Rendez-vous", "Groupe de soutien", "Agenda");
        private static readonly Texts English = new("Appointment", "Peer support group", "Calendar");

        public static Texts For(string? language) => language?.Trim().ToUpperInvariant() switch
        {
            "FR" => French,
            "EN" => English,
            _ => Dutch,
        };
    }
}
