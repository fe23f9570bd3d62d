using System.Globalization;
using System.Security.Claims;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Notes;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Email;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Web.Features.Notes;
using Lotgenoten.Web.Features.Safeguarding;
using Lotgenoten.Web.Tests.Features.Notes;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Web.Tests.Features.Safeguarding;

/// <summary>
/// The safeguarding flow on the real app: a facilitator flags a note, the coordinators' queue and badge count it, a
/// coordinator opens it (audited), takes it and handles it with what was done (encrypted), and the count drops.
/// </summary>
public sealed class ConcernServiceTests : IAsyncLifetime
{
    private const string NoteText = "Zonnebloem vertelde dat haar partner opnieuw alleen oppast op een neefje.";

    private readonly LotgenotenWebFactory _factory = new(settings: new Dictionary<string, string?>
    {
        ["Safeguarding:NotifyEmails:0"] = "zorg@lotgenoten.invalid",
    });

    private readonly FakeTimeProvider _clock = new(NotesWorld.Now);
    private readonly NotesWorld _world = new();
    private IServiceProvider _services = default!;
    private Guid _noteId;

    public async ValueTask InitializeAsync()
    {
        var app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));
        _services = app.Services;
        await using var db = await DbAsync();
        await _world.SeedAsync(db, Ct);
        _noteId = await NotesWorld.AddNoteAsync(db, _services.GetRequiredService<IFieldProtector>(), _world.GroupId, _world.MeetingId, _world.ZonnebloemId, NoteText, Ct);
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Flow_FlagTakeHandle_QueueCountsAndAuditTrailInOrder()
    {
        var notifications = 0;
        _services.GetRequiredService<ConcernNotifier>().Changed += () => notifications++;
        var coordinator = NotesWorld.Coordinator;
        (await Concerns().CountWaitingAsync(coordinator, Ct)).ShouldBe(0);

        var flag = await Notes().FlagAsync(NotesWorld.Pieter, _world.GroupId, _noteId, 1, Ct);

        (flag.Succeeded, flag.Version).ShouldBe((true, 2));
        notifications.ShouldBe(1);
        (await Concerns().CountWaitingAsync(coordinator, Ct)).ShouldBe(1);
        var row = (await Concerns().ListWaitingAsync(coordinator, Ct)).ShouldHaveSingleItem();
        (row.Id, row.GroupName, row.NoteKind, row.RaisedAt, row.RaisedByName, row.Status, row.TakenByName).ShouldBe(
            (flag.ConcernId!.Value, "Partners Gent", NoteKind.Member, NotesWorld.Now, "Pieter Begeleider", ConcernStatus.Open, (string?)null));

        _clock.Advance(TimeSpan.FromMinutes(5));
        var opened = (await Concerns().OpenAsync(coordinator, row.Id, Ct))!;
        (opened.NoteText, opened.MemberPseudonym, opened.MeetingDate, opened.ActionText, opened.TakenByMe).ShouldBe(
            (NoteText, "Zonnebloem", (DateOnly?)new DateOnly(2026, 11, 24), (string?)null, false));

        _clock.Advance(TimeSpan.FromMinutes(1));
        var take = await Concerns().TakeAsync(coordinator, row.Id, row.Version, Ct);
        take.Succeeded.ShouldBeTrue();
        (await Concerns().CountWaitingAsync(coordinator, Ct)).ShouldBe(1);
        (await Concerns().ListWaitingAsync(coordinator, Ct)).Single().Status.ShouldBe(ConcernStatus.InProgress);

        _clock.Advance(TimeSpan.FromHours(2));
        var handle = await Concerns().HandleAsync(coordinator, row.Id, take.Version, "Gebeld met de deelnemer;\ndoorverwezen naar het VK.", Ct);

        handle.Succeeded.ShouldBeTrue();
        notifications.ShouldBe(3);
        (await Concerns().CountWaitingAsync(coordinator, Ct)).ShouldBe(0);
        (await Concerns().ListWaitingAsync(coordinator, Ct)).ShouldBeEmpty();
        var handled = (await Concerns().ListHandledAsync(coordinator, 0, 10, Ct)).Rows.ShouldHaveSingleItem();
        (handled.Status, handled.TakenByName, handled.HandledByName, handled.HandledAt).ShouldBe(
            (ConcernStatus.Handled, "Hilde Coördinator", "Hilde Coördinator", (DateTimeOffset?)NotesWorld.Now.AddMinutes(126)));

        var concernId = row.Id.ToString();
        var noteId = _noteId.ToString();
        (await AuditAsync()).Select(a => (a.Kind, a.ActorId, a.EntityType, a.EntityId, a.OccurredAt)).ShouldBe(
        [
            (AuditKind.NoteFlagged, NotesWorld.PieterOid, "FacilitatorNote", noteId, NotesWorld.Now),
            (AuditKind.ConcernRead, NotesWorld.CoordinatorOid, "SafeguardingConcern", concernId, NotesWorld.Now.AddMinutes(5)),
            (AuditKind.NoteRead, NotesWorld.CoordinatorOid, "FacilitatorNote", noteId, NotesWorld.Now.AddMinutes(5)),
            (AuditKind.ConcernTaken, NotesWorld.CoordinatorOid, "SafeguardingConcern", concernId, NotesWorld.Now.AddMinutes(6)),
            (AuditKind.ConcernHandled, NotesWorld.CoordinatorOid, "SafeguardingConcern", concernId, NotesWorld.Now.AddMinutes(126)),
        ]);

        await using var db = await DbAsync();
        var concern = await db.Set<SafeguardingConcern>().AsNoTracking().SingleAsync(Ct);
        concern.ActionCiphertext.ShouldNotBeNull().ShouldNotContain("Gebeld");
        _services.GetRequiredService<IFieldProtector>().Unprotect(ProtectionPurposes.ConcernAction, concern.ActionCiphertext)
            .ShouldBe("Gebeld met de deelnemer;\ndoorverwezen naar het VK.");
        (await Concerns().OpenAsync(coordinator, row.Id, Ct))!.ActionText.ShouldBe("Gebeld met de deelnemer;\ndoorverwezen naar het VK.");
    }

    [Fact]
    public async Task Flag_WithNotifyAddress_QueuesOneContentFreeMailInTheSameSave()
    {
        var flag = await Notes().FlagAsync(NotesWorld.Pieter, _world.GroupId, _noteId, 1, Ct);

        flag.Succeeded.ShouldBeTrue();
        await using var db = await DbAsync();
        var mail = await db.Set<OutboxMessage>().AsNoTracking().SingleAsync(Ct);
        var protector = _services.GetRequiredService<IFieldProtector>();
        (mail.Kind, mail.Subject, mail.CreatedAt).ShouldBe((ConcernMail.Kind, "Nieuwe zorgmelding", NotesWorld.Now));
        protector.Unprotect(ProtectionPurposes.OutboxRecipient, mail.RecipientCiphertext!).ShouldBe("zorg@lotgenoten.invalid");
        var body = protector.Unprotect(ProtectionPurposes.OutboxBody, mail.TextBodyCiphertext!);
        body.ShouldStartWith("Er is een nieuwe zorgmelding in Lotgenoten.");
        body.ShouldContain("Il y a un nouveau signalement");
        body.ShouldContain("There is a new safeguarding concern");
        foreach (var secret in new[] { "Partners Gent", "Zonnebloem", "Pieter", "partner", "neefje", _world.GroupId.ToString(), _noteId.ToString() })
        {
            body.ShouldNotContain(secret, Case.Insensitive);
            mail.Subject!.ShouldNotContain(secret, Case.Insensitive);
        }
    }

    [Fact]
    public async Task Flag_Twice_SecondIsRefusedAndOneConcernExists()
    {
        var first = await Notes().FlagAsync(NotesWorld.Pieter, _world.GroupId, _noteId, 1, Ct);
        var second = await Notes().FlagAsync(NotesWorld.Sarah, _world.GroupId, _noteId, first.Version, Ct);

        (second.Succeeded, second.Error).ShouldBe((false, "Van deze notitie is al een zorgmelding gemaakt."));
        await using var db = await DbAsync();
        (await db.Set<SafeguardingConcern>().CountAsync(Ct)).ShouldBe(1);
        (await db.Set<AuditEvent>().CountAsync(a => a.Kind == AuditKind.NoteFlagged, Ct)).ShouldBe(1);
    }

    [Fact]
    public async Task Flag_StaleVersion_IsConflictAndRaisesNothing()
    {
        var result = await Notes().FlagAsync(NotesWorld.Pieter, _world.GroupId, _noteId, 0, Ct);

        (result.Succeeded, result.Conflict).ShouldBe((false, true));
        await using var db = await DbAsync();
        (await db.Set<SafeguardingConcern>().CountAsync(Ct)).ShouldBe(0);
        (await db.Set<AuditEvent>().CountAsync(Ct)).ShouldBe(0);
        (await db.Set<OutboxMessage>().CountAsync(Ct)).ShouldBe(0);
    }

    public static TheoryData<string> NotFlaggers() => ["facilitator-other-group", "coordinator", "counsellor", "participant", "anonymous"];

    [Theory]
    [MemberData(nameof(NotFlaggers))]
    public async Task Flag_ByAnyoneButTheGroupsFacilitators_IsRefused(string who)
    {
        await Should.ThrowAsync<UnauthorizedAccessException>(() => Notes().FlagAsync(Principal(who), _world.GroupId, _noteId, 1, Ct));

        await using var db = await DbAsync();
        (await db.Set<SafeguardingConcern>().CountAsync(Ct)).ShouldBe(0);
        (await db.Set<AuditEvent>().CountAsync(Ct)).ShouldBe(0);
    }

    public static TheoryData<string> NotCoordinators() => ["facilitator", "facilitator-other-group", "counsellor", "participant", "anonymous"];

    [Theory]
    [MemberData(nameof(NotCoordinators))]
    public async Task Queue_AnyoneButCoordinators_IsRefusedEverywhere(string who)
    {
        var flag = await Notes().FlagAsync(NotesWorld.Pieter, _world.GroupId, _noteId, 1, Ct);
        var user = Principal(who);
        var id = flag.ConcernId!.Value;

        await Should.ThrowAsync<UnauthorizedAccessException>(() => Concerns().CountWaitingAsync(user, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => Concerns().ListWaitingAsync(user, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => Concerns().ListHandledAsync(user, 0, 10, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => Concerns().OpenAsync(user, id, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => Concerns().TakeAsync(user, id, 0, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => Concerns().HandleAsync(user, id, 0, "Gedaan", Ct));

        (await AuditAsync()).Select(a => a.Kind).ShouldBe([AuditKind.NoteFlagged]);
        await using var db = await DbAsync();
        (await db.Set<SafeguardingConcern>().SingleAsync(Ct)).Status.ShouldBe(ConcernStatus.Open);
    }

    [Fact]
    public async Task Coordinator_MemberNoteIsOnlyReadableThroughTheConcern()
    {
        var view = await Notes().GetMeetingNotesAsync(NotesWorld.Coordinator, _world.GroupId, _world.MeetingId, Ct);
        view.Members.ShouldBeEmpty();
        var flag = await Notes().FlagAsync(NotesWorld.Pieter, _world.GroupId, _noteId, 1, Ct);

        (await Notes().GetMeetingNotesAsync(NotesWorld.Coordinator, _world.GroupId, _world.MeetingId, Ct)).Members.ShouldBeEmpty();
        (await Concerns().OpenAsync(NotesWorld.Coordinator, flag.ConcernId!.Value, Ct))!.NoteText.ShouldBe(NoteText);
        (await AuditAsync()).Count(a => a.Kind == AuditKind.NoteRead).ShouldBe(1);
    }

    [Fact]
    public async Task Handle_WithoutTextOrHostileText_IsRefusedAndStaysInProgress()
    {
        var flag = await Notes().FlagAsync(NotesWorld.Pieter, _world.GroupId, _noteId, 1, Ct);
        var id = flag.ConcernId!.Value;
        var take = await Concerns().TakeAsync(NotesWorld.Coordinator, id, 0, Ct);
        CultureInfo.CurrentUICulture = new CultureInfo("nl-BE");

        (await Concerns().HandleAsync(NotesWorld.Coordinator, id, take.Version, "   ", Ct)).Error.ShouldBe("Schrijf op wat er gedaan is voor je de melding afsluit.");
        (await Concerns().HandleAsync(NotesWorld.Coordinator, id, take.Version, "a\u202Eb", Ct)).Error.ShouldBe("De tekst bevat onzichtbare tekens die niet zijn toegestaan.");
        (await Concerns().HandleAsync(NotesWorld.Coordinator, id, take.Version, new string('x', 4001), Ct)).Error.ShouldBe("Maximaal 4000 tekens.");

        await using var db = await DbAsync();
        var concern = await db.Set<SafeguardingConcern>().SingleAsync(Ct);
        (concern.Status, concern.ActionCiphertext).ShouldBe((ConcernStatus.InProgress, (string?)null));
        (await db.Set<AuditEvent>().CountAsync(a => a.Kind == AuditKind.ConcernHandled, Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Take_ByTwoCoordinatorsAtOnce_SecondGetsConflict()
    {
        var flag = await Notes().FlagAsync(NotesWorld.Pieter, _world.GroupId, _noteId, 1, Ct);
        var other = NotesWorld.Staff("other-coordinator-oid", "An Coördinator", "Coordinator");
        CultureInfo.CurrentUICulture = new CultureInfo("nl-BE");

        var first = await Concerns().TakeAsync(NotesWorld.Coordinator, flag.ConcernId!.Value, 0, Ct);
        var second = await Concerns().TakeAsync(other, flag.ConcernId!.Value, 0, Ct);

        first.Succeeded.ShouldBeTrue();
        (second.Succeeded, second.Conflict).ShouldBe((false, true));
        await using var db = await DbAsync();
        (await db.Set<SafeguardingConcern>().SingleAsync(Ct)).TakenBy.ShouldBe(NotesWorld.CoordinatorOid);
        (await db.Set<AuditEvent>().CountAsync(a => a.Kind == AuditKind.ConcernTaken, Ct)).ShouldBe(1);
    }

    [Fact]
    public async Task Queue_OrdersWaitingOldestFirstAndHandledNewestFirst()
    {
        await using (var db = await DbAsync())
        {
            var protector = _services.GetRequiredService<IFieldProtector>();
            foreach (var minutes in new[] { 10, 20, 30 })
            {
                _clock.Advance(TimeSpan.FromMinutes(minutes));
                var id = await NotesWorld.AddNoteAsync(db, protector, _world.GroupId, _world.MeetingId, _world.RegenboogId, $"Notitie {minutes}", Ct);
                (await Notes().FlagAsync(NotesWorld.Sarah, _world.GroupId, id, 1, Ct)).Succeeded.ShouldBeTrue();
            }
        }

        var waiting = await Concerns().ListWaitingAsync(NotesWorld.Coordinator, Ct);
        waiting.Select(c => c.RaisedAt).ShouldBe([NotesWorld.Now.AddMinutes(10), NotesWorld.Now.AddMinutes(30), NotesWorld.Now.AddMinutes(60)]);
        foreach (var concern in waiting)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            (await Concerns().HandleAsync(NotesWorld.Coordinator, concern.Id, concern.Version, "Opgevolgd", Ct)).Succeeded.ShouldBeTrue();
        }

        var handled = await Concerns().ListHandledAsync(NotesWorld.Coordinator, 0, 2, Ct);
        handled.Total.ShouldBe(3);
        handled.Rows.Select(c => c.Id).ShouldBe([waiting[2].Id, waiting[1].Id]);
        (await Concerns().ListHandledAsync(NotesWorld.Coordinator, 1, 2, Ct)).Rows.Single().Id.ShouldBe(waiting[0].Id);
    }

    private static ClaimsPrincipal Principal(string who) => who switch
    {
        "facilitator" => NotesWorld.Pieter,
        "facilitator-other-group" => NotesWorld.Jan,
        "coordinator" => NotesWorld.Coordinator,
        "counsellor" => NotesWorld.Counsellor,
        "participant" => NotesWorld.Participant,
        _ => NotesWorld.Anonymous,
    };

    private NoteService Notes()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("nl-BE");
        return _services.CreateScope().ServiceProvider.GetRequiredService<NoteService>();
    }

    private ConcernService Concerns() => _services.CreateScope().ServiceProvider.GetRequiredService<ConcernService>();

    private async Task<List<AuditEvent>> AuditAsync()
    {
        await using var db = await DbAsync();
        var events = await db.Set<AuditEvent>().AsNoTracking().ToListAsync(Ct);
        return [.. events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Kind == AuditKind.NoteRead)];
    }

    private async Task<LotgenotenDbContext> DbAsync() =>
        await _services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);
}
