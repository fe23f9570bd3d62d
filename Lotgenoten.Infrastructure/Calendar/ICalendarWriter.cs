using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;

namespace Lotgenoten.Infrastructure.Calendar;

/// <summary>Who an invite or feed is for, and how they want it: never anyone else's name or address.</summary>
/// <param name="Email">The recipient's address (the only ATTENDEE of an invite); null for a feed.</param>
/// <param name="Language">"nl", "fr" or "en": the language of titles and texts.</param>
/// <param name="FullTitles">False (the default): a neutral title ("Afspraak"), no organisation, no subject matter.</param>
/// <param name="ReminderMinutes">A VALARM this many minutes before the start; null for none.</param>
/// <param name="CommonName">A display name (CN) for the recipient's ATTENDEE; none unless given.</param>
/// <param name="IncludeGroupName">
/// With <paramref name="FullTitles"/>, the group's internal name in the title too: for a facilitator's own feed only,
/// never for a participant (the name is internal).
/// </param>
public sealed record CalendarRecipient(
    string? Email,
    string Language,
    bool FullTitles = false,
    int? ReminderMinutes = null,
    string? CommonName = null,
    bool IncludeGroupName = false);

/// <summary>The iTIP method of a calendar object we emit.</summary>
public enum CalendarMethod
{
    Publish,
    Request,
    Cancel,
}

/// <summary>A calendar object ready to send or serve: UTF-8 bytes of a VCALENDAR and its method.</summary>
public sealed record CalendarDocument(CalendarMethod Method, byte[] Content);

/// <summary>
/// Writes the iCalendar objects of DOMAIN.md "Invites and calendars" (RFC 5545/5546): a series is one recurring event
/// (RRULE with TZID=Europe/Brussels, VTIMEZONE, EXDATE for skipped or cancelled dates), a moved or cancelled occurrence is
/// an update or cancel with RECURRENCE-ID and the same UID, a meeting outside a series is an event of its own.
/// Text a person typed is stripped of control characters before it is written. Thread-safe; holds no user state.
/// </summary>
public interface ICalendarWriter
{
    /// <summary>METHOD:REQUEST of a whole series for one recipient, with overrides for moved occurrences.</summary>
    CalendarDocument SeriesInvite(PeerGroup group, MeetingSeries series, IReadOnlyList<Meeting> meetings, CalendarRecipient recipient);

    /// <summary>METHOD:CANCEL of a whole series (STATUS:CANCELLED).</summary>
    CalendarDocument SeriesCancel(PeerGroup group, MeetingSeries series, CalendarRecipient recipient);

    /// <summary>METHOD:REQUEST for one meeting: the occurrence (RECURRENCE-ID) of a series, or a meeting of its own.</summary>
    CalendarDocument MeetingUpdate(PeerGroup group, MeetingSeries? series, Meeting meeting, CalendarRecipient recipient);

    /// <summary>METHOD:CANCEL for one meeting: the occurrence (RECURRENCE-ID) of a series, or a meeting of its own.</summary>
    CalendarDocument MeetingCancel(PeerGroup group, MeetingSeries? series, Meeting meeting, CalendarRecipient recipient);

    /// <summary>
    /// One meeting as a file to download and import (no METHOD, no ORGANIZER or ATTENDEE): one event without RRULE or
    /// RECURRENCE-ID at the meeting's own date and time, with the UID of a meeting of its own (<c>meeting-{id}@…</c>) even
    /// when it is an occurrence of a series, so that importing it twice replaces rather than duplicates. Refuses a
    /// cancelled meeting.
    /// </summary>
    CalendarDocument SingleMeeting(PeerGroup group, Meeting meeting, CalendarRecipient recipient);

    /// <summary>A private feed (no METHOD, or PUBLISH): every given meeting, with the same UIDs as the invites.</summary>
    CalendarDocument Feed(IReadOnlyList<FeedGroup> groups, CalendarRecipient recipient);
}

/// <summary>One group's part of a feed: its series and meetings (cancelled ones included, so they show as cancelled).</summary>
public sealed record FeedGroup(PeerGroup Group, IReadOnlyList<MeetingSeries> Series, IReadOnlyList<Meeting> Meetings);
