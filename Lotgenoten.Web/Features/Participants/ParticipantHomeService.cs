using System.Security.Claims;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Microsoft.EntityFrameworkCore;

namespace Lotgenoten.Web.Features.Participants;

/// <summary>A meeting as the participant sees it: when, and (for the next one only) where.</summary>
public sealed record ParticipantMeeting(Guid Id, DateTime StartLocal, DateTime EndLocal, string? Theme, string? Address, string? OnlineLink);

/// <summary>What the participant's home shows: their pseudonym and their meetings to come.</summary>
public sealed record ParticipantHomeView(string? Pseudonym, IReadOnlyList<ParticipantMeeting> Upcoming);

/// <summary>
/// Reads the signed-in participant's own memberships and meetings, and nothing of anyone else's. The place of a meeting
/// is given for the next meeting only (discretion: an address on screen is an address seen over a shoulder).
/// </summary>
public sealed class ParticipantHomeService(IDbContextFactory<LotgenotenDbContext> dbFactory, TimeProvider time)
{
    public const int UpcomingShown = 6;

    public async Task<ParticipantHomeView> GetAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsInRole(AppRoles.Participant))
        {
            throw new UnauthorizedAccessException("This needs a participant account.");
        }

        var participantId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (string.IsNullOrEmpty(participantId))
        {
            return new ParticipantHomeView(null, []);
        }

        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var memberships = await db.Set<Membership>().AsNoTracking()
            .Where(m => m.ParticipantId == participantId && (m.Status == MembershipStatus.Joined || m.Status == MembershipStatus.Active))
            .Select(m => new { m.GroupId, m.Pseudonym })
            .ToListAsync(ct);
        var groupIds = memberships.Select(m => m.GroupId).ToList();
        var meetings = await db.Set<Meeting>().AsNoTracking()
            .Where(m => groupIds.Contains(m.GroupId) && m.Status == MeetingStatus.Scheduled && m.EndsAt > now)
            .OrderBy(m => m.StartsAt)
            .Take(UpcomingShown)
            .Select(m => new { m.Id, m.GroupId, m.Date, m.StartTime, m.DurationMinutes, m.Theme })
            .ToListAsync(ct);
        var places = await db.Set<PeerGroup>().AsNoTracking()
            .Where(g => groupIds.Contains(g.Id))
            .Select(g => new { g.Id, g.Address, g.OnlineLink })
            .ToDictionaryAsync(g => g.Id, ct);

        var upcoming = meetings.Select((m, index) =>
        {
            var start = m.Date.ToDateTime(m.StartTime);
            var place = index == 0 ? places[m.GroupId] : null;
            return new ParticipantMeeting(m.Id, start, start.AddMinutes(m.DurationMinutes), m.Theme, place?.Address, place?.OnlineLink);
        }).ToList();
        return new ParticipantHomeView(memberships.FirstOrDefault()?.Pseudonym, upcoming);
    }
}
