using System.Globalization;
using System.Security.Claims;
using Bunit;
using Lotgenoten.Domain.Notes;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Email;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Web.Features.Notes;
using Lotgenoten.Web.Features.Safeguarding;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Web.Tests.Features.Notes;

/// <summary>
/// The notes of a meeting as people see them (bUnit, with the real services of a running app and a fake clock): the
/// editor saves a second after the last keystroke and says so, coordinators read the session note only, typed markup
/// stays text, and a conflict keeps the user's own text in the field.
/// </summary>
public sealed class MeetingNotesTests : MudBunitContext
{
    private readonly FakeTimeProvider _clock = new(NotesWorld.Now);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Editor_Typing_SavesADraftASecondAfterTheLastKeystroke()
    {
        await using var factory = new LotgenotenWebFactory();
        var (app, world) = await StartAsync(factory);
        var meeting = await AddMeetingAsync(app, world);
        SignIn(NotesWorld.PieterOid, "Pieter Begeleider", AppRoles.Facilitator);
        var notes = Render<MeetingNotes>(p => p.Add(c => c.GroupId, world.GroupId).Add(c => c.MeetingId, meeting));
        notes.WaitForElement("[data-testid=session-note-editor] textarea");

        notes.Find("[data-testid=session-note-editor] textarea").Input("Eerste indrukken:\nrustige groep");
        _clock.Advance(TimeSpan.FromMilliseconds(900));
        notes.Find("[data-testid=session-note-editor] [data-testid=note-status]").TextContent.Trim().ShouldBe("Wijzigingen worden zo bewaard…");
        (await StoredAsync(app, meeting)).ShouldBeNull();

        _clock.Advance(TimeSpan.FromMilliseconds(100));

        notes.WaitForAssertion(() => notes.Find("[data-testid=session-note-editor] [data-testid=note-status]").TextContent.Trim()
            .ShouldBe("Concept bewaard om 21:45"));
        (await StoredAsync(app, meeting)).ShouldBe(("Eerste indrukken:\nrustige groep", true));
        notes.Find("[data-testid=session-note] [data-testid=note-chip-draft]").TextContent.ShouldContain("Concept");

        notes.Find("[data-testid=note-finish]").Click();
        notes.WaitForAssertion(() => notes.Find("[data-testid=session-note] [data-testid=note-chip-finished]").TextContent.ShouldContain("Afgerond"));
        (await StoredAsync(app, meeting)).ShouldBe(("Eerste indrukken:\nrustige groep", false));
    }

    [Fact]
    public async Task Coordinator_SeesSessionNoteReadOnlyAndNoMemberNotes()
    {
        await using var factory = new LotgenotenWebFactory();
        var (app, world) = await StartAsync(factory);
        await AddNotesAsync(app, world, "<script>alert('x')</script>\nTweede regel", "Over Zonnebloem");
        SignIn(NotesWorld.CoordinatorOid, "Hilde Coördinator", AppRoles.Coordinator);

        var notes = Render<MeetingNotes>(p => p.Add(c => c.GroupId, world.GroupId).Add(c => c.MeetingId, world.MeetingId));

        notes.WaitForElement("[data-testid=session-note-text]");
        notes.Find("[data-testid=session-note-text]").TextContent.ShouldBe("<script>alert('x')</script>\nTweede regel");
        notes.FindAll("script").ShouldBeEmpty();
        notes.FindAll("textarea").ShouldBeEmpty();
        notes.FindAll("[data-testid=member-notes]").ShouldBeEmpty();
        notes.Markup.ShouldNotContain("Over Zonnebloem");
        notes.Markup.ShouldNotContain("Zonnebloem");
    }

    [Fact]
    public async Task Facilitator_SeesMembersByPseudonymWithTheirNotes()
    {
        await using var factory = new LotgenotenWebFactory();
        var (app, world) = await StartAsync(factory);
        await AddNotesAsync(app, world, "Sessie", "Over Zonnebloem: 🌻 <b>niet vet</b>");
        SignIn(NotesWorld.SarahOid, "Sarah Begeleider", AppRoles.Facilitator);

        var notes = Render<MeetingNotes>(p => p.Add(c => c.GroupId, world.GroupId).Add(c => c.MeetingId, world.MeetingId));

        notes.WaitForElement("[data-testid=member-notes]");
        notes.FindAll("[data-testid=member-notes-row]").Select(r => r.GetAttribute("data-member")).ShouldBe(["Regenboog", "Zonnebloem"]);
        var note = notes.Find("[data-member=Zonnebloem] [data-testid=member-note]");
        note.QuerySelector(".lg-note-body")!.TextContent.ShouldBe("Over Zonnebloem: 🌻 <b>niet vet</b>");
        note.QuerySelectorAll("b").ShouldBeEmpty();
        note.TextContent.ShouldContain("Pieter Begeleider");
    }

    [Fact]
    public async Task Editor_SomeoneElseSavedMeanwhile_ShowsTheirTextAndKeepsMineInTheField()
    {
        await using var factory = new LotgenotenWebFactory();
        var (app, world) = await StartAsync(factory);
        var (sessionId, _) = await AddNotesAsync(app, world, "Begin", "Lid");
        SignIn(NotesWorld.PieterOid, "Pieter Begeleider", AppRoles.Facilitator);
        var notes = Render<MeetingNotes>(p => p.Add(c => c.GroupId, world.GroupId).Add(c => c.MeetingId, world.MeetingId));
        notes.WaitForElement("[data-testid=session-note-editor] textarea");

        var sarah = app.Services.CreateScope().ServiceProvider.GetRequiredService<NoteService>();
        (await sarah.SaveAsync(NotesWorld.Sarah, new NoteSave(world.GroupId, world.MeetingId, NoteKind.Session, null, sessionId, 1, "Begin, aangevuld door Sarah"), Ct))
            .Succeeded.ShouldBeTrue();
        notes.Find("[data-testid=session-note-editor] textarea").Input("Begin, aangevuld door Pieter");
        _clock.Advance(TimeSpan.FromSeconds(1));

        notes.WaitForElement("[data-testid=note-conflict]");
        notes.Find("[data-testid=note-conflict-theirs]").TextContent.ShouldBe("Begin, aangevuld door Sarah");
        notes.Find("[data-testid=session-note-editor] textarea").GetAttribute("value").ShouldBe("Begin, aangevuld door Pieter");
        notes.Find("[data-testid=note-conflict]").TextContent.ShouldContain("heeft deze notitie intussen gewijzigd");

        notes.Find("[data-testid=note-keep-mine]").Click();
        notes.WaitForAssertion(() => notes.FindAll("[data-testid=note-conflict]").ShouldBeEmpty());
        notes.WaitForAssertion(() => notes.Find("[data-testid=session-note-editor] [data-testid=note-status]").TextContent.Trim().ShouldBe("Bewaard om 21:45"));
    }

    private async Task<(WebApplicationFactory<Program> App, NotesWorld World)> StartAsync(LotgenotenWebFactory factory)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("nl-BE");
        var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));
        var world = new NotesWorld();
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct))
        {
            await world.SeedAsync(db, Ct);
        }

        // The components get the app's own singletons: the same database, keys, outbox, clock and change notifier.
        Services.AddSingleton(app.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>());
        Services.AddSingleton(app.Services.GetRequiredService<IFieldProtector>());
        Services.AddSingleton(app.Services.GetRequiredService<IOutbox>());
        Services.AddSingleton<TimeProvider>(_clock);
        Services.AddSingleton(app.Services.GetRequiredService<ConcernNotifier>());
        Services.AddOptions<SafeguardingOptions>();
        Services.AddLogging();
        Services.AddScoped<ConcernMail>();
        Services.AddScoped<NoteService>();
        return (app, world);
    }

    private void SignIn(string oid, string name, string role)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(name);
        auth.SetRoles(role);
        auth.SetClaims(new Claim("oid", oid), new Claim("name", name));
    }

    private static async Task<(Guid Session, Guid Member)> AddNotesAsync(WebApplicationFactory<Program> app, NotesWorld world, string session, string member)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);
        var protector = app.Services.GetRequiredService<IFieldProtector>();
        return (await NotesWorld.AddNoteAsync(db, protector, world.GroupId, world.MeetingId, null, session, Ct),
            await NotesWorld.AddNoteAsync(db, protector, world.GroupId, world.MeetingId, world.ZonnebloemId, member, Ct));
    }

    private static async Task<Guid> AddMeetingAsync(WebApplicationFactory<Program> app, NotesWorld world)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);
        var group = await db.Set<Lotgenoten.Domain.Groups.PeerGroup>().SingleAsync(g => g.Id == world.GroupId, Ct);
        var meeting = group.ScheduleMeeting(new DateTime(2026, 12, 8, 19, 0, 0), 120, null, NotesWorld.Now);
        db.Add(meeting);
        await db.SaveChangesAsync(Ct);
        return meeting.Id;
    }

    private static async Task<(string Text, bool IsDraft)?> StoredAsync(WebApplicationFactory<Program> app, Guid meetingId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);
        var note = await db.Set<FacilitatorNote>().AsNoTracking().SingleOrDefaultAsync(n => n.MeetingId == meetingId && n.Kind == NoteKind.Session, Ct);
        return note is null
            ? null
            : (app.Services.GetRequiredService<IFieldProtector>().Unprotect(ProtectionPurposes.NoteText, note.TextCiphertext!), note.IsDraft);
    }
}
