using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lotgenoten.Domain.Calendars;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Lotgenoten.Infrastructure.Calendar.Feeds;

/// <summary>Whose feed: a member of staff (Entra object id) or a participant (account id).</summary>
public sealed record CalendarFeedOwner(CalendarFeedOwnerKind Kind, string Id)
{
    public static CalendarFeedOwner Staff(string objectId) => new(CalendarFeedOwnerKind.Staff, objectId);

    public static CalendarFeedOwner Participant(string accountId) => new(CalendarFeedOwnerKind.Participant, accountId);
}

/// <summary>The state of an owner's feed, without its token (which is never stored).</summary>
public sealed record CalendarFeedStatus(bool IsActive, DateTimeOffset CreatedAt, DateTimeOffset? RotatedAt, DateTimeOffset? RevokedAt);

/// <summary>What a feed shows: the owner's groups with their series and meetings in the window, and how to write them.</summary>
public sealed record CalendarFeedContent(IReadOnlyList<FeedGroup> Groups, CalendarRecipient Recipient);

/// <summary>
/// Private calendar feeds in the database: issuing, rotating and revoking tokens (only their SHA-256 is stored), finding
/// the owner of a token, and reading what an owner's feed shows. Opens one short-lived context per operation; holds no
/// user state (a singleton is fine). Callers check who may act on which owner's feed: this class does not.
/// </summary>
public sealed class CalendarFeedStore(IDbContextFactory<LotgenotenDbContext> dbFactory, TimeProvider time)
{
    /// <summary>A feed shows meetings that ended at most this many months ago, and everything after.</summary>
    public const int MonthsBack = 3;

    /// <summary>
    /// The owner of an active feed whose token is <paramref name="token"/>; null for a malformed, unknown, rotated-away or
    /// revoked token alike. Looks up by hash, then compares the hash in constant time.
    /// </summary>
    public async Task<CalendarFeedOwner?> FindOwnerAsync(string? token, CancellationToken ct)
    {
        if (!CalendarFeedToken.IsWellFormed(token))
        {
            return null;
        }

        var hash = CalendarFeedToken.Hash(token!);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var feed = await db.Set<CalendarFeed>().AsNoTracking()
            .Where(f => f.TokenHash == hash)
            .Select(f => new { f.OwnerKind, f.OwnerId, f.TokenHash, f.RevokedAt })
            .FirstOrDefaultAsync(ct);
        return feed is not null && feed.RevokedAt is null && CalendarFeedToken.HashEquals(feed.TokenHash, hash)
            ? new CalendarFeedOwner(feed.OwnerKind, feed.OwnerId)
            : null;
    }

    /// <summary>The owner's feed, or null when they never had one.</summary>
    public async Task<CalendarFeedStatus?> GetStatusAsync(CalendarFeedOwner owner, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(owner);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<CalendarFeed>().AsNoTracking()
            .Where(f => f.OwnerKind == owner.Kind && f.OwnerId == owner.Id)
            .Select(f => new CalendarFeedStatus(f.RevokedAt == null, f.CreatedAt, f.RotatedAt, f.RevokedAt))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Gives the owner a new token: creates their feed, or rotates it (the old link stops working at once; a revoked feed
    /// works again). Returns the token, which is not stored and cannot be shown again.
    /// </summary>
    public async Task<string> IssueAsync(CalendarFeedOwner owner, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(owner);
        for (var attempt = 1; ; attempt++)
        {
            var token = CalendarFeedToken.New();
            var hash = CalendarFeedToken.Hash(token);
            var now = time.GetUtcNow();
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var feed = await db.Set<CalendarFeed>().FirstOrDefaultAsync(f => f.OwnerKind == owner.Kind && f.OwnerId == owner.Id, ct);
            if (feed is null)
            {
                db.Add(CalendarFeed.Create(owner.Kind, owner.Id, hash, now));
            }
            else
            {
                feed.Rotate(hash, now);
            }

            try
            {
                await db.SaveChangesAsync(ct);
                return token;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Two first visits at once (the unique owner index), or a rotation at the same time: try again on the new state.
            }
        }
    }

    /// <summary>Switches the owner's feed off; false when there was no active feed.</summary>
    public async Task<bool> RevokeAsync(CalendarFeedOwner owner, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(owner);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var revoked = await RevokeAsync(db, owner, time.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        return revoked;
    }

    /// <summary>
    /// Revokes the owner's feed in <paramref name="db"/> without saving, so that it commits with the change that causes it
    /// (a participant who erases their account, a facilitator who leaves). False when there was no active feed.
    /// </summary>
    public static async Task<bool> RevokeAsync(LotgenotenDbContext db, CalendarFeedOwner owner, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(owner);
        var feed = await db.Set<CalendarFeed>().FirstOrDefaultAsync(f => f.OwnerKind == owner.Kind && f.OwnerId == owner.Id, ct);
        return feed?.Revoke(now) ?? false;
    }

    /// <summary>
    /// Call after a participant's membership ended, in the same context and before saving (the ended membership must be
    /// tracked in <paramref name="db"/> or already saved): revokes their feed when no joined or active membership remains.
    /// Returns whether it revoked.
    /// </summary>
    public static async Task<bool> RevokeWhenMembershipEndedAsync(LotgenotenDbContext db, string participantId, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrEmpty(participantId);
        var saved = await db.Set<Membership>().AsNoTracking()
            .Where(m => m.ParticipantId == participantId && (m.Status == MembershipStatus.Joined || m.Status == MembershipStatus.Active))
            .Select(m => m.Id)
            .ToListAsync(ct);
        var tracked = db.ChangeTracker.Entries<Membership>().Select(e => e.Entity).ToDictionary(m => m.Id);
        var stillMember = saved.Any(id => !tracked.TryGetValue(id, out var m) || m.IsMember)
            || tracked.Values.Any(m => m.ParticipantId == participantId && m.IsMember);
        return !stillMember && await RevokeAsync(db, CalendarFeedOwner.Participant(participantId), now, ct);
    }

    /// <summary>
    /// A short fingerprint of everything the owner's feed shows: their groups, the groups' versions, the count, versions
    /// and sequences of the meetings and series in the window, their preferences, and the window's first day. Equal
    /// stamps mean equal feeds, so that cached bytes can be served. Three small aggregate queries.
    /// </summary>
    public async Task<string> StampAsync(CalendarFeedOwner owner, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var from = WindowStart(time.GetUtcNow());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{owner.Kind}|{from.UtcTicks}|");

        var parts = await OwnerGroupsAsync(db, owner, ct);
        foreach (var part in parts.OrderBy(p => p.GroupId))
        {
            text.Append(CultureInfo.InvariantCulture, $"g{part.GroupId:N}.{part.GroupVersion}.{part.MembershipVersion}.{part.FullTitles}.{part.ReminderMinutes}|");
        }

        var ids = parts.Select(p => p.GroupId).Distinct().ToList();
        var meetings = await db.Set<Meeting>().AsNoTracking()
            .Where(m => ids.Contains(m.GroupId) && m.EndsAt >= from)
            .GroupBy(m => m.GroupId)
            .Select(g => new { GroupId = g.Key, Count = g.Count(), Versions = g.Sum(m => m.Version), Sequences = g.Sum(m => m.Sequence) })
            .ToListAsync(ct);
        foreach (var m in meetings.OrderBy(m => m.GroupId))
        {
            text.Append(CultureInfo.InvariantCulture, $"m{m.GroupId:N}.{m.Count}.{m.Versions}.{m.Sequences}|");
        }

        var series = await db.Set<MeetingSeries>().AsNoTracking()
            .Where(s => ids.Contains(s.GroupId))
            .GroupBy(s => s.GroupId)
            .Select(g => new { GroupId = g.Key, Count = g.Count(), Versions = g.Sum(s => s.Version), Sequences = g.Sum(s => s.Sequence) })
            .ToListAsync(ct);
        foreach (var s in series.OrderBy(s => s.GroupId))
        {
            text.Append(CultureInfo.InvariantCulture, $"s{s.GroupId:N}.{s.Count}.{s.Versions}.{s.Sequences}|");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }

    /// <summary>
    /// The owner's feed: a facilitator's groups, or a participant's groups of joined or active memberships; meetings that
    /// end after the window start (cancelled ones included), and the series they belong to. A facilitator's feed has full
    /// titles in Dutch; a participant's is in the group's language, with full titles only when they chose them for every
    /// group, and the shortest reminder they chose.
    /// </summary>
    public async Task<CalendarFeedContent> LoadAsync(CalendarFeedOwner owner, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var from = WindowStart(time.GetUtcNow());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var parts = await OwnerGroupsAsync(db, owner, ct);
        var ids = parts.Select(p => p.GroupId).Distinct().ToList();

        var groups = await db.Set<PeerGroup>().AsNoTracking().Where(g => ids.Contains(g.Id)).ToListAsync(ct);
        var meetings = await db.Set<Meeting>().AsNoTracking()
            .Where(m => ids.Contains(m.GroupId) && m.EndsAt >= from)
            .OrderBy(m => m.StartsAt)
            .ToListAsync(ct);
        var seriesIds = meetings.Where(m => m.SeriesId != null).Select(m => m.SeriesId!.Value).Distinct().ToList();
        var series = await db.Set<MeetingSeries>().AsNoTracking().Where(s => seriesIds.Contains(s.Id)).ToListAsync(ct);

        var feedGroups = groups
            .OrderBy(g => g.Id)
            .Select(g => new FeedGroup(
                g,
                [.. series.Where(s => s.GroupId == g.Id).OrderBy(s => s.Id)],
                [.. meetings.Where(m => m.GroupId == g.Id)]))
            .ToList();

        CalendarRecipient recipient;
        if (owner.Kind == CalendarFeedOwnerKind.Staff)
        {
            recipient = new CalendarRecipient(null, Language.Nl.ToCode(), FullTitles: true);
        }
        else
        {
            var first = groups.OrderBy(g => g.Id).FirstOrDefault();
            var reminders = parts.Where(p => p.ReminderMinutes is not null).Select(p => p.ReminderMinutes!.Value).ToList();
            recipient = new CalendarRecipient(
                null,
                (first?.Language ?? Language.Nl).ToCode(),
                FullTitles: parts.Count > 0 && parts.All(p => p.FullTitles),
                ReminderMinutes: reminders.Count == 0 ? null : reminders.Min());
        }

        return new CalendarFeedContent(feedGroups, recipient);
    }

    /// <summary>The start of the window: midnight in Brussels, <see cref="MonthsBack"/> months before today.</summary>
    public static DateTimeOffset WindowStart(DateTimeOffset now) =>
        BrusselsTime.StartOfDay(BrusselsTime.Today(now).AddMonths(-MonthsBack));

    private sealed record OwnerGroup(Guid GroupId, int GroupVersion, int MembershipVersion, bool FullTitles, int? ReminderMinutes);

    private static async Task<List<OwnerGroup>> OwnerGroupsAsync(LotgenotenDbContext db, CalendarFeedOwner owner, CancellationToken ct)
    {
        if (owner.Kind == CalendarFeedOwnerKind.Staff)
        {
            var staffIds = db.Set<StaffMember>().Where(s => s.ObjectId == owner.Id).Select(s => s.Id);
            return await db.Set<PeerGroup>().AsNoTracking()
                .Where(g => g.Facilitators.Any(f => staffIds.Contains(f.StaffMemberId)))
                .Select(g => new OwnerGroup(g.Id, g.Version, 0, true, null))
                .ToListAsync(ct);
        }

        // A join, not SelectMany over the navigation: SQLite cannot translate the APPLY that would need.
        return await (
            from m in db.Set<Membership>().AsNoTracking()
            join g in db.Set<PeerGroup>().AsNoTracking() on m.GroupId equals g.Id
            where m.ParticipantId == owner.Id && (m.Status == MembershipStatus.Joined || m.Status == MembershipStatus.Active)
            select new OwnerGroup(g.Id, g.Version, m.Version, m.FullTitles, m.ReminderMinutes))
            .ToListAsync(ct);
    }
}
