using System.Globalization;
using System.Security.Claims;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Web.Features.Audit;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Web.Tests.Features.Audit;

/// <summary>The coordinators' audit log on a real database (SQLite and PostgreSQL) with a known set of events, in Dutch.</summary>
public abstract class AuditLogServiceTests(bool postgres) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private const string CoordinatorOid = "coordinator-oid";
    private const string FacilitatorOid = "facilitator-oid";
    private const string ParticipantId = "participant-account-1";

    private LotgenotenWebFactory _factory = default!;
    private readonly Dictionary<string, AuditEvent> _events = [];
    private readonly List<AuditEvent> _bulk = [];
    private IServiceProvider _services = default!;
    private PeerGroup _gent = default!;
    private PeerGroup _online = default!;
    private Guid _referralId;

    public async ValueTask InitializeAsync()
    {
        _factory = new LotgenotenWebFactory(provider: postgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite);
        var app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(Now))));
        _services = app.Services;
        await using var db = await DbAsync();
        db.AddRange(
            StaffMember.Create(CoordinatorOid, "Hilde Coördinator", Now.AddDays(-400)),
            StaffMember.Create(FacilitatorOid, "Pieter Begeleider", Now.AddDays(-400)));
        db.Add(new ParticipantUser { Id = ParticipantId, UserName = "deelnemer-1", NormalizedUserName = "DEELNEMER-1", SecurityStamp = "s" });
        _gent = Group("Partners Gent");
        _online = Group("Ouders online");
        db.AddRange(_gent, _online);
        _referralId = Guid.CreateVersion7(Now.AddDays(-30));

        Add("NoteRead", FacilitatorOid, AuditKind.NoteRead, "FacilitatorNote", Guid.CreateVersion7(Now).ToString(), Utc(2026, 11, 1, 18), _gent.Id);
        Add("NoteWritten", FacilitatorOid, AuditKind.NoteWritten, "FacilitatorNote", _events["NoteRead"].EntityId, Utc(2026, 11, 1, 19), _gent.Id);
        Add("Revealed", CoordinatorOid, AuditKind.EmailRevealed, "Referral", _referralId.ToString(), Utc(2026, 11, 10, 9));
        Add("GroupCreated", CoordinatorOid, AuditKind.GroupCreated, "PeerGroup", _online.Id.ToString(), new DateTimeOffset(2026, 10, 31, 23, 30, 0, TimeSpan.Zero), _online.Id);
        Add("Redeemed", ParticipantId, AuditKind.InvitationRedeemed, "Invitation", Guid.CreateVersion7(Now).ToString(), Utc(2026, 11, 20, 20), _online.Id);
        Add("Retention", "system", AuditKind.RetentionRun, "Retention", "e=1 n=0 a=0 u=0 o=0 i=0", Utc(2026, 11, 28, 2, 30));
        Add("Unknown", "former-oid", AuditKind.NoteRead, "FacilitatorNote", Guid.CreateVersion7(Now).ToString(), Utc(2026, 11, 15, 12), _gent.Id);
        Add("Erased", "participant-erased", AuditKind.ParticipantErased, "Membership", Guid.CreateVersion7(Now).ToString(), Utc(2026, 11, 16, 12), _online.Id);
        for (var i = 0; i < 30; i++)
        {
            var e = AuditEvent.Record(CoordinatorOid, AuditKind.ConcernRead, "SafeguardingConcern", Guid.CreateVersion7(Now).ToString(), Utc(2026, 9, 1, 8).AddHours(i), _gent.Id);
            _bulk.Add(e);
        }

        db.AddRange(_events.Values);
        db.AddRange(_bulk);
        await db.SaveChangesAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync(); // drops its database
        GC.SuppressFinalize(this);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ClaimsPrincipal Coordinator => Staff(CoordinatorOid, AppRoles.Coordinator);

    private static DateTimeOffset Utc(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    private void Add(string name, string actor, AuditKind kind, string type, string id, DateTimeOffset at, Guid? group = null) =>
        _events[name] = AuditEvent.Record(actor, kind, type, id, at, group);

    private static PeerGroup Group(string name) => PeerGroup.Create(
        new PeerGroupDetails(name, GroupAudience.Partners, Language.Nl, GroupFormat.Online, null, null, "https://meet.example.org/x", 2, 8), Now.AddDays(-200));

    private AuditLogService NewService()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("nl-BE");
        return _services.CreateScope().ServiceProvider.GetRequiredService<AuditLogService>();
    }

    private async Task<LotgenotenDbContext> DbAsync() =>
        await _services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);

    private async Task<List<Guid>> IdsAsync(AuditLogQuery query) =>
        [.. (await NewService().SearchAsync(Coordinator, query, Ct)).Rows.Select(r => r.Id)];

    private List<Guid> Ids(params string[] names) => [.. names.Select(n => _events[n].Id)];

    [Fact]
    public async Task Open_Coordinator_RecordsOneViewEventAndOffersNamedChoices()
    {
        var service = NewService();

        var choices = await service.OpenAsync(Coordinator, Ct);
        await service.SearchAsync(Coordinator, new AuditLogQuery(0, 25), Ct);
        await service.SearchAsync(Coordinator, new AuditLogQuery(1, 25, Kinds: [AuditKind.NoteRead]), Ct);

        choices.Actors.ShouldBe([new("coordinator-oid", "Hilde Coördinator"), new("facilitator-oid", "Pieter Begeleider"), new("system", "Systeem")]);
        choices.Groups.Select(g => g.Name).ShouldBe(["Ouders online", "Partners Gent"]);
        choices.EntityTypes.ShouldBe(["AuditLog", "FacilitatorNote", "Invitation", "Membership", "PeerGroup", "Referral", "Retention", "SafeguardingConcern"]);
        choices.KeptMonths.ShouldBe(24);
        await using var db = await DbAsync();
        var viewed = await db.Set<AuditEvent>().Where(a => a.Kind == AuditKind.AuditLogViewed).ToListAsync(Ct);
        viewed.ShouldHaveSingleItem();
        (viewed[0].ActorId, viewed[0].EntityType, viewed[0].EntityId, viewed[0].OccurredAt, viewed[0].GroupId).ShouldBe(
            (CoordinatorOid, "AuditLog", "view", Now, (Guid?)null));
    }

    public static TheoryData<string> Refused() => ["facilitator", "counsellor", "participant", "anonymous", "coordinator-without-oid"];

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task OpenAndSearch_NotACoordinator_AreRefusedAndRecordNothing(string who)
    {
        var user = who switch
        {
            "facilitator" => Staff(FacilitatorOid, AppRoles.Facilitator),
            "counsellor" => Staff("counsellor-oid", AppRoles.Counsellor),
            "participant" => new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, ParticipantId), new Claim("roles", AppRoles.Participant)], "test", "name", "roles")),
            "anonymous" => new ClaimsPrincipal(new ClaimsIdentity()),
            _ => new ClaimsPrincipal(new ClaimsIdentity([new Claim("roles", AppRoles.Coordinator)], "test", "name", "roles")),
        };
        var service = NewService();

        await Should.ThrowAsync<UnauthorizedAccessException>(() => service.OpenAsync(user, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => service.SearchAsync(user, new AuditLogQuery(0, 25), Ct));

        await using var db = await DbAsync();
        (await db.Set<AuditEvent>().CountAsync(a => a.Kind == AuditKind.AuditLogViewed, Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Search_NoFilters_NewestFirstInPages()
    {
        var first = await NewService().SearchAsync(Coordinator, new AuditLogQuery(0, 5), Ct);
        var third = await IdsAsync(new AuditLogQuery(2, 5));

        first.Total.ShouldBe(38);
        first.Rows.Select(r => r.Id).ShouldBe(Ids("Retention", "Redeemed", "Erased", "Unknown", "Revealed"));
        third.ShouldBe([.. _bulk.OrderByDescending(e => e.OccurredAt).Skip(2).Take(5).Select(e => e.Id)]);
    }

    [Fact]
    public async Task Search_Ascending_OldestFirst()
    {
        (await IdsAsync(new AuditLogQuery(0, 3, Ascending: true))).ShouldBe([.. _bulk.Take(3).Select(e => e.Id)]);
        (await IdsAsync(new AuditLogQuery(3, 10, Ascending: true))).ShouldBe(Ids("GroupCreated", "NoteRead", "NoteWritten", "Revealed", "Unknown", "Erased", "Redeemed", "Retention"));
    }

    [Fact]
    public async Task Search_Period_UsesBrusselsDatesBothInclusive()
    {
        // 31 October 23:30 UTC is 1 November 00:30 in Brussels.
        (await IdsAsync(new AuditLogQuery(0, 25, From: new DateOnly(2026, 11, 1), To: new DateOnly(2026, 11, 1)))).ShouldBe(Ids("NoteWritten", "NoteRead", "GroupCreated"));
        (await IdsAsync(new AuditLogQuery(0, 25, From: new DateOnly(2026, 10, 1), To: new DateOnly(2026, 10, 31)))).ShouldBeEmpty();
        (await IdsAsync(new AuditLogQuery(0, 25, From: new DateOnly(2026, 11, 16)))).ShouldBe(Ids("Retention", "Redeemed", "Erased"));
        (await NewService().SearchAsync(Coordinator, new AuditLogQuery(0, 100, To: new DateOnly(2026, 9, 30)), Ct)).Total.ShouldBe(30);
    }

    [Fact]
    public async Task Search_Kinds_ReturnsOnlyThoseKinds()
    {
        (await IdsAsync(new AuditLogQuery(0, 25, Kinds: [AuditKind.NoteRead]))).ShouldBe(Ids("Unknown", "NoteRead"));
        (await IdsAsync(new AuditLogQuery(0, 25, Kinds: [AuditKind.NoteRead, AuditKind.EmailRevealed]))).ShouldBe(Ids("Unknown", "Revealed", "NoteRead"));
    }

    [Fact]
    public async Task Search_ActorGroupAndEntityType_FilterExactly()
    {
        (await IdsAsync(new AuditLogQuery(0, 25, ActorId: FacilitatorOid))).ShouldBe(Ids("NoteWritten", "NoteRead"));
        (await IdsAsync(new AuditLogQuery(0, 25, ActorId: "system"))).ShouldBe(Ids("Retention"));
        (await IdsAsync(new AuditLogQuery(0, 25, GroupId: _online.Id))).ShouldBe(Ids("Redeemed", "Erased", "GroupCreated"));
        (await IdsAsync(new AuditLogQuery(0, 25, EntityType: "Referral"))).ShouldBe(Ids("Revealed"));
        var combined = await NewService().SearchAsync(Coordinator,
            new AuditLogQuery(1, 10, Kinds: [AuditKind.ConcernRead], ActorId: CoordinatorOid, GroupId: _gent.Id, EntityType: "SafeguardingConcern", Ascending: true), Ct);
        combined.Total.ShouldBe(30);
        combined.Rows.Select(r => r.Id).ShouldBe([.. _bulk.Skip(10).Take(10).Select(e => e.Id)]);
    }

    [Fact]
    public async Task Search_Rows_ShowNamesRolesLinksAndBrusselsTime()
    {
        var rows = (await NewService().SearchAsync(Coordinator, new AuditLogQuery(0, 8), Ct)).Rows.ToDictionary(r => r.Id);

        var created = rows[_events["GroupCreated"].Id];
        (created.ActorKind, created.ActorName, created.WhenLocal, created.Link, created.GroupName).ShouldBe(
            (AuditActorKind.Staff, "Hilde Coördinator", new DateTime(2026, 11, 1, 0, 30, 0), (string?)$"/groepen/{_online.Id}", (string?)"Ouders online"));
        created.ShortId.ShouldBe(_online.Id.ToString("N")[^8..]);
        var revealed = rows[_events["Revealed"].Id];
        (revealed.Link, revealed.GroupId, revealed.GroupName).ShouldBe(($"/doorverwijzingen/{_referralId}", (Guid?)null, (string?)null));
        var read = rows[_events["NoteRead"].Id];
        (read.ActorName, read.Link, read.GroupName).ShouldBe(("Pieter Begeleider", (string?)null, (string?)"Partners Gent"));
        (rows[_events["Redeemed"].Id].ActorKind, rows[_events["Redeemed"].Id].ActorName).ShouldBe((AuditActorKind.Participant, "Deelnemer"));
        (rows[_events["Erased"].Id].ActorKind, rows[_events["Erased"].Id].ActorName).ShouldBe((AuditActorKind.Participant, "Deelnemer"));
        (rows[_events["Retention"].Id].ActorKind, rows[_events["Retention"].Id].ActorName, rows[_events["Retention"].Id].ShortId).ShouldBe(
            (AuditActorKind.System, "Systeem", "e=1 n=0 a=0 u=0 o=0 i=0"));
        (rows[_events["Unknown"].Id].ActorKind, rows[_events["Unknown"].Id].ActorName).ShouldBe((AuditActorKind.Unknown, "former-oid"));
    }

    [Fact]
    public async Task Search_StartAfterEnd_SaysSoAndReturnsNothing()
    {
        var result = await NewService().SearchAsync(Coordinator, new AuditLogQuery(0, 25, From: new DateOnly(2026, 11, 2), To: new DateOnly(2026, 11, 1)), Ct);

        (result.Rows.Count, result.Total, result.Error).ShouldBe((0, 0, (string?)"De begindatum ligt na de einddatum."));
    }

    [Fact]
    public async Task Search_HugePageOrNegativePage_IsClamped()
    {
        var result = await NewService().SearchAsync(Coordinator, new AuditLogQuery(-3, 100_000), Ct);

        (result.Rows.Count, result.Total).ShouldBe((38, 38));
        (await NewService().SearchAsync(Coordinator, new AuditLogQuery(0, 0), Ct)).Rows.Count.ShouldBe(1);
    }

    private static ClaimsPrincipal Staff(string oid, params string[] roles) =>
        new(new ClaimsIdentity(
            [new Claim("oid", oid), new Claim("name", "Test"), .. roles.Select(r => new Claim("roles", r))], "test", "name", "roles"));
}

public sealed class SqliteAuditLogServiceTests() : AuditLogServiceTests(postgres: false);

public sealed class PostgresAuditLogServiceTests() : AuditLogServiceTests(postgres: true);
