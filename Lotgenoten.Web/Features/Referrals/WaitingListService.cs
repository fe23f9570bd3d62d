using System.Security.Claims;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Web.Features.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Web.Features.Referrals;

/// <summary>
/// The coordinators' waiting list: referrals from received to invited, in four tabs, filtered, searched by short
/// reference, sorted and paged in the database (only one page of rows is ever loaded), with counts per tab and the
/// waiting list's median and longest wait. Coordinators only, checked again on every call.
/// </summary>
public sealed class WaitingListService(
    IDbContextFactory<LotgenotenDbContext> dbFactory,
    TimeProvider time,
    IOptions<ReferralOptions> options)
{
    private static readonly ReferralStatus[] WaitingStatuses = [ReferralStatus.IntakeDone, ReferralStatus.Waiting];

    /// <summary>The statuses a tab shows.</summary>
    public static IReadOnlyList<ReferralStatus> StatusesOf(WaitingListTab tab) => tab switch
    {
        WaitingListTab.ToPlan => [ReferralStatus.Received],
        WaitingListTab.Planned => [ReferralStatus.IntakePlanned],
        WaitingListTab.Waiting => WaitingStatuses,
        WaitingListTab.Invited => [ReferralStatus.Invited],
        _ => throw new ArgumentOutOfRangeException(nameof(tab)),
    };

    /// <summary>One page of the tab asked for, the number of rows that match, the counts of every tab (same filters) and the summary.</summary>
    public async Task<WaitingListView> ListAsync(ClaimsPrincipal user, WaitingListQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        RequireCoordinator(user);
        if (!Enum.IsDefined(query.Tab))
        {
            throw new ArgumentOutOfRangeException(nameof(query), "Unknown tab.");
        }

        var warningDays = options.Value.WaitingWarningDays;
        var today = BrusselsTime.Today(time.GetUtcNow());
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        ReferralStatus[] open = [ReferralStatus.Received, ReferralStatus.IntakePlanned, .. WaitingStatuses, ReferralStatus.Invited];
        var filtered = Filter(db.Set<Referral>().AsNoTracking().Where(r => open.Contains(r.Status)), query);

        var byStatus = await filtered.GroupBy(r => r.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        int Count(params ReferralStatus[] statuses) => byStatus.Where(s => statuses.Contains(s.Status)).Sum(s => s.Count);
        var counts = new WaitingListCounts(
            Count(ReferralStatus.Received), Count(ReferralStatus.IntakePlanned), Count(WaitingStatuses), Count(ReferralStatus.Invited));

        var statuses = StatusesOf(query.Tab).ToArray();
        var tab = filtered.Where(r => statuses.Contains(r.Status));
        var size = Math.Clamp(query.PageSize, 1, WaitingListQuery.MaxPageSize);
        var page = Math.Max(query.Page, 0);
        var rows = await Sort(tab, query)
            .Skip(page * size).Take(size)
            .Select(r => new
            {
                r.Id,
                r.Reference,
                r.ReceivedOn,
                r.Relation,
                r.Concern,
                r.Language,
                r.Region,
                r.Format,
                r.Availability,
                r.Status,
                r.IntakePlannedFor,
            })
            .ToListAsync(ct);

        var summary = await SummaryAsync(db, today, warningDays, ct);
        return new WaitingListView(
            rows.Select(r =>
            {
                var days = Math.Max(0, today.DayNumber - r.ReceivedOn.DayNumber);
                return new WaitingListRow(
                    r.Id, r.Reference, r.ReceivedOn, days, r.Relation, r.Concern, r.Language, r.Region, r.Format, r.Availability,
                    r.Status, r.IntakePlannedFor is { } at ? BrusselsTime.ToLocal(at) : null,
                    WaitingAge.Warn(days, warningDays), WaitingAge.Near(days, warningDays));
            }).ToList(),
            counts.For(query.Tab),
            counts,
            summary,
            warningDays);
    }

    private static IQueryable<Referral> Filter(IQueryable<Referral> referrals, WaitingListQuery query)
    {
        if (query.Relation is { } relation)
        {
            referrals = referrals.Where(r => r.Relation == relation);
        }

        if (query.Concern is { } concern)
        {
            referrals = referrals.Where(r => r.Concern == concern);
        }

        if (query.Language is { } language)
        {
            referrals = referrals.Where(r => r.Language == language);
        }

        if (query.Region is { } region)
        {
            referrals = referrals.Where(r => r.Region == region);
        }

        if (query.Format is { } format)
        {
            referrals = referrals.Where(r => r.Format == format);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            if (Guid.TryParse(query.Search.Trim(), out var id))
            {
                return referrals.Where(r => r.Id == id);
            }

            if (ReferralReference.Normalize(query.Search) is not { } reference)
            {
                return referrals.Where(_ => false);
            }

            // A whole reference is one row of the unique index; a beginning is a prefix search (LIKE 'X%').
            referrals = reference.Length == ReferralReference.Length
                ? referrals.Where(r => r.Reference == reference)
                : referrals.Where(r => r.Reference.StartsWith(reference));
        }

        return referrals;
    }

    private static IQueryable<Referral> Sort(IQueryable<Referral> referrals, WaitingListQuery query)
    {
        var sort = query.Sort ?? (query.Tab == WaitingListTab.Planned ? WaitingListSort.IntakePlannedFor : WaitingListSort.ReceivedOn);
        var descending = query.Descending;
        IOrderedQueryable<Referral> ordered = sort switch
        {
            WaitingListSort.IntakePlannedFor => descending ? referrals.OrderByDescending(r => r.IntakePlannedFor) : referrals.OrderBy(r => r.IntakePlannedFor),
            WaitingListSort.Relation => descending ? referrals.OrderByDescending(r => r.Relation) : referrals.OrderBy(r => r.Relation),
            WaitingListSort.Concern => descending ? referrals.OrderByDescending(r => r.Concern) : referrals.OrderBy(r => r.Concern),
            WaitingListSort.Language => descending ? referrals.OrderByDescending(r => r.Language) : referrals.OrderBy(r => r.Language),
            WaitingListSort.Region => descending ? referrals.OrderByDescending(r => r.Region) : referrals.OrderBy(r => r.Region),
            WaitingListSort.Format => descending ? referrals.OrderByDescending(r => r.Format) : referrals.OrderBy(r => r.Format),
            _ => descending ? referrals.OrderByDescending(r => r.ReceivedOn) : referrals.OrderBy(r => r.ReceivedOn),
        };

        // A stable order within equal keys: the longest wait first, then the id (time-ordered).
        return sort == WaitingListSort.ReceivedOn
            ? ordered.ThenBy(r => r.Id)
            : ordered.ThenBy(r => r.ReceivedOn).ThenBy(r => r.Id);
    }

    /// <summary>The unfiltered waiting list: its size, the median and longest wait, and how many are past the warning age (all in SQL).</summary>
    private static async Task<WaitingListSummary> SummaryAsync(LotgenotenDbContext db, DateOnly today, int warningDays, CancellationToken ct)
    {
        var waiting = db.Set<Referral>().AsNoTracking().Where(r => WaitingStatuses.Contains(r.Status));
        var count = await waiting.CountAsync(ct);
        if (count == 0)
        {
            return new WaitingListSummary(0, null, null, 0);
        }

        var oldest = await waiting.MinAsync(r => r.ReceivedOn, ct);
        var middle = await waiting.OrderBy(r => r.ReceivedOn).ThenBy(r => r.Id)
            .Skip((count - 1) / 2).Take(count % 2 == 0 ? 2 : 1)
            .Select(r => r.ReceivedOn)
            .ToListAsync(ct);
        var warnFrom = today.AddDays(-warningDays);
        var pastWarning = await waiting.CountAsync(r => r.ReceivedOn <= warnFrom, ct);
        var median = middle.Average(d => (double)Math.Max(0, today.DayNumber - d.DayNumber));
        return new WaitingListSummary(count, median, Math.Max(0, today.DayNumber - oldest.DayNumber), pastWarning);
    }

    private static void RequireCoordinator(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true || !user.IsInRole(AppRoles.Coordinator)
            || string.IsNullOrEmpty(user.FindFirstValue(AuthSchemes.StaffClaims.ObjectId)))
        {
            throw new UnauthorizedAccessException("The waiting list needs the Coordinator role.");
        }
    }
}
