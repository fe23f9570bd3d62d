using System.Diagnostics;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Lotgenoten.Infrastructure.Demo.Scale;

/// <summary>
/// Fills an empty database with years of a helpline many times today's size, for benchmarks (issue 9): the
/// <c>seed-scale</c> command of the web app. It migrates the database, refuses one that already holds referrals or
/// groups, builds the world in memory through the domain (<see cref="ScaleWorld"/>) and writes it in batches, each with a
/// fresh context and change detection off. Notes and e-mail addresses are protected with the app's own keys, so the
/// app can run on the database afterwards. The demo staff of <see cref="DemoUsers"/> exist as in the demo data.
/// </summary>
public sealed partial class ScaleSeeder(
    IDbContextFactory<LotgenotenDbContext> dbFactory,
    IFieldProtector protector,
    TimeProvider time,
    ILogger<ScaleSeeder> logger)
{
    /// <summary>Rows per <c>SaveChanges</c> (one context each).</summary>
    public const int BatchSize = 5000;

    /// <summary>Applies pending migrations; throws <see cref="ScaleDatabaseNotEmptyException"/> when referrals or groups exist.</summary>
    public async Task MigrateAndCheckEmptyAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        if (await db.Set<Referral>().AnyAsync(ct) || await db.Set<PeerGroup>().AnyAsync(ct))
        {
            throw new ScaleDatabaseNotEmptyException();
        }
    }

    /// <summary>Migrates, checks that the database is empty, then builds and writes the world.</summary>
    public async Task<ScaleResult> SeedAsync(ScaleOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        await MigrateAndCheckEmptyAsync(ct);

        var now = time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var world = new ScaleWorld(options, protector, now);
        world.Build();
        var generated = clock.Elapsed;
        ScaleLog.Generated(logger, world.Referrals.Count, world.Groups.Count, world.Meetings.Count, world.Attendance.Count, (long)generated.TotalMilliseconds);

        clock.Restart();
        await WriteAsync(world.Staff.Values.Concat(world.ExtraStaff).ToList(), 1, ct);
        await WriteAsync(world.Users, 1, ct);
        await WriteAsync(world.Referrals, 6, ct);          // each with its status history
        await WriteAsync(world.Groups, 12, ct);            // each with its facilitators and memberships
        await WriteAsync(world.Series, 1, ct);
        await WriteAsync(world.Meetings, 1, ct);
        await WriteAsync(world.Invitations, 1, ct);
        await WriteAsync(world.Responses, 1, ct);
        await WriteAsync(world.Attendance, 1, ct);
        await WriteAsync(world.Notes, 1, ct);
        await WriteAsync(world.Concerns, 1, ct);
        await WriteAsync(world.Audit, 1, ct);
        var written = clock.Elapsed;
        ScaleLog.Written(logger, (long)written.TotalMilliseconds);

        var today = Domain.Common.BrusselsTime.Today(now);
        var (registers, groups) = Registers(world, today);
        return new ScaleResult
        {
            Referrals = world.Referrals.Count,
            Groups = world.Groups.Count,
            Meetings = world.Meetings.Count,
            Attendance = world.Attendance.Count,
            Memberships = world.Groups.Sum(g => g.Memberships.Count),
            Participants = world.Users.Count,
            Responses = world.Responses.Count,
            Notes = world.Notes.Count,
            Concerns = world.Concerns.Count,
            AuditEvents = world.Audit.Count,
            Waiting = world.Referrals.Count(r => r.Status == ReferralStatus.Waiting),
            GenerateTime = generated,
            WriteTime = written,
            Registers = registers,
            FacilitatorGroups = groups,
        };
    }

    /// <summary>
    /// Writes entities in batches of about <see cref="BatchSize"/> rows (<paramref name="rowsPerEntity"/> counts the
    /// owned rows that come with each), each batch in a fresh context without automatic change detection.
    /// </summary>
    private async Task WriteAsync<T>(IReadOnlyList<T> entities, int rowsPerEntity, CancellationToken ct)
        where T : class
    {
        var perBatch = Math.Max(1, BatchSize / rowsPerEntity);
        for (var offset = 0; offset < entities.Count; offset += perBatch)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var batch = entities.Skip(offset).Take(perBatch);
            db.Set<T>().AddRange(batch);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>
    /// Registers of meetings held (or of today) in the demo facilitator's groups that have members: the latest of each
    /// group first, then the others, so that a load client finds many different ones.
    /// </summary>
    private static (List<string> Registers, List<Guid> Groups) Registers(ScaleWorld world, DateOnly today)
    {
        var withMembers = world.Groups
            .Where(g => world.DemoFacilitatorGroups.Contains(g.Id) && g.Memberships.Any(m => m.JoinedAt is not null))
            .Select(g => g.Id)
            .ToHashSet();
        var byGroup = world.Meetings
            .Where(m => withMembers.Contains(m.GroupId) && (m.Status == MeetingStatus.Held || (m.Status == MeetingStatus.Scheduled && m.Date <= today)))
            .GroupBy(m => m.GroupId)
            .Select(g => (Group: g.Key, Meetings: g.OrderByDescending(m => m.StartsAt).ToList()))
            .OrderByDescending(g => g.Meetings[0].StartsAt)
            .ToList();
        var registers = new List<string>();
        var depth = byGroup.Count == 0 ? 0 : byGroup.Max(g => g.Meetings.Count);
        for (var i = 0; i < depth && (i == 0 || registers.Count < 1000); i++)
        {
            foreach (var (group, meetings) in byGroup)
            {
                if (i < meetings.Count)
                {
                    registers.Add($"/groepen/{group}/bijeenkomsten/{meetings[i].Id}");
                }
            }
        }

        return (registers, byGroup.Select(g => g.Group).ToList());
    }

    private static partial class ScaleLog
    {
        [LoggerMessage(EventId = 9101, Level = LogLevel.Information,
            Message = "Scale world built: {Referrals} referrals, {Groups} groups, {Meetings} meetings, {Attendance} attendance rows in {Milliseconds} ms")]
        public static partial void Generated(ILogger logger, int referrals, int groups, int meetings, int attendance, long milliseconds);

        [LoggerMessage(EventId = 9102, Level = LogLevel.Information, Message = "Scale world written in {Milliseconds} ms")]
        public static partial void Written(ILogger logger, long milliseconds);
    }
}
