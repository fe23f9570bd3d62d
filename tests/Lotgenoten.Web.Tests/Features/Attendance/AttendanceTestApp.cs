using System.Globalization;
using System.Security.Claims;
using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Web.Features.Attendance;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Web.Tests.Features.Attendance;

/// <summary>
/// The real app for attendance tests, on its own database (<see cref="LotgenotenWebFactory"/>: the web tests' provider, or
/// the one a race test asks for; a PostgreSQL test without <c>LOTGENOTEN_TEST_POSTGRES</c> fails). The clock
/// is Tuesday 24 November 2026, 20:00 in Brussels: the group "Dinsdag" meets every two weeks on Tuesday 19:00–21:00 from
/// 1 September (ten meetings), so six meetings are over, one is going on now and three are still to come. None is held
/// and nothing is recorded until a test does it. <see cref="Gate"/> can hold attendance saves until two arrive.
/// </summary>
public sealed class AttendanceTestApp : LotgenotenWebFactory
{
    public const string FacilitatorOid = "facilitator-oid";
    public const string CoFacilitatorOid = "facilitator2-oid";
    public const string OtherFacilitatorOid = "other-facilitator-oid";
    public const string CoordinatorOid = "coordinator-oid";
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 19, 0, 0, TimeSpan.Zero);

    private AttendanceTestApp(DatabaseProvider? provider)
        : base(provider: provider)
    {
    }

    public FakeTimeProvider Clock { get; } = new(Now);

    public AttendanceGate Gate { get; } = new();

    public Guid GroupId { get; private set; }

    public Guid OtherGroupId { get; private set; }

    /// <summary>The group's ten meetings, oldest first.</summary>
    public IReadOnlyList<Meeting> Meetings { get; private set; } = [];

    /// <summary>Anna, Bram, Cato and Dirk (joined in August), then Eva (joined on 20 October).</summary>
    public IReadOnlyList<Membership> Members { get; private set; } = [];

    /// <summary>The meeting going on now (Tuesday 24 November, 19:00).</summary>
    public Meeting Today => Meetings[6];

    /// <summary>On the web tests' database provider (SQLite unless <c>LOTGENOTEN_WEB_TESTS_DATABASE</c> says otherwise).</summary>
    public static Task<AttendanceTestApp> CreateAsync() => StartAsync(null);

    /// <summary>On SQLite, whatever the web tests' provider: for the cases written once per provider.</summary>
    public static Task<AttendanceTestApp> SqliteAsync() => StartAsync(DatabaseProvider.Sqlite);

    /// <summary>On a fresh PostgreSQL database (needs <c>LOTGENOTEN_TEST_POSTGRES</c>; fails without it).</summary>
    public static Task<AttendanceTestApp> PostgresAsync() => StartAsync(DatabaseProvider.Postgres);

    private static async Task<AttendanceTestApp> StartAsync(DatabaseProvider? provider)
    {
        var app = new AttendanceTestApp(provider);
        try
        {
            _ = app.Services; // starts the host (and migrates)
            await app.SeedAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync(); // drops its database
            throw;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            s.AddSingleton(Gate);
            s.ConfigureDbContext<SqliteLotgenotenDbContext>(o => o.AddInterceptors(Gate));
            s.ConfigureDbContext<PostgresLotgenotenDbContext>(o => o.AddInterceptors(Gate));
        });
    }

    public static ClaimsPrincipal Facilitator => Staff(FacilitatorOid, AppRoles.Facilitator);

    public static ClaimsPrincipal CoFacilitator => Staff(CoFacilitatorOid, AppRoles.Facilitator);

    public static ClaimsPrincipal OtherFacilitator => Staff(OtherFacilitatorOid, AppRoles.Facilitator);

    public static ClaimsPrincipal Coordinator => Staff(CoordinatorOid, AppRoles.Coordinator);

    public static ClaimsPrincipal Counsellor => Staff("counsellor-oid", AppRoles.Counsellor);

    public static ClaimsPrincipal Staff(string oid, params string[] roles) =>
        new(new ClaimsIdentity([new Claim("oid", oid), new Claim("name", "Test"), .. roles.Select(r => new Claim("roles", r))], "test", "name", "roles"));

    /// <summary>A signed-in participant (an Identity account, not staff).</summary>
    public static ClaimsPrincipal Participant =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "participant-1"), new Claim("roles", AppRoles.Participant)], "test", "name", "roles"));

    /// <summary>A new scope each time, as two circuits would have.</summary>
    public AttendanceService Attendance()
    {
        UseDutch();
        return Services.CreateScope().ServiceProvider.GetRequiredService<AttendanceService>();
    }

    public CheckInQuery CheckIns()
    {
        UseDutch();
        return Services.CreateScope().ServiceProvider.GetRequiredService<CheckInQuery>();
    }

    public async Task<LotgenotenDbContext> DbAsync(CancellationToken ct = default) =>
        await Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(ct);

    /// <summary>Records statuses at a past meeting (at its end, as the facilitator) and closes its register, through the domain.</summary>
    public async Task HoldAsync(int meeting, params (int Member, AttendanceStatus Status)[] statuses)
    {
        await using var db = await DbAsync();
        var m = await db.Set<Meeting>().SingleAsync(x => x.Id == Meetings[meeting].Id);
        foreach (var (member, status) in statuses)
        {
            var membership = await db.Set<Membership>().SingleAsync(x => x.Id == Members[member].Id);
            db.Add(AttendanceRecord.Record(m, membership, status, FacilitatorOid, m.EndsAt));
        }

        m.MarkHeld(m.EndsAt.AddMinutes(5));
        await db.SaveChangesAsync();
    }

    /// <summary>Holds a meeting where everyone present at the time came, except the given members.</summary>
    public async Task HoldAllPresentAsync(int meeting, params (int Member, AttendanceStatus Status)[] except)
    {
        var m = Meetings[meeting];
        var statuses = Enumerable.Range(0, Members.Count)
            .Where(i => Members[i].JoinedAt <= m.EndsAt)
            .Select(i => (i, except.Any(e => e.Member == i) ? except.First(e => e.Member == i).Status : AttendanceStatus.Present))
            .ToArray();
        await HoldAsync(meeting, statuses);
    }

    private static void UseDutch()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("nl-BE");
        CultureInfo.CurrentCulture = new CultureInfo("nl-BE");
    }

    private async Task SeedAsync()
    {
        await using var db = await DbAsync();
        var created = new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero);
        var pieter = StaffMember.Create(FacilitatorOid, "Pieter Begeleider", created);
        var sarah = StaffMember.Create(CoFacilitatorOid, "Sarah Begeleider", created);
        var other = StaffMember.Create(OtherFacilitatorOid, "Olga Anders", created);
        var hilde = StaffMember.Create(CoordinatorOid, "Hilde Coördinator", created);
        db.AddRange(pieter, sarah, other, hilde);

        var group = PeerGroup.Create(new PeerGroupDetails("Dinsdag", GroupAudience.Partners, Language.Nl, GroupFormat.InPerson, Region.Antwerp,
            "Straat 1, 2000 Antwerpen", null, 3, 10), created);
        group.AssignFacilitator(pieter.Id, created);
        group.AssignFacilitator(sarah.Id, created);
        group.StartRecruiting();
        var otherGroup = PeerGroup.Create(new PeerGroupDetails("Woensdag", GroupAudience.Parents, Language.Nl, GroupFormat.Online, null, null,
            "https://meet.example.org/w", 3, 10), created);
        otherGroup.AssignFacilitator(other.Id, created);

        var members = new List<Membership>();
        string[] names = ["Anna", "Bram", "Cato", "Dirk", "Eva"];
        foreach (var name in names)
        {
            var late = name == "Eva";
            var at = late ? new DateTimeOffset(2026, 10, 20, 10, 0, 0, TimeSpan.Zero) : new DateTimeOffset(2026, 8, 10, 10, 0, 0, TimeSpan.Zero);
            var referral = Referral.Register(
                new ReferralDetails(BrusselsTime.Today(at.AddDays(-30)), ReferralChannel.Phone, Relation.Partner, Concern.Unknown, Language.Nl,
                    Region.Antwerp, FormatPreference.Either, WeeklyAvailability.None, ContactPreference.Code, true, "2026-01", null),
                "counsellor-oid", at.AddDays(-30));
            referral.PlanIntake(at.AddDays(-25), CoordinatorOid, at.AddDays(-28));
            referral.RecordIntake(true, BrusselsTime.Today(at.AddDays(-25)), CoordinatorOid, at.AddDays(-25));
            referral.PutOnWaitingList(CoordinatorOid, at.AddDays(-25));
            db.Add(referral);
            var membership = group.Place(referral.Id, at.AddDays(-2));
            referral.MarkInvited(group.Id, CoordinatorOid, at.AddDays(-2));
            var participant = "participant-" + name.ToLowerInvariant();
            db.Users.Add(new Lotgenoten.Infrastructure.Identity.ParticipantUser { Id = participant, UserName = participant });
            group.Join(membership.Id, participant, name, at);
            referral.MarkJoined(participant, at);
            members.Add(membership);
            if (name == "Dirk")
            {
                group.Start(at.AddHours(1));
            }
        }

        var (series, meetings) = group.PlanSeries(
            new SeriesPlan(RecurrencePattern.EveryTwoWeeks, new DateOnly(2026, 9, 1), new TimeOnly(19, 0), 120, 10, null),
            new DateTimeOffset(2026, 8, 15, 9, 0, 0, TimeSpan.Zero));
        db.AddRange(group, otherGroup, series);
        db.AddRange(meetings);
        await db.SaveChangesAsync();
        GroupId = group.Id;
        OtherGroupId = otherGroup.Id;
        Meetings = meetings.OrderBy(m => m.StartsAt).ToList();
        Members = members;
    }
}

/// <summary>
/// Holds the SaveChanges that add or change an attendance row until <see cref="Expected"/> of them arrived, so that two
/// co-facilitators have both read the register and tapped before either saves. Off unless <see cref="Arm"/>ed.
/// </summary>
public sealed class AttendanceGate : SaveChangesInterceptor
{
    private TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;
    private bool _armed;

    public int Expected { get; private set; }

    public void Arm(int expected)
    {
        Expected = expected;
        _arrived = 0;
        _all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _armed = true;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (_armed && eventData.Context is { } context
            && context.ChangeTracker.Entries<AttendanceRecord>().Any(e => e.State is EntityState.Added or EntityState.Modified))
        {
            if (Interlocked.Increment(ref _arrived) >= Expected)
            {
                _armed = false;
                _all.TrySetResult();
            }

            await _all.Task.WaitAsync(TimeSpan.FromSeconds(20), cancellationToken);
        }

        return result;
    }
}
