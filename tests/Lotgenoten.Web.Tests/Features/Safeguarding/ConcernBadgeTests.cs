using System.Globalization;
using System.Security.Claims;
using Bunit;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Web.Components.Layout;
using Lotgenoten.Web.Features.Notes;
using Lotgenoten.Web.Features.Safeguarding;
using Lotgenoten.Web.Tests.Features.Notes;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Web.Tests.Features.Safeguarding;

/// <summary>
/// The "Zorgmeldingen" badge in the navigation (bUnit, with the real services of a running app): it counts the concerns
/// that wait, and changes as soon as a facilitator elsewhere flags a note or a coordinator handles one.
/// </summary>
public sealed class ConcernBadgeTests : MudBunitContext
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task NavMenu_Coordinator_BadgeFollowsFlagsAndHandling()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("nl-BE");
        await using var factory = new LotgenotenWebFactory();
        var (app, world, notes) = await StartAsync(factory);
        SignIn(NotesWorld.CoordinatorOid, AppRoles.Coordinator);

        var nav = Render<NavMenu>();

        nav.FindAll("[data-testid=concern-badge]").ShouldBeEmpty();
        var first = await Notes(app).FlagAsync(NotesWorld.Pieter, world.GroupId, notes[0], 1, Ct);
        nav.WaitForAssertion(() => Badge(nav).ShouldBe("1"));
        await Notes(app).FlagAsync(NotesWorld.Sarah, world.GroupId, notes[1], 1, Ct);
        nav.WaitForAssertion(() => Badge(nav).ShouldBe("2"));
        nav.Find("a[href='/zorgmeldingen']").TextContent.ShouldContain("2 zorgmelding(en) wachten");

        var concerns = app.Services.CreateScope().ServiceProvider.GetRequiredService<ConcernService>();
        var taken = await concerns.TakeAsync(NotesWorld.Coordinator, first.ConcernId!.Value, 0, Ct);
        nav.WaitForAssertion(() => Badge(nav).ShouldBe("2")); // in progress still waits
        await concerns.HandleAsync(NotesWorld.Coordinator, first.ConcernId!.Value, taken.Version, "Opgevolgd", Ct);

        nav.WaitForAssertion(() => Badge(nav).ShouldBe("1"));
    }

    [Fact]
    public async Task ConcernBadge_NotACoordinator_ShowsNothingEvenWithConcernsWaiting()
    {
        await using var factory = new LotgenotenWebFactory();
        var (app, world, notes) = await StartAsync(factory);
        (await Notes(app).FlagAsync(NotesWorld.Pieter, world.GroupId, notes[0], 1, Ct)).Succeeded.ShouldBeTrue();
        SignIn(NotesWorld.PieterOid, AppRoles.Facilitator);

        var badge = Render<ConcernBadge>();

        badge.Markup.Trim().ShouldBeEmpty();
        badge.Instance.Count.ShouldBe(0);
    }

    private async Task<(WebApplicationFactory<Program> App, NotesWorld World, Guid[] Notes)> StartAsync(LotgenotenWebFactory factory)
    {
        var clock = new FakeTimeProvider(NotesWorld.Now);
        var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>();
        var protector = app.Services.GetRequiredService<IFieldProtector>();
        var world = new NotesWorld();
        Guid[] notes;
        await using (var db = await dbFactory.CreateDbContextAsync(Ct))
        {
            await world.SeedAsync(db, Ct);
            notes =
            [
                await NotesWorld.AddNoteAsync(db, protector, world.GroupId, world.MeetingId, world.ZonnebloemId, "Eerste zorg", Ct),
                await NotesWorld.AddNoteAsync(db, protector, world.GroupId, world.MeetingId, world.RegenboogId, "Tweede zorg", Ct),
            ];
        }

        // The component gets the app's own singletons: the same database, keys, clock and change notifier.
        Services.AddSingleton(dbFactory);
        Services.AddSingleton(protector);
        Services.AddSingleton<TimeProvider>(clock);
        Services.AddSingleton(app.Services.GetRequiredService<ConcernNotifier>());
        Services.AddScoped<ConcernService>();
        return (app, world, notes);
    }

    private void SignIn(string oid, string role)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Someone");
        auth.SetRoles(role);
        auth.SetClaims(new Claim("oid", oid));
    }

    private static NoteService Notes(WebApplicationFactory<Program> app) =>
        app.Services.CreateScope().ServiceProvider.GetRequiredService<NoteService>();

    private static string Badge(IRenderedComponent<NavMenu> nav) => nav.Find("[data-testid=concern-badge]").TextContent.Trim();
}
