using System.Globalization;
using System.Security.Claims;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Notes;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Web.Features.Notes;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Web.Tests.Features.Notes;

/// <summary>
/// Facilitator notes through <see cref="NoteService"/> on the real app and a real SQLite file: who may read and write
/// what (DOMAIN.md's matrix, at the service), the audit trail of every read and write, drafts, conflicts and hostile text.
/// </summary>
public sealed class NoteServiceTests : IAsyncLifetime
{
    private readonly LotgenotenWebFactory _factory = new();
    private readonly FakeTimeProvider _clock = new(NotesWorld.Now);
    private readonly NotesWorld _world = new();
    private IServiceProvider _services = default!;
    private Guid _sessionNoteId;
    private Guid _memberNoteId;

    public async ValueTask InitializeAsync()
    {
        var app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));
        _services = app.Services;
        await using var db = await DbAsync();
        await _world.SeedAsync(db, Ct);
        var protector = _services.GetRequiredService<IFieldProtector>();
        _sessionNoteId = await NotesWorld.AddNoteAsync(db, protector, _world.GroupId, _world.MeetingId, null, "Sessie: thema grenzen.", Ct);
        _memberNoteId = await NotesWorld.AddNoteAsync(db, protector, _world.GroupId, _world.MeetingId, _world.ZonnebloemId, "Zonnebloem was stil vandaag.", Ct);
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, bool, bool, bool, bool> Matrix() => new()
    {
        // who, read session, read member, write session, write member
        { "facilitator", true, true, true, true },
        { "co-facilitator", true, true, true, true },
        { "facilitator-other-group", false, false, false, false },
        { "coordinator", true, false, false, false },
        { "counsellor", false, false, false, false },
        { "participant", false, false, false, false },
        { "anonymous", false, false, false, false },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task GetMeetingNotes_Matrix_ReadsExactlyWhatDomainAllowsAndAuditsEachRead(
        string who, bool readSession, bool readMember, bool writeSession, bool writeMember)
    {
        _ = (writeSession, writeMember);
        var user = Principal(who);

        if (!readSession)
        {
            await Should.ThrowAsync<UnauthorizedAccessException>(() => NewService().GetMeetingNotesAsync(user, _world.GroupId, _world.MeetingId, Ct));
            (await AuditAsync()).ShouldBeEmpty();
            return;
        }

        var view = await NewService().GetMeetingNotesAsync(user, _world.GroupId, _world.MeetingId, Ct);

        view.SessionNote!.Text.ShouldBe("Sessie: thema grenzen.");
        view.SessionNote.AuthorName.ShouldBe("Pieter Begeleider");
        view.CanWrite.ShouldBe(writeSession);
        view.CanSeeMemberNotes.ShouldBe(readMember);
        var memberNotes = view.Members.SelectMany(m => m.Notes).ToList();
        if (readMember)
        {
            view.Members.Select(m => m.Pseudonym).ShouldBe(["Regenboog", "Zonnebloem"]);
            memberNotes.Single().Text.ShouldBe("Zonnebloem was stil vandaag.");
            memberNotes.Single().MembershipId.ShouldBe(_world.ZonnebloemId);
        }
        else
        {
            view.Members.ShouldBeEmpty();
        }

        var audit = await AuditAsync();
        var actor = user.FindFirst("oid")!.Value;
        audit.Select(a => (a.Kind, a.ActorId, a.EntityType, a.GroupId, a.OccurredAt)).Distinct()
            .ShouldBe([(AuditKind.NoteRead, actor, "FacilitatorNote", (Guid?)_world.GroupId, NotesWorld.Now)]);
        audit.Count(a => a.EntityId == _sessionNoteId.ToString()).ShouldBe(1);
        audit.Count(a => a.EntityId == _memberNoteId.ToString()).ShouldBe(readMember ? 1 : 0);
        audit.Count.ShouldBe(readMember ? 2 : 1);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Save_Matrix_WritesOnlyForTheGroupsFacilitators(
        string who, bool readSession, bool readMember, bool writeSession, bool writeMember)
    {
        _ = (readSession, readMember);
        var user = Principal(who);
        var sessionSave = new NoteSave(_world.GroupId, _world.MeetingId, NoteKind.Session, null, _sessionNoteId, 1, "Nieuwe sessietekst");
        var memberSave = new NoteSave(_world.GroupId, _world.MeetingId, NoteKind.Member, _world.ZonnebloemId, _memberNoteId, 1, "Nieuwe ledentekst");

        foreach (var (save, allowed, noteId, before) in new[]
                 {
                     (sessionSave, writeSession, _sessionNoteId, "Sessie: thema grenzen."),
                     (memberSave, writeMember, _memberNoteId, "Zonnebloem was stil vandaag."),
                 })
        {
            if (allowed)
            {
                var result = await NewService().SaveAsync(user, save, Ct);
                (result.Succeeded, result.NoteId, result.Version, result.SavedAt).ShouldBe((true, (Guid?)noteId, 2, (DateTimeOffset?)NotesWorld.Now));
                (await PlainTextAsync(noteId)).ShouldBe(save.Text);
            }
            else
            {
                await Should.ThrowAsync<UnauthorizedAccessException>(() => NewService().SaveAsync(user, save, Ct));
                (await PlainTextAsync(noteId)).ShouldBe(before);
            }
        }

        var audit = await AuditAsync();
        if (writeSession)
        {
            audit.Select(a => (a.Kind, a.EntityId)).ShouldBe(
                [(AuditKind.NoteWritten, _sessionNoteId.ToString()), (AuditKind.NoteWritten, _memberNoteId.ToString())], ignoreOrder: true);
        }
        else
        {
            audit.ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task Save_NewMemberNoteByOtherGroupsFacilitator_IsRefusedAndNothingStored()
    {
        var save = new NoteSave(_world.GroupId, _world.MeetingId, NoteKind.Member, _world.ZonnebloemId, null, 0, "Indringer");

        await Should.ThrowAsync<UnauthorizedAccessException>(() => NewService().SaveAsync(NotesWorld.Jan, save, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => NewService().SaveAsync(
            NotesWorld.Jan, save with { GroupId = _world.OtherGroupId }, Ct)); // his own group, but not its meeting

        await using var db = await DbAsync();
        (await db.Set<FacilitatorNote>().CountAsync(Ct)).ShouldBe(2);
        (await db.Set<AuditEvent>().CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task GetMeetingNotes_OtherGroupsMeetingOrUnknownMeeting_RefusedTheSameWay()
    {
        var pieter = NotesWorld.Pieter;

        var wrongGroup = await Should.ThrowAsync<UnauthorizedAccessException>(() => NewService().GetMeetingNotesAsync(pieter, _world.GroupId, _world.OtherMeetingId, Ct));
        var unknown = await Should.ThrowAsync<UnauthorizedAccessException>(() => NewService().GetMeetingNotesAsync(pieter, _world.GroupId, Guid.NewGuid(), Ct));
        var jan = await Should.ThrowAsync<UnauthorizedAccessException>(() => NewService().GetMeetingNotesAsync(NotesWorld.Jan, _world.GroupId, _world.MeetingId, Ct));

        wrongGroup.Message.ShouldBe(unknown.Message);
        jan.Message.ShouldBe(unknown.Message);
        (await AuditAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task GetMeetingNotes_FacilitatorRemovedFromGroup_RefusedAtOnce()
    {
        (await NewService().GetMeetingNotesAsync(NotesWorld.Sarah, _world.GroupId, _world.MeetingId, Ct)).CanWrite.ShouldBeTrue();
        await using (var db = await DbAsync())
        {
            var group = await db.Set<Lotgenoten.Domain.Groups.PeerGroup>().Include(g => g.Facilitators).SingleAsync(g => g.Id == _world.GroupId, Ct);
            var sarah = await db.Set<Lotgenoten.Domain.Staff.StaffMember>().SingleAsync(s => s.ObjectId == NotesWorld.SarahOid, Ct);
            group.RemoveFacilitator(sarah.Id);
            await db.SaveChangesAsync(Ct);
        }

        await Should.ThrowAsync<UnauthorizedAccessException>(() => NewService().GetMeetingNotesAsync(NotesWorld.Sarah, _world.GroupId, _world.MeetingId, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => NewService().SaveAsync(
            NotesWorld.Sarah, new NoteSave(_world.GroupId, _world.MeetingId, NoteKind.Session, null, _sessionNoteId, 1, "Toch nog"), Ct));
    }

    [Fact]
    public async Task Save_AutosaveWhileTyping_CoalescesNoteWrittenToOnePerTenMinutesPlusFinish()
    {
        var service = NewService();
        var save = new NoteSave(_world.GroupId, _world.MeetingId, NoteKind.Member, _world.RegenboogId, null, 0, "R");
        var result = await service.SaveAsync(NotesWorld.Pieter, save, Ct);
        var id = result.NoteId!.Value;
        var typed = "R";
        foreach (var pause in new[] { 1, 2, 30, 240, 300 }) // seconds between pauses in typing: 9 min 33 s in all
        {
            _clock.Advance(TimeSpan.FromSeconds(pause));
            typed += " en verder";
            result = await service.SaveAsync(NotesWorld.Pieter, save with { NoteId = id, Version = result.Version, Text = typed }, Ct);
            result.Succeeded.ShouldBeTrue();
        }

        _clock.Advance(TimeSpan.FromSeconds(28)); // 10 min 1 s after the first
        result = await service.SaveAsync(NotesWorld.Pieter, save with { NoteId = id, Version = result.Version, Text = typed + "." }, Ct);
        _clock.Advance(TimeSpan.FromSeconds(5));
        result = await service.SaveAsync(NotesWorld.Pieter, save with { NoteId = id, Version = result.Version, Text = typed + ".", Finish = true }, Ct);
        (result.Succeeded, result.IsDraft, result.Version).ShouldBe((true, false, 8));

        var written = (await AuditAsync()).Where(a => a.EntityId == id.ToString()).ToList();
        written.Select(a => (a.Kind, a.OccurredAt)).ShouldBe(
        [
            (AuditKind.NoteWritten, NotesWorld.Now),
            (AuditKind.NoteWritten, NotesWorld.Now.AddSeconds(601)),
            (AuditKind.NoteWritten, NotesWorld.Now.AddSeconds(606)),
        ]);
        (await PlainTextAsync(id)).ShouldBe("R en verder en verder en verder en verder en verder.");
    }

    [Fact]
    public async Task Save_TwoFacilitatorsOneAutosaveEach_EachActorGetsItsOwnNoteWritten()
    {
        var first = await NewService().SaveAsync(NotesWorld.Pieter, SessionUpdate(1, "Pieter schrijft"), Ct);
        _clock.Advance(TimeSpan.FromSeconds(20));
        var second = await NewService().SaveAsync(NotesWorld.Sarah, SessionUpdate(first.Version, "Pieter schrijft, Sarah vult aan"), Ct);

        second.Succeeded.ShouldBeTrue();
        (await AuditAsync()).Select(a => (a.Kind, a.ActorId)).ShouldBe(
            [(AuditKind.NoteWritten, NotesWorld.PieterOid), (AuditKind.NoteWritten, NotesWorld.SarahOid)]);
    }

    [Fact]
    public async Task Save_StaleVersion_ReturnsConflictWithTheirTextAndSavesNothingOfMine()
    {
        var sarah = await NewService().SaveAsync(NotesWorld.Sarah, SessionUpdate(1, "Tekst van Sarah"), Ct);
        sarah.Succeeded.ShouldBeTrue();
        _clock.Advance(TimeSpan.FromSeconds(3));

        var pieter = await NewService().SaveAsync(NotesWorld.Pieter, SessionUpdate(1, "Tekst van Pieter"), Ct);

        (pieter.Succeeded, pieter.Conflict, pieter.Error).ShouldBe((false, true, "Iemand anders heeft deze notitie intussen gewijzigd."));
        (pieter.Current!.Text, pieter.Current.AuthorName, pieter.Current.Version).ShouldBe(("Tekst van Sarah", "Pieter Begeleider", 2));
        (await PlainTextAsync(_sessionNoteId)).ShouldBe("Tekst van Sarah");

        // Reading their text for the conflict message is a read: audited. Nothing of Pieter's was written.
        (await AuditAsync()).Select(a => (a.Kind, a.ActorId)).ShouldBe(
            [(AuditKind.NoteWritten, NotesWorld.SarahOid), (AuditKind.NoteRead, NotesWorld.PieterOid)]);

        // Knowingly keeping his own text: he saves again with their version.
        var overwrite = await NewService().SaveAsync(NotesWorld.Pieter, SessionUpdate(pieter.Current.Version, "Tekst van Pieter"), Ct);
        overwrite.Succeeded.ShouldBeTrue();
        (await PlainTextAsync(_sessionNoteId)).ShouldBe("Tekst van Pieter");
    }

    [Fact]
    public async Task Save_SessionNoteStartedByTwoAtOnce_SecondGetsTheFirstOnesTextAsConflict()
    {
        var meeting = await AddMeetingAsync();
        var start = new NoteSave(_world.GroupId, meeting, NoteKind.Session, null, null, 0, "Eerst Sarah");

        var first = await NewService().SaveAsync(NotesWorld.Sarah, start, Ct);
        var second = await NewService().SaveAsync(NotesWorld.Pieter, start with { Text = "Dan Pieter" }, Ct);

        (first.Succeeded, first.IsDraft, first.Version).ShouldBe((true, true, 0));
        (second.Conflict, second.Current!.Text, second.Current.Id).ShouldBe((true, "Eerst Sarah", first.NoteId!.Value));
        await using var db = await DbAsync();
        (await db.Set<FacilitatorNote>().CountAsync(n => n.MeetingId == meeting, Ct)).ShouldBe(1);
    }

    [Fact]
    public async Task Save_EmptyNewNote_StoresNothing_AndFinishingEmptyIsRefused()
    {
        var meeting = await AddMeetingAsync();
        var empty = new NoteSave(_world.GroupId, meeting, NoteKind.Session, null, null, 0, "  \n ");

        var saved = await NewService().SaveAsync(NotesWorld.Pieter, empty, Ct);
        var finished = await NewService().SaveAsync(NotesWorld.Pieter, empty with { Finish = true }, Ct);

        (saved.Succeeded, saved.NoteId).ShouldBe((true, (Guid?)null));
        (finished.Succeeded, finished.Error).ShouldBe((false, "Schrijf eerst iets voor je de notitie afrondt."));
        await using var db = await DbAsync();
        (await db.Set<FacilitatorNote>().CountAsync(n => n.MeetingId == meeting, Ct)).ShouldBe(0);
        (await AuditAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Save_DraftThenFinish_IsDraftUntilFinished()
    {
        var meeting = await AddMeetingAsync();
        var draft = await NewService().SaveAsync(
            NotesWorld.Pieter, new NoteSave(_world.GroupId, meeting, NoteKind.Session, null, null, 0, "Concept\nmet twee regels"), Ct);
        var view = await NewService().GetMeetingNotesAsync(NotesWorld.Sarah, _world.GroupId, meeting, Ct);
        (view.SessionNote!.IsDraft, view.SessionNote.Text).ShouldBe((true, "Concept\nmet twee regels"));

        var done = await NewService().SaveAsync(
            NotesWorld.Pieter, new NoteSave(_world.GroupId, meeting, NoteKind.Session, null, draft.NoteId, draft.Version, "Concept\nmet twee regels", Finish: true), Ct);

        (done.Succeeded, done.IsDraft).ShouldBe((true, false));
        (await NewService().GetMeetingNotesAsync(NotesWorld.Coordinator, _world.GroupId, meeting, Ct)).SessionNote!.IsDraft.ShouldBeFalse();
    }

    public static TheoryData<string, string> StoredHostileTexts() => new()
    {
        { "script", "<script>alert('x')</script><img src=x onerror=alert(1)>" },
        { "emoji", "Ze lachte weer 😊👩‍👩‍👧 en gaf een 👍🏽" },
        { "line breaks and tabs", "Eerste regel\r\nTweede\tregel\n\nDerde" },
        { "markdown and sql", "**vet** [link](javascript:alert(1)) '; DROP TABLE \"FacilitatorNotes\"; --" },
        { "8000 characters", new string('a', 7990) + "0123456789" },
    };

    [Theory]
    [MemberData(nameof(StoredHostileTexts))]
    public async Task Save_HostileButHarmlessText_IsStoredAndReadBackExactly(string kind, string text)
    {
        _ = kind;
        var result = await NewService().SaveAsync(NotesWorld.Pieter, SessionUpdate(1, text), Ct);

        result.Succeeded.ShouldBeTrue();
        (await NewService().GetMeetingNotesAsync(NotesWorld.Pieter, _world.GroupId, _world.MeetingId, Ct)).SessionNote!.Text.ShouldBe(text);
    }

    public static TheoryData<string, string, string> RefusedHostileTexts() => new()
    {
        { "10,000 characters", new string('x', 10_000), "Een notitie is maximaal 8000 tekens lang. Je tekst is niet bewaard; maak hem korter." },
        { "NUL", "Voor\0na", Invisible },
        { "right-to-left override", "Bestand \u202Egnp.exe", Invisible },
        { "bell", "Bel\u0007", Invisible },
        { "zero-width space", "on\u200Bzichtbaar", Invisible },
    };

    [Theory]
    [MemberData(nameof(RefusedHostileTexts))]
    public async Task Save_RefusedHostileText_ReturnsLocalizedMessageAndChangesNothing(string kind, string text, string message)
    {
        _ = kind;
        var meeting = await AddMeetingAsync();

        var update = await NewService().SaveAsync(NotesWorld.Pieter, SessionUpdate(1, text), Ct);
        var create = await NewService().SaveAsync(NotesWorld.Pieter, new NoteSave(_world.GroupId, meeting, NoteKind.Session, null, null, 0, text), Ct);
        var finish = await NewService().SaveAsync(NotesWorld.Pieter, SessionUpdate(1, text) with { Finish = true }, Ct);

        foreach (var result in new[] { update, create, finish })
        {
            (result.Succeeded, result.Conflict, result.Error).ShouldBe((false, false, message));
        }

        (await PlainTextAsync(_sessionNoteId)).ShouldBe("Sessie: thema grenzen.");
        await using var db = await DbAsync();
        var note = await db.Set<FacilitatorNote>().SingleAsync(n => n.Id == _sessionNoteId, Ct);
        (note.Version, note.IsDraft).ShouldBe((1, false));
        (await db.Set<FacilitatorNote>().CountAsync(Ct)).ShouldBe(2);
        (await AuditAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Save_InFrench_RefusalIsFrench()
    {
        var result = await NewService("fr-BE").SaveAsync(NotesWorld.Pieter, SessionUpdate(1, "a\0b"), Ct);

        result.Error.ShouldBe("Le texte contient des caractères invisibles (comme des caractères de direction ou de contrôle) non autorisés. Votre texte n'est pas enregistré ; supprimez-les ou retapez le texte.");
    }

    [Fact]
    public async Task Save_MemberOfAnotherGroup_IsRefusedWithMessage()
    {
        await using var db = await DbAsync();
        var vlinder = await db.Set<Lotgenoten.Domain.Groups.Membership>().SingleAsync(m => m.Pseudonym == "Vlinder", Ct);

        var result = await NewService().SaveAsync(
            NotesWorld.Pieter, new NoteSave(_world.GroupId, _world.MeetingId, NoteKind.Member, vlinder.Id, null, 0, "Over iemand anders"), Ct);

        (result.Succeeded, result.Error).ShouldBe((false, "Deze notitie of deelnemer bestaat niet (meer)."));
        (await db.Set<FacilitatorNote>().CountAsync(Ct)).ShouldBe(2);
    }

    [Fact]
    public async Task Save_StoredText_IsProtectedWithTheNotePurpose()
    {
        await NewService().SaveAsync(NotesWorld.Pieter, SessionUpdate(1, "Geheim verslag"), Ct);

        await using var db = await DbAsync();
        var ciphertext = (await db.Set<FacilitatorNote>().AsNoTracking().SingleAsync(n => n.Id == _sessionNoteId, Ct)).TextCiphertext!;
        ciphertext.ShouldNotContain("Geheim");
        var protector = _services.GetRequiredService<IFieldProtector>();
        protector.Unprotect(ProtectionPurposes.NoteText, ciphertext).ShouldBe("Geheim verslag");
        Should.Throw<System.Security.Cryptography.CryptographicException>(() => protector.Unprotect(ProtectionPurposes.NoteDraft, ciphertext));
    }

    private const string Invisible =
        "De tekst bevat onzichtbare tekens (zoals tekstrichtings- of stuurtekens) die niet zijn toegestaan. Je tekst is niet bewaard; verwijder ze of typ de tekst opnieuw.";

    private NoteSave SessionUpdate(int version, string text) =>
        new(_world.GroupId, _world.MeetingId, NoteKind.Session, null, _sessionNoteId, version, text);

    private async Task<Guid> AddMeetingAsync()
    {
        await using var db = await DbAsync();
        var group = await db.Set<Lotgenoten.Domain.Groups.PeerGroup>().SingleAsync(g => g.Id == _world.GroupId, Ct);
        var meeting = group.ScheduleMeeting(new DateTime(2026, 12, 8, 19, 0, 0), 120, null, NotesWorld.Now);
        db.Add(meeting);
        await db.SaveChangesAsync(Ct);
        return meeting.Id;
    }

    private static ClaimsPrincipal Principal(string who) => who switch
    {
        "facilitator" => NotesWorld.Pieter,
        "co-facilitator" => NotesWorld.Sarah,
        "facilitator-other-group" => NotesWorld.Jan,
        "coordinator" => NotesWorld.Coordinator,
        "counsellor" => NotesWorld.Counsellor,
        "participant" => NotesWorld.Participant,
        _ => NotesWorld.Anonymous,
    };

    /// <summary>A new scope each time, as two circuits would have; sync, so that the culture stays set for the test method.</summary>
    private NoteService NewService(string culture = "nl-BE")
    {
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        return _services.CreateScope().ServiceProvider.GetRequiredService<NoteService>();
    }

    private async Task<string> PlainTextAsync(Guid noteId)
    {
        await using var db = await DbAsync();
        var note = await db.Set<FacilitatorNote>().AsNoTracking().SingleAsync(n => n.Id == noteId, Ct);
        return _services.GetRequiredService<IFieldProtector>().Unprotect(ProtectionPurposes.NoteText, note.TextCiphertext!);
    }

    private async Task<List<AuditEvent>> AuditAsync()
    {
        await using var db = await DbAsync();
        var events = await db.Set<AuditEvent>().AsNoTracking().ToListAsync(Ct);
        return [.. events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)];
    }

    private async Task<LotgenotenDbContext> DbAsync() =>
        await _services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);

    /// <summary>The hostile catalogue (issue 8): stored and read back exactly, or refused with a message and nothing changed.</summary>
    [Theory]
    [MemberData(nameof(Security.HostileInput.HostileCatalogue.StringCases), MemberType = typeof(Security.HostileInput.HostileCatalogue))]
    public async Task Save_HostileCatalogue_StoredExactlyOrRefusedAndUnchanged(string kind, string text)
    {
        var result = await NewService().SaveAsync(NotesWorld.Pieter, SessionUpdate(1, text), Ct);

        if (result.Succeeded)
        {
            // Stored as typed, up to Unicode normalization (NFC) and surrounding white space.
            var stored = (await NewService().GetMeetingNotesAsync(NotesWorld.Pieter, _world.GroupId, _world.MeetingId, Ct)).SessionNote!.Text;
            var nfc = text.Normalize(System.Text.NormalizationForm.FormC);
            new[] { text, nfc, text.Trim(), nfc.Trim() }.ShouldContain(stored, kind);
            text.ShouldNotContain(c => c == '\0' || c == '\u202E' || c == '\u200B', kind + " was stored although it hides text");
        }
        else
        {
            result.Error.ShouldNotBeNullOrWhiteSpace(kind);
            (await PlainTextAsync(_sessionNoteId)).ShouldBe("Sessie: thema grenzen.", kind);
        }
    }
}
