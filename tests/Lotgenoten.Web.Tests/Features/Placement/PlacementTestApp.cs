using System.Globalization;
using System.Security.Claims;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Invitations;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Web.Features.Placement;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Web.Tests.Features.Placement;

/// <summary>
/// The real app for matching and placement tests, on its own database (<see cref="LotgenotenWebFactory"/>: the web tests'
/// provider, or the one a race test asks for; a PostgreSQL test without <c>LOTGENOTEN_TEST_POSTGRES</c> fails, as the
/// infrastructure tests do: a PostgreSQL test that silently passes would hide what it is there to find). A
/// <see cref="FakeTimeProvider"/> is the clock; <see cref="Gate"/> can hold placements' SaveChanges until two arrive.
/// </summary>
public sealed class PlacementTestApp : LotgenotenWebFactory
{
    public const string BaseUri = "https://portal.test/";
    public const string CoordinatorOid = "coordinator-oid";
    public const string SecondCoordinatorOid = "coordinator2-oid";
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private PlacementTestApp(DatabaseProvider? provider)
        : base(provider: provider)
    {
    }

    public FakeTimeProvider Clock { get; } = new(Now);

    public SaveGate Gate { get; } = new();

    /// <summary>On the web tests' database provider (SQLite unless <c>LOTGENOTEN_WEB_TESTS_DATABASE</c> says otherwise).</summary>
    public static Task<PlacementTestApp> CreateAsync() => StartAsync(null);

    /// <summary>On SQLite, whatever the web tests' provider: for the cases written once per provider.</summary>
    public static Task<PlacementTestApp> SqliteAsync() => StartAsync(DatabaseProvider.Sqlite);

    /// <summary>On a fresh PostgreSQL database (needs <c>LOTGENOTEN_TEST_POSTGRES</c>; fails without it).</summary>
    public static Task<PlacementTestApp> PostgresAsync() => StartAsync(DatabaseProvider.Postgres);

    private static async Task<PlacementTestApp> StartAsync(DatabaseProvider? provider)
    {
        var app = new PlacementTestApp(provider);
        try
        {
            _ = app.Services; // starts the host (and migrates)
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

    public static ClaimsPrincipal Coordinator => Staff(CoordinatorOid, AppRoles.Coordinator);

    public static ClaimsPrincipal SecondCoordinator => Staff(SecondCoordinatorOid, AppRoles.Coordinator);

    public static ClaimsPrincipal Staff(string oid, params string[] roles) =>
        new(new ClaimsIdentity(
            [new Claim("oid", oid), new Claim("name", "Test"), .. roles.Select(r => new Claim("roles", r))], "test", "name", "roles"));

    /// <summary>A signed-in participant (an Identity account, not staff).</summary>
    public static ClaimsPrincipal Participant =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "participant-1"), new Claim("roles", AppRoles.Participant)], "test", "name", "roles"));

    /// <summary>A new scope each time, as two circuits would have, with the portal's address known as in a circuit.</summary>
    public PlacementService Placement(string culture = "nl-BE")
    {
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        CultureInfo.CurrentCulture = new CultureInfo(culture);
        var scope = Services.CreateScope();
        var navigation = scope.ServiceProvider.GetRequiredService<NavigationManager>();
        ((IHostEnvironmentNavigationManager)navigation).Initialize(BaseUri, BaseUri);
        return scope.ServiceProvider.GetRequiredService<PlacementService>();
    }

    public MatchingService Matching(string culture = "nl-BE")
    {
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        CultureInfo.CurrentCulture = new CultureInfo(culture);
        return Services.CreateScope().ServiceProvider.GetRequiredService<MatchingService>();
    }

    public IFieldProtector Protector => Services.GetRequiredService<IFieldProtector>();

    public async Task<LotgenotenDbContext> DbAsync(CancellationToken ct = default) =>
        await Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(ct);

    /// <summary>A referral on the waiting list (received <paramref name="daysAgo"/> days ago), optionally with an e-mail address.</summary>
    public async Task<Referral> WaitingAsync(
        Relation relation = Relation.Partner,
        Language language = Language.Nl,
        Region region = Region.Antwerp,
        FormatPreference format = FormatPreference.Either,
        WeeklyAvailability? availability = null,
        string? email = null,
        int daysAgo = 40,
        ReferralStatus until = ReferralStatus.Waiting)
    {
        var received = BrusselsTime.Today(Now).AddDays(-daysAgo);
        var at = Now.AddDays(-daysAgo);
        var referral = Referral.Register(
            new ReferralDetails(received, ReferralChannel.Phone, relation, Concern.AbuseImages, language, region, format,
                availability ?? WeeklyAvailability.Of([new AvailabilitySlot(DayOfWeek.Tuesday, DayPart.Evening)]),
                email is null ? ContactPreference.Code : ContactPreference.Email, true, "2026-01", "Een opmerking"),
            "counsellor-oid",
            at);
        if (email is not null)
        {
            referral.SetEmail(Protector.Protect(ProtectionPurposes.ReferralEmail, email), Protector.BlindIndex(ProtectionPurposes.ReferralEmail, email));
        }

        if (until != ReferralStatus.Received)
        {
            referral.PlanIntake(at.AddDays(1), "coordinator-oid", at.AddHours(1));
            referral.RecordIntake(true, BrusselsTime.Today(at.AddDays(2)), "coordinator-oid", at.AddDays(2));
            if (until == ReferralStatus.Waiting)
            {
                referral.PutOnWaitingList("coordinator-oid", at.AddDays(2));
            }
        }

        await using var db = await DbAsync();
        db.Add(referral);
        await db.SaveChangesAsync();
        return referral;
    }

    /// <summary>A group (planned unless asked otherwise) of <paramref name="maximum"/> places, <paramref name="taken"/> of them taken by other relatives.</summary>
    public async Task<PeerGroup> GroupAsync(
        string name = "Partners Antwerpen",
        GroupAudience audience = GroupAudience.Partners,
        Language language = Language.Nl,
        GroupFormat format = GroupFormat.InPerson,
        Region? region = Region.Antwerp,
        int maximum = 8,
        int taken = 0,
        GroupStatus status = GroupStatus.Planned,
        (DayOfWeek Day, TimeOnly Time)? series = null)
    {
        var group = PeerGroup.Create(
            new PeerGroupDetails(name, audience, language, format, format == GroupFormat.InPerson ? region : null,
                format == GroupFormat.InPerson ? "Straat 1\n2000 Antwerpen" : null,
                format == GroupFormat.Online ? "https://meet.example.org/groep" : null,
                1, maximum),
            Now.AddDays(-60));
        await using var db = await DbAsync();
        for (var i = 0; i < taken; i++)
        {
            var other = Referral.Register(
                new ReferralDetails(BrusselsTime.Today(Now).AddDays(-90), ReferralChannel.Phone, Relation.Partner, Concern.Unknown, language,
                    Region.Antwerp, FormatPreference.Either, WeeklyAvailability.None, ContactPreference.Code, true, "2026-01", null),
                "counsellor-oid",
                Now.AddDays(-90));
            db.Add(other);
            group.Place(other.Id, Now.AddDays(-30));
        }

        if (status == GroupStatus.Recruiting)
        {
            var staff = StaffMember.Create("facilitator-" + Guid.NewGuid().ToString("N"), "Begeleider", Now.AddDays(-100));
            db.Add(staff);
            group.AssignFacilitator(staff.Id, Now.AddDays(-59));
            group.StartRecruiting();
        }
        else if (status != GroupStatus.Planned)
        {
            throw new NotSupportedException("Tests here make planned or recruiting groups.");
        }

        db.Add(group);
        if (series is { } s)
        {
            var first = BrusselsTime.Today(Now).AddDays(1);
            while (first.DayOfWeek != s.Day)
            {
                first = first.AddDays(1);
            }

            var (planned, meetings) = group.PlanSeries(new SeriesPlan(RecurrencePattern.Weekly, first, s.Time, 120, 6, null), Now.AddDays(-1));
            db.Add(planned);
            db.AddRange(meetings);
        }

        await db.SaveChangesAsync();
        return group;
    }

    /// <summary>Every text value in every row of a table, as the database holds it.</summary>
    public async Task<IReadOnlyList<string>> AllTextAsync(string table)
    {
        await using var db = await DbAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (!reader.IsDBNull(i))
                {
                    var value = reader.GetValue(i);
                    values.Add(value is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
                }
            }
        }

        return values;
    }

    public static IReadOnlyList<Invitation> Open(IEnumerable<Invitation> invitations) =>
        invitations.Where(i => i.StateAt(Now) == InvitationState.Open).ToList();
}

/// <summary>
/// Holds the SaveChanges of placements (a new invitation being added) until <see cref="Expected"/> of them arrived, so that
/// two placements have both loaded and changed the group before either saves. Off unless <see cref="Arm"/>ed.
/// </summary>
public sealed class SaveGate : SaveChangesInterceptor
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
            && context.ChangeTracker.Entries<Invitation>().Any(e => e.State == EntityState.Added))
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
