using Lotgenoten.Web.Features.Account;
using Lotgenoten.Web.Features.Calendar;
using Microsoft.AspNetCore.Diagnostics;

namespace Lotgenoten.Web.Features.Participants;

/// <summary>
/// <c>GET /mijn/agenda/afspraak/{meetingId}.ics</c> (one meeting) and <c>GET /mijn/agenda/reeks/{meetingId}.ics</c> (the
/// series of that meeting): calendar files for the signed-in participant, with a neutral file name, never cached. A
/// meeting of another group answers exactly as one that does not exist (an empty 404).
/// </summary>
public static class ParticipantCalendarEndpoints
{
    public const string MeetingRoute = "/mijn/agenda/afspraak/{meetingId:guid}.ics";

    public const string SeriesRoute = "/mijn/agenda/reeks/{meetingId:guid}.ics";

    /// <summary>The address of one meeting's file.</summary>
    public static string MeetingUrl(Guid meetingId) => $"/mijn/agenda/afspraak/{meetingId:D}.ics";

    /// <summary>The address of the series file of a meeting.</summary>
    public static string SeriesUrl(Guid meetingId) => $"/mijn/agenda/reeks/{meetingId:D}.ics";

    public static IEndpointRouteBuilder MapParticipantCalendar(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(MeetingRoute, (HttpContext http, Guid meetingId, ParticipantHomeService home, CancellationToken ct) =>
                SendAsync(http, home.MeetingCalendarAsync(http.User, meetingId, ct), ct))
            .RequireAuthorization(Policies.Participant)
            .WithDisplayName("Participant meeting calendar file")
            .ExcludeFromDescription();
        app.MapGet(SeriesRoute, (HttpContext http, Guid meetingId, ParticipantHomeService home, CancellationToken ct) =>
                SendAsync(http, home.SeriesCalendarAsync(http.User, meetingId, ct), ct))
            .RequireAuthorization(Policies.Participant)
            .WithDisplayName("Participant series calendar file")
            .ExcludeFromDescription();
        return app;
    }

    private static async Task SendAsync(HttpContext http, Task<ParticipantCalendarFile?> load, CancellationToken ct)
    {
        var response = http.Response;
        response.Headers.CacheControl = CalendarFeedEndpoint.CacheControl;
        var file = await load;
        if (file is null)
        {
            if (http.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
            {
                statusPages.Enabled = false;
            }

            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = CalendarFeedEndpoint.ContentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{file.FileName}\"";
        response.ContentLength = file.Content.Length;
        await response.Body.WriteAsync(file.Content, ct);
    }
}
