using System.Globalization;
using System.Security.Claims;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Web.Components.Shared;
using Lotgenoten.Web.Features.Referrals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lotgenoten.Web.Features.Placement;

/// <summary>
/// Matching for coordinators: the groups that fit a referral, and the waiting referrals that fit a group, best first with
/// the reasons (the rules are the domain's <see cref="GroupMatcher"/>). Coordinators only, checked on every call; one
/// short-lived context per call, projections only, a fixed number of queries whatever the number of rows.
/// </summary>
public sealed class MatchingService(
    IDbContextFactory<LotgenotenDbContext> dbFactory,
    TimeProvider time,
    IStringLocalizer<EnumTexts> enums)
{
    /// <summary>At most this many referrals are listed for a group (the list says how many fit in all).</summary>
    public const int MaxReferralCandidates = 50;

    /// <summary>The groups that fit the referral, best first, and the near misses; null when the referral does not exist.</summary>
    public async Task<GroupMatches?> GroupsForReferralAsync(ClaimsPrincipal user, Guid referralId, CancellationToken ct)
    {
        PlacementAccess.RequireCoordinator(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var referral = await db.Set<Referral>().AsNoTracking()
            .Where(r => r.Id == referralId)
            .Select(r => new
            {
                r.Id, r.Reference, r.Status, r.Version, r.Relation, r.Language, r.Region, r.Format, r.Availability,
                HasEmail = r.EmailCiphertext != null,
            })
            .FirstOrDefaultAsync(ct);
        if (referral is null)
        {
            return null;
        }

        var groups = await db.Set<PeerGroup>().AsNoTracking()
            .Where(g => g.Status != GroupStatus.Closed)
            .Select(g => new GroupRow(
                g.Id, g.Name, g.Audience, g.Language, g.Format, g.Region, g.Status, g.MaximumSize,
                g.Memberships.Count(m => m.Status == MembershipStatus.Invited || m.Status == MembershipStatus.Joined || m.Status == MembershipStatus.Active)))
            .ToListAsync(ct);
        var meetings = await UpcomingAsync(db, groups.Select(g => g.Id).ToList(), ct);

        var profile = new MatchProfile(referral.Relation, referral.Language, referral.Region, referral.Format, referral.Availability);
        var rows = groups.ToDictionary(g => g.Id);
        var ranked = GroupMatcher.Rank(profile, groups.Select(g => Profile(g, meetings)));
        GroupCandidate Candidate(GroupMatch m)
        {
            var g = rows[m.Group.Id];
            var upcoming = meetings.GetValueOrDefault(g.Id) ?? [];
            return new GroupCandidate(
                g.Id, g.Name, g.Status, g.Audience, g.Language, g.Format, g.Region, m.Group.FreePlaces, g.MaximumSize,
                SlotText(upcoming), upcoming.Count > 0 ? upcoming[0].Local : null, m.Fits, m.Score, m.Reasons);
        }

        return new GroupMatches(
            referral.Id,
            referral.Reference,
            referral.Status,
            referral.Version,
            referral.HasEmail,
            ranked.Where(m => m.Fits).Select(Candidate).ToList(),
            ranked.Where(m => m.ExcludedBy == 1).Select(Candidate).ToList());
    }

    /// <summary>The waiting referrals that fit the group, best first, then the longest wait; null when the group does not exist.</summary>
    public async Task<ReferralMatches?> ReferralsForGroupAsync(ClaimsPrincipal user, Guid groupId, CancellationToken ct)
    {
        PlacementAccess.RequireCoordinator(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var group = await db.Set<PeerGroup>().AsNoTracking()
            .Where(g => g.Id == groupId)
            .Select(g => new GroupRow(
                g.Id, g.Name, g.Audience, g.Language, g.Format, g.Region, g.Status, g.MaximumSize,
                g.Memberships.Count(m => m.Status == MembershipStatus.Invited || m.Status == MembershipStatus.Joined || m.Status == MembershipStatus.Active)))
            .FirstOrDefaultAsync(ct);
        if (group is null)
        {
            return null;
        }

        var meetings = await UpcomingAsync(db, [groupId], ct);
        var profile = Profile(group, meetings);
        if (profile.FreePlaces <= 0 || group.Status == GroupStatus.Closed)
        {
            return new ReferralMatches(group.Id, group.Name, group.Status, Math.Max(0, profile.FreePlaces), [], 0);
        }

        // The hard rules narrow the query; the matcher decides (and scores) in memory.
        var relations = GroupMatcher.RelationsFor(group.Audience).ToArray();
        var formats = GroupMatcher.PreferencesFor(group.Format).ToArray();
        var language = group.Language;
        var waiting = await db.Set<Referral>().AsNoTracking()
            .Where(r => r.Status == ReferralStatus.Waiting && r.Language == language && relations.Contains(r.Relation) && formats.Contains(r.Format))
            .Select(r => new
            {
                r.Id, r.Reference, r.Version, r.ReceivedOn, r.Relation, r.Concern, r.Language, r.Region, r.Format, r.Availability,
                HasEmail = r.EmailCiphertext != null,
            })
            .ToListAsync(ct);

        var today = BrusselsTime.Today(time.GetUtcNow());
        var fitting = waiting
            .Select(r => (Row: r, Match: GroupMatcher.Match(new MatchProfile(r.Relation, r.Language, r.Region, r.Format, r.Availability), profile)))
            .Where(x => x.Match.Fits)
            .OrderByDescending(x => x.Match.Score)
            .ThenBy(x => x.Row.ReceivedOn)
            .ThenBy(x => x.Row.Id)
            .ToList();
        var candidates = fitting.Take(MaxReferralCandidates)
            .Select(x => new ReferralCandidate(
                x.Row.Id, x.Row.Reference, x.Row.Version, x.Row.ReceivedOn,
                Math.Max(0, today.DayNumber - x.Row.ReceivedOn.DayNumber),
                x.Row.Relation, x.Row.Concern, x.Row.Region, x.Row.Format, x.Row.Availability, x.Row.HasEmail, x.Match.Score, x.Match.Reasons))
            .ToList();
        return new ReferralMatches(group.Id, group.Name, group.Status, profile.FreePlaces, candidates, fitting.Count);
    }

    /// <summary>The scheduled meetings still to come of the groups, per group in time order (one query).</summary>
    private async Task<Dictionary<Guid, List<UpcomingMeeting>>> UpcomingAsync(LotgenotenDbContext db, List<Guid> groupIds, CancellationToken ct)
    {
        if (groupIds.Count == 0)
        {
            return [];
        }

        var now = time.GetUtcNow();
        var rows = await db.Set<Meeting>().AsNoTracking()
            .Where(m => groupIds.Contains(m.GroupId) && m.Status == MeetingStatus.Scheduled && m.StartsAt > now)
            .Select(m => new { m.GroupId, m.Date, m.StartTime, m.StartsAt })
            .ToListAsync(ct);
        return rows.GroupBy(m => m.GroupId)
            .ToDictionary(
                g => g.Key,
                g => g.OrderBy(m => m.StartsAt).Select(m => new UpcomingMeeting(m.Date, m.StartTime)).ToList());
    }

    private static GroupProfile Profile(GroupRow g, Dictionary<Guid, List<UpcomingMeeting>> meetings)
    {
        var slots = (meetings.GetValueOrDefault(g.Id) ?? [])
            .Select(m => new AvailabilitySlot(m.Date.DayOfWeek, WeeklyAvailability.PartOf(m.StartTime)))
            .Distinct()
            .ToList();
        return new GroupProfile(g.Id, g.Name, g.Audience, g.Language, g.Format, g.Region, g.Status, g.MaximumSize - g.OpenPlaces, slots);
    }

    /// <summary>"dinsdag 19:00": the weekday and time most of the coming meetings have (a series), else the next meeting's.</summary>
    private string? SlotText(List<UpcomingMeeting> upcoming)
    {
        if (upcoming.Count == 0)
        {
            return null;
        }

        var usual = upcoming
            .Select((m, index) => (m.Date.DayOfWeek, m.StartTime, index))
            .GroupBy(x => (x.DayOfWeek, x.StartTime))
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Min(x => x.index))
            .First().Key;
        return $"{enums.Name(usual.DayOfWeek)} {usual.StartTime.ToString("HH:mm", CultureInfo.InvariantCulture)}";
    }

    private sealed record GroupRow(
        Guid Id, string Name, GroupAudience Audience, Language Language, GroupFormat Format, Region? Region, GroupStatus Status, int MaximumSize, int OpenPlaces);

    private sealed record UpcomingMeeting(DateOnly Date, TimeOnly StartTime)
    {
        public DateTime Local => Date.ToDateTime(StartTime);
    }
}
