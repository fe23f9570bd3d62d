using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Web.Features.Meetings;
using Lotgenoten.Web.Features.Participants;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lotgenoten.Web.Tests.Features.Participants;

/// <summary>
/// The participant's home on a real SQLite database: answers (create, change, until the start, only for their own
/// groups, message rules), where the place shows, the calendar downloads over HTTP, the feed link, and the planner's
/// view of the answers.
/// </summary>
public sealed class ParticipantHomeServiceTests : IAsyncLifetime
{
    // Sunday 29 November 2026, 10:00 UTC: the group meets on Tuesdays 1, 15 and 29 December and 12 January, 19:00–21:00.
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private const string FacilitatorOid = "home-facilitator-oid";
    private const string OtherFacilitatorOid = "home-other-facilitator-oid";
    private const string OtherMemberId = "home-other-member";
    private const string WithdrawnId = "home-withdrawn-member";
    private const string OtherGroupMemberId = "home-other-group-member";
    private const string Address = "Kerkstraat 1, 2000 Antwerpen";

    private readonly LotgenotenWebFactory _factory = new();
    private readonly SettableClock _clock = new(Now);
    private WebApplicationFactory<Program> _app = default!;
    private Guid _groupId;
    private Guid _otherGroupId;
    private List<Guid> _meetings = [];
    private Guid _otherGroupMeeting;

    private static string ParticipantId => DemoUsers.Participant.ObjectId;

    private static ClaimsPrincipal Me => Participant(ParticipantId);

    public async ValueTask InitializeAsync()
    {
        _app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));
        await SeedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _factory.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IServiceProvider Services => _app.Services;

    private IDbContextFactory<LotgenotenDbContext> Db => Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>();

    private ParticipantHomeService Home
    {
        get
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("nl-BE");
            return Services.CreateScope().ServiceProvider.GetRequiredService<ParticipantHomeService>();
        }
    }

    private PlannerService Planner
    {
        get
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("nl-BE");
            return Services.CreateScope().ServiceProvider.GetRequiredService<PlannerService>();
        }
    }

    [Fact]
    public async Task Answer_FirstAnswerBeforeStart_SavedAsVersionOne()
    {
        var result = await Home.AnswerAsync(Me, _meetings[0], RsvpAnswer.CantCome, "  Ziek, sorry  ", 0, Ct);

        result.ShouldBe(ParticipantAnswerResult.Ok(1));
        var view = await Home.GetAsync(Me, Ct);
        view.Upcoming[0].Answer.ShouldBe(RsvpAnswer.CantCome);
        view.Upcoming[0].Message.ShouldBe("Ziek, sorry");
        view.Upcoming[0].ResponseVersion.ShouldBe(1);
        view.Upcoming[1].Answer.ShouldBeNull();
    }

    [Fact]
    public async Task Answer_Change_SavesNewAnswerAndClearsMessage()
    {
        await Home.AnswerAsync(Me, _meetings[1], RsvpAnswer.CantCome, "Misschien", 0, Ct);

        var result = await Home.AnswerAsync(Me, _meetings[1], RsvpAnswer.Coming, null, 1, Ct);

        result.ShouldBe(ParticipantAnswerResult.Ok(2));
        await using var db = await Db.CreateDbContextAsync(Ct);
        var saved = await db.Set<MeetingResponse>().SingleAsync(r => r.MeetingId == _meetings[1], Ct);
        saved.Answer.ShouldBe(RsvpAnswer.Coming);
        saved.Message.ShouldBeNull();
    }

    [Fact]
    public async Task Answer_StaleVersion_ConflictAndNothingChanged()
    {
        await Home.AnswerAsync(Me, _meetings[0], RsvpAnswer.Coming, null, 0, Ct);

        var result = await Home.AnswerAsync(Me, _meetings[0], RsvpAnswer.CantCome, null, 0, Ct);

        result.Conflict.ShouldBeTrue();
        result.Error.ShouldBe("Je antwoord werd intussen ergens anders veranderd. We tonen het nieuwe; kijk het na en bewaar opnieuw.");
        (await Home.GetAsync(Me, Ct)).Upcoming[0].Answer.ShouldBe(RsvpAnswer.Coming);
    }

    [Fact]
    public async Task Answer_AfterStart_RefusedAndReadOnly()
    {
        await Home.AnswerAsync(Me, _meetings[0], RsvpAnswer.Coming, null, 0, Ct);
        _clock.Now = new DateTimeOffset(2026, 12, 1, 18, 0, 1, TimeSpan.Zero); // 19:00:01 in Brussels

        var result = await Home.AnswerAsync(Me, _meetings[0], RsvpAnswer.CantCome, null, 1, Ct);

        result.ShouldBe(ParticipantAnswerResult.Failed("De bijeenkomst is al begonnen; je antwoord kan niet meer veranderen."));
        var first = (await Home.GetAsync(Me, Ct)).Upcoming[0];
        first.Id.ShouldBe(_meetings[0]);
        first.CanAnswer.ShouldBeFalse();
        first.Answer.ShouldBe(RsvpAnswer.Coming);
    }

    [Fact]
    public async Task Answer_OtherGroupsMeeting_RefusedLikeAnUnknownMeeting()
    {
        var other = await Home.AnswerAsync(Me, _otherGroupMeeting, RsvpAnswer.Coming, null, 0, Ct);
        var unknown = await Home.AnswerAsync(Me, Guid.NewGuid(), RsvpAnswer.Coming, null, 0, Ct);

        other.ShouldBe(ParticipantAnswerResult.Failed("Deze bijeenkomst vonden we niet."));
        unknown.ShouldBe(other);
        await using var db = await Db.CreateDbContextAsync(Ct);
        (await db.Set<MeetingResponse>().CountAsync(Ct)).ShouldBe(0);
    }

    [Theory]
    [InlineData("nul\0byte", "Je bericht bevat een onzichtbaar teken dat niet kan. Typ het opnieuw.")]
    [InlineData("omgekeerd \u202Etxet", "Je bericht bevat een onzichtbaar teken dat niet kan. Typ het opnieuw.")]
    public async Task Answer_ControlCharacterInMessage_RefusedAndNothingSaved(string message, string error)
    {
        var result = await Home.AnswerAsync(Me, _meetings[0], RsvpAnswer.CantCome, message, 0, Ct);

        result.ShouldBe(ParticipantAnswerResult.Failed(error));
        await using var db = await Db.CreateDbContextAsync(Ct);
        (await db.Set<MeetingResponse>().CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Answer_MessageTooLong_RefusedAndNothingSaved()
    {
        var atLimit = await Home.AnswerAsync(Me, _meetings[1], RsvpAnswer.CantCome, new string('a', MeetingResponse.MessageMaxLength), 0, Ct);
        var result = await Home.AnswerAsync(Me, _meetings[0], RsvpAnswer.CantCome, new string('a', MeetingResponse.MessageMaxLength + 1), 0, Ct);

        atLimit.Succeeded.ShouldBeTrue();
        result.ShouldBe(ParticipantAnswerResult.Failed("Je bericht is te lang: hoogstens 300 tekens."));
        await using var db = await Db.CreateDbContextAsync(Ct);
        (await db.Set<MeetingResponse>().CountAsync(r => r.MeetingId == _meetings[0], Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Answer_WithdrawnMember_Refused()
    {
        var result = await Home.AnswerAsync(Participant(WithdrawnId), _meetings[0], RsvpAnswer.Coming, null, 0, Ct);

        result.ShouldBe(ParticipantAnswerResult.Failed("Deze bijeenkomst vonden we niet."));
    }

    [Fact]
    public async Task Answer_StaffUser_Throws()
    {
        var staff = new ClaimsPrincipal(new ClaimsIdentity([new Claim("oid", FacilitatorOid), new Claim("roles", AppRoles.Facilitator)], "test", "name", "roles"));

        await Should.ThrowAsync<UnauthorizedAccessException>(() => Home.AnswerAsync(staff, _meetings[0], RsvpAnswer.Coming, null, 0, Ct));
    }

    [Fact]
    public async Task Get_PlaceOnlyForTheNextMeeting()
    {
        var view = await Home.GetAsync(Me, Ct);

        view.Pseudonym.ShouldBe("Zonnebloem");
        view.Upcoming.Select(m => m.Id).ShouldBe(_meetings);
        view.Upcoming[0].Address.ShouldBe(Address);
        view.Upcoming[0].StartLocal.ShouldBe(new DateTime(2026, 12, 1, 19, 0, 0));
        view.Upcoming.Skip(1).ShouldAllBe(m => m.Address == null && m.OnlineLink == null);
        view.Upcoming.ShouldAllBe(m => m.InSeries && m.CanAnswer);
    }

    [Fact]
    public async Task MeetingFile_OwnMeeting_NoStoreCalendarWithDiscreetTitle()
    {
        using var client = await SignInAsync();

        using var response = await client.GetAsync(new Uri(ParticipantCalendarEndpoints.MeetingUrl(_meetings[1]), UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        response.Content.Headers.ContentDisposition!.FileName.ShouldBe("afspraak.ics");
        var text = await response.Content.ReadAsStringAsync(Ct);
        var calendar = Ical.Net.Calendar.Load(text)!;
        var evt = calendar.Events.ShouldHaveSingleItem();
        evt.Summary.ShouldBe("Afspraak");
        evt.Uid.ShouldBe($"meeting-{_meetings[1]:D}@lotgenoten.invalid");
        evt.RecurrenceRule.ShouldBeNull();
        evt.DtStart!.Value.ShouldBe(new DateTime(2026, 12, 15, 19, 0, 0));
        evt.DtStart.TzId.ShouldBe("Europe/Brussels");
        evt.Location.ShouldBe(Address);
        text.ShouldNotContain("Zonnebloem");
    }

    [Fact]
    public async Task SeriesFile_OwnMeeting_OneRecurringEvent()
    {
        using var client = await SignInAsync();

        using var response = await client.GetAsync(new Uri(ParticipantCalendarEndpoints.SeriesUrl(_meetings[0]), UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var calendar = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync(Ct))!;
        var evt = calendar.Events.ShouldHaveSingleItem();
        evt.Summary.ShouldBe("Afspraak");
        evt.RecurrenceRule!.Count.ShouldBe(4);
    }

    [Fact]
    public async Task MeetingFile_OtherGroupsMeeting_NotFound()
    {
        using var client = await SignInAsync();

        using var other = await client.GetAsync(new Uri(ParticipantCalendarEndpoints.MeetingUrl(_otherGroupMeeting), UriKind.Relative), Ct);
        using var series = await client.GetAsync(new Uri(ParticipantCalendarEndpoints.SeriesUrl(_otherGroupMeeting), UriKind.Relative), Ct);

        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        series.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.Content.ReadAsByteArrayAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task MeetingFile_Anonymous_NotServed()
    {
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri(ParticipantCalendarEndpoints.MeetingUrl(_meetings[0]), UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.RedirectTarget().ShouldStartWith("/deelnemer/aanmelden");
    }

    [Fact]
    public async Task IssueFeed_Rotate_OldLinkStopsAndRotationAudited()
    {
        var first = await Home.IssueFeedAsync(Me, Ct);
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using (var before = await client.GetAsync(new Uri($"/calendar/{first.Token}.ics", UriKind.Relative), Ct))
        {
            before.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var second = await Home.IssueFeedAsync(Me, Ct);

        using var old = await client.GetAsync(new Uri($"/calendar/{first.Token}.ics", UriKind.Relative), Ct);
        using var current = await client.GetAsync(new Uri($"/calendar/{second.Token}.ics", UriKind.Relative), Ct);
        old.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        current.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.Token.ShouldNotBe(first.Token);
        await using var db = await Db.CreateDbContextAsync(Ct);
        var audits = await db.Set<AuditEvent>().Where(a => a.Kind == AuditKind.FeedTokenRotated).ToListAsync(Ct);
        audits.ShouldHaveSingleItem().ActorId.ShouldBe(ParticipantId);
    }

    [Fact]
    public async Task RevokeFeed_LinkStopsAndStatusSaysSo()
    {
        var issued = await Home.IssueFeedAsync(Me, Ct);

        (await Home.RevokeFeedAsync(Me, Ct)).ShouldBeTrue();

        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.GetAsync(new Uri($"/calendar/{issued.Token}.ics", UriKind.Relative), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var status = await Home.GetFeedAsync(Me, Ct);
        status.ShouldBe(new ParticipantFeed(true, false, Now, null));
    }

    [Fact]
    public async Task IssueFeed_WithdrawnMember_Refused()
    {
        await Should.ThrowAsync<UnauthorizedAccessException>(() => Home.IssueFeedAsync(Participant(WithdrawnId), Ct));
    }

    [Fact]
    public async Task Planner_FacilitatorOfGroup_SeesAnswersByPseudonymWithCounts()
    {
        await Home.AnswerAsync(Me, _meetings[0], RsvpAnswer.CantCome, "Ik ben op reis", 0, Ct);
        await Home.AnswerAsync(Participant(OtherMemberId), _meetings[0], RsvpAnswer.Coming, null, 0, Ct);

        var group = await Planner.GetGroupAsync(Staff(FacilitatorOid), _groupId, Ct);

        var first = group!.Meetings.Single(m => m.Id == _meetings[0]);
        first.Responses.ShouldBe([
            new PlannerResponse("Klaproos", RsvpAnswer.Coming, null),
            new PlannerResponse("Zonnebloem", RsvpAnswer.CantCome, "Ik ben op reis"),
        ]);
        group.Meetings.Single(m => m.Id == _meetings[1]).Responses.ShouldBeEmpty();
    }

    [Fact]
    public async Task Planner_FacilitatorOfAnotherGroup_SeesNothing()
    {
        await Home.AnswerAsync(Me, _meetings[0], RsvpAnswer.CantCome, "Ik ben op reis", 0, Ct);

        await Should.ThrowAsync<UnauthorizedAccessException>(() => Planner.GetGroupAsync(Staff(OtherFacilitatorOid), _groupId, Ct));
        var own = await Planner.GetGroupAsync(Staff(OtherFacilitatorOid), _otherGroupId, Ct);
        own!.Meetings.ShouldAllBe(m => m.Responses != null && m.Responses.Count == 0);
    }

    private async Task<HttpClient> SignInAsync()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var response = await client.GetAsync(new Uri("/dev/signin?user=participant", UriKind.Relative), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    private static ClaimsPrincipal Participant(string id) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Role, AppRoles.Participant)], "Identity.Application"));

    private static ClaimsPrincipal Staff(string oid) =>
        new(new ClaimsIdentity([new Claim("oid", oid), new Claim("name", "Test"), new Claim("roles", AppRoles.Facilitator)], "test", "name", "roles"));

    private async Task SeedAsync()
    {
        using (var scope = Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ParticipantUser>>();
            var created = await users.CreateAsync(
                new ParticipantUser { Id = ParticipantId, UserName = DemoUsers.ParticipantUserName }, DemoUsers.ParticipantPassphrase);
            created.Succeeded.ShouldBeTrue();
        }

        await using var db = await Db.CreateDbContextAsync(Ct);
        var facilitator = StaffMember.Create(FacilitatorOid, "Pieter", Now.AddDays(-400));
        var otherFacilitator = StaffMember.Create(OtherFacilitatorOid, "Sarah", Now.AddDays(-400));
        db.AddRange(facilitator, otherFacilitator);

        var group = PeerGroup.Create(new PeerGroupDetails("Partners Antwerpen", GroupAudience.Partners, Language.Nl, GroupFormat.InPerson, Region.Antwerp,
            Address, null, 2, 10), Now.AddDays(-150));
        group.AssignFacilitator(facilitator.Id, Now.AddDays(-150));
        group.StartRecruiting();
        var referrals = new List<Referral>();
        foreach (var (id, pseudonym) in new[] { (ParticipantId, "Zonnebloem"), (OtherMemberId, "Klaproos"), (WithdrawnId, "Weg") })
        {
            var referral = NewReferral();
            referrals.Add(referral);
            var membership = group.Place(referral.Id, Now.AddDays(-120));
            group.Join(membership.Id, id, pseudonym, Now.AddDays(-119));
        }

        group.Start(Now.AddDays(-60));
        group.Memberships.Single(m => m.ParticipantId == WithdrawnId).Withdraw(WithdrawalReason.PracticalReasons, Now.AddDays(-10));
        var (series, meetings) = group.PlanSeries(
            new SeriesPlan(RecurrencePattern.EveryTwoWeeks, new DateOnly(2026, 12, 1), new TimeOnly(19, 0), 120, 4, null), Now.AddDays(-30));

        var other = PeerGroup.Create(new PeerGroupDetails("Ouders Gent", GroupAudience.Parents, Language.Nl, GroupFormat.InPerson, Region.EastFlanders,
            "Kouter 1, 9000 Gent", null, 2, 10), Now.AddDays(-100));
        other.AssignFacilitator(otherFacilitator.Id, Now.AddDays(-100));
        other.StartRecruiting();
        var otherReferral = NewReferral();
        referrals.Add(otherReferral);
        var otherMembership = other.Place(otherReferral.Id, Now.AddDays(-90));
        other.Join(otherMembership.Id, OtherGroupMemberId, "Madelief", Now.AddDays(-89));
        var otherMeeting = other.ScheduleMeeting(new DateTime(2026, 12, 2, 19, 0, 0), 120, null, Now.AddDays(-30));

        db.Users.AddRange(new[] { OtherMemberId, WithdrawnId, OtherGroupMemberId }.Select(id => new ParticipantUser { Id = id, UserName = id }));
        db.AddRange(referrals);
        db.AddRange(group, other, series, otherMeeting);
        db.AddRange(meetings);
        await db.SaveChangesAsync(Ct);
        _groupId = group.Id;
        _otherGroupId = other.Id;
        _meetings = [.. meetings.OrderBy(m => m.StartsAt).Select(m => m.Id)];
        _otherGroupMeeting = otherMeeting.Id;
    }

    private static Referral NewReferral() => Referral.Register(
        new ReferralDetails(new DateOnly(2026, 5, 1), ReferralChannel.Phone, Relation.Partner, Concern.Unknown, Language.Nl, Region.Antwerp,
            FormatPreference.Either, WeeklyAvailability.None, ContactPreference.Code, true, "2026-01", null),
        "coordinator-oid", Now.AddDays(-200));

    /// <summary>A clock the test can move on (past a meeting's start).</summary>
    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>The hostile catalogue (issue 8) as the message to the facilitators: stored as typed, or refused with nothing saved.</summary>
    [Theory]
    [MemberData(nameof(Security.HostileInput.HostileCatalogue.StringCases), MemberType = typeof(Security.HostileInput.HostileCatalogue))]
    public async Task Answer_HostileCatalogueMessage_StoredOrRefusedWithNothingSaved(string kind, string message)
    {
        var result = await Home.AnswerAsync(Me, _meetings[0], RsvpAnswer.CantCome, message, 0, Ct);

        await using var db = await Db.CreateDbContextAsync(Ct);
        var stored = await db.Set<MeetingResponse>().AsNoTracking().Where(r => r.MeetingId == _meetings[0]).ToListAsync(Ct);
        if (result.Succeeded)
        {
            stored.Count.ShouldBe(1, kind);
            (stored[0].Message ?? "").ShouldNotContain(c => char.IsControl(c) && c != '\n' && c != '\r' && c != '\t', kind);
            (stored[0].Message ?? "").ShouldNotContain(c => c == '\u202E' || c == '\u200B', kind);
        }
        else
        {
            result.Error.ShouldNotBeNullOrWhiteSpace(kind);
            stored.ShouldBeEmpty(kind);
        }
    }
}
