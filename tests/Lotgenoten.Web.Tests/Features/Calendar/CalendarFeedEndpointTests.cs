using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using Lotgenoten.Domain.Calendars;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Calendar.Feeds;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Web.Features.Calendar;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Web.Tests.Features.Calendar;

/// <summary>
/// <c>GET /calendar/{token}.ics</c> in the real app with the real calendar writer: caching with ETags, the one 404, whose
/// meetings a feed holds, and that no token reaches a log even with ASP.NET Core's request logs at Information.
/// </summary>
public sealed class CalendarFeedEndpointTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private const string FacilitatorOid = "feed-facilitator-oid";
    private const string OtherOid = "feed-other-oid";

    // Request logs switched on as far as configuration can: the app must still keep feed paths out of them.
    private readonly LotgenotenWebFactory _factory = new(settings: new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Debug",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
        ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
    });

    private readonly FakeTimeProvider _clock = new(Now);
    private readonly CapturingLogs _logs = new();
    private WebApplicationFactory<Program> _app = default!;
    private HttpClient _client = default!;
    private Seeded _seeded = default!;

    private sealed record Seeded(string ParticipantId, Meeting Mine, Meeting MineLater, Meeting Theirs, Meeting OtherGroupOfParticipantNot);

    public async ValueTask InitializeAsync()
    {
        _app = _factory.WithWebHostBuilder(b =>
        {
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock));
            b.ConfigureLogging(l => l.AddProvider(_logs));
        });
        _client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        _seeded = await SeedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CalendarFeedStore Store => _app.Services.GetRequiredService<CalendarFeedStore>();

    private CalendarFeedService Service => _app.Services.CreateScope().ServiceProvider.GetRequiredService<CalendarFeedService>();

    [Fact]
    public async Task Get_ValidToken_Returns200CalendarWithETagAndNoStore()
    {
        var token = await Store.IssueAsync(CalendarFeedOwner.Staff(FacilitatorOid), Ct);

        using var response = await _client.GetAsync($"/calendar/{token}.ics", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/calendar; charset=utf-8");
        (response.Headers.CacheControl!.Private, response.Headers.CacheControl.NoStore).ShouldBe((true, true));
        response.Headers.ETag.ShouldNotBeNull().IsWeak.ShouldBeFalse();
        var body = await response.Content.ReadAsStringAsync(Ct);
        body.ShouldStartWith("BEGIN:VCALENDAR\r\n");
        body.TrimEnd().ShouldEndWith("END:VCALENDAR");
    }

    [Fact]
    public async Task Get_IfNoneMatchCurrent_Returns304EmptyThenNewETagAfterMeetingMoves()
    {
        var token = await Store.IssueAsync(CalendarFeedOwner.Staff(FacilitatorOid), Ct);
        using var first = await _client.GetAsync($"/calendar/{token}.ics", Ct);
        var etag = first.Headers.ETag!;

        using var again = await GetAsync(token, etag);
        again.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        (await again.Content.ReadAsByteArrayAsync(Ct)).ShouldBeEmpty();
        again.Headers.ETag.ShouldBe(etag);
        (again.Headers.CacheControl!.Private, again.Headers.CacheControl.NoStore).ShouldBe((true, true));

        await using (var db = await DbFactory.CreateDbContextAsync(Ct))
        {
            var meeting = await db.Set<Meeting>().SingleAsync(m => m.Id == _seeded.Mine.Id, Ct);
            meeting.Move(meeting.StartLocal.AddHours(1), 120, Now);
            await db.SaveChangesAsync(Ct);
        }

        using var changed = await GetAsync(token, etag);
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        changed.Headers.ETag.ShouldNotBeNull().ShouldNotBe(etag);
        var body = await changed.Content.ReadAsStringAsync(Ct);
        body.ShouldContain("SEQUENCE:1");

        using var cachedAgain = await GetAsync(token, changed.Headers.ETag!);
        cachedAgain.StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task Get_SameStamp_ServesCachedBytesWithoutRebuilding()
    {
        var owner = CalendarFeedOwner.Staff(FacilitatorOid);
        var token = await Store.IssueAsync(owner, Ct);
        var cache = _app.Services.GetRequiredService<CalendarFeedCache>();

        var built = await cache.GetAsync(owner, Ct);
        var again = await cache.GetAsync(owner, Ct);
        using var response = await _client.GetAsync($"/calendar/{token}.ics", Ct);

        again.ShouldBeSameAs(built);
        (await response.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(built.Content);
        response.Headers.ETag!.Tag.ShouldBe(built.ETag);
    }

    [Fact]
    public async Task Get_WrongMalformedRevokedRotatedTokens_IdenticalEmpty404()
    {
        var staff = CalendarFeedOwner.Staff(FacilitatorOid);
        var rotatedAway = await Store.IssueAsync(staff, Ct);
        var current = await Store.IssueAsync(staff, Ct);
        var participant = CalendarFeedOwner.Participant(_seeded.ParticipantId);
        var revoked = await Store.IssueAsync(participant, Ct);
        (await _client.GetAsync($"/calendar/{revoked}.ics", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Store.RevokeAsync(participant, Ct);

        string[] tokens = [CalendarFeedToken.New(), "not%20a%20token", new string('a', 300), "demo-begeleider", rotatedAway, revoked];
        var answers = new List<string>();
        foreach (var token in tokens)
        {
            using var response = await _client.GetAsync($"/calendar/{token}.ics", Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, token);
            answers.Add(await DescribeAsync(response));
        }

        answers.Distinct().ShouldHaveSingleItem().ShouldBe(
            "404|Cache-Control: no-store, private|Content-Security-Policy|Cross-Origin-Opener-Policy|Permissions-Policy|Referrer-Policy|X-Content-Type-Options|X-Frame-Options|body:0");
        (await _client.GetAsync($"/calendar/{current}.ics", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Get_FacilitatorFeed_HoldsOnlyTheirGroupsMeetings()
    {
        var mine = await FeedTextAsync(CalendarFeedOwner.Staff(FacilitatorOid));
        var theirs = await FeedTextAsync(CalendarFeedOwner.Staff(OtherOid));

        mine.ShouldContain(Uid(_seeded.Mine));
        mine.ShouldContain(Uid(_seeded.MineLater));
        mine.ShouldNotContain(Uid(_seeded.Theirs));
        mine.ShouldNotContain(Uid(_seeded.OtherGroupOfParticipantNot));
        theirs.ShouldContain(Uid(_seeded.Theirs));
        theirs.ShouldContain(Uid(_seeded.OtherGroupOfParticipantNot));
        theirs.ShouldNotContain(Uid(_seeded.Mine));
    }

    [Fact]
    public async Task Get_ParticipantFeed_HoldsOnlyTheirGroupsMeetingsAndNoOneElse()
    {
        var feed = await FeedTextAsync(CalendarFeedOwner.Participant(_seeded.ParticipantId));

        feed.ShouldContain(Uid(_seeded.Mine));
        feed.ShouldContain(Uid(_seeded.MineLater));
        feed.ShouldNotContain(Uid(_seeded.Theirs));
        feed.ShouldNotContain(Uid(_seeded.OtherGroupOfParticipantNot));
        feed.ShouldNotContain("Zonnebloem");
        feed.ShouldNotContain("ATTENDEE");
    }

    [Fact]
    public async Task Get_AnyFeedRequest_TokenNeverInLogs()
    {
        var token = await Store.IssueAsync(CalendarFeedOwner.Staff(FacilitatorOid), Ct);
        var wrong = CalendarFeedToken.New();

        using var ok = await _client.GetAsync($"/calendar/{token}.ics", Ct);
        using var notModified = await GetAsync(token, ok.Headers.ETag!);
        using var missing = await _client.GetAsync($"/calendar/{wrong}.ics", Ct);

        (ok.StatusCode, notModified.StatusCode, missing.StatusCode).ShouldBe((HttpStatusCode.OK, HttpStatusCode.NotModified, HttpStatusCode.NotFound));
        var text = _logs.AllText;
        text.ShouldContain("Request matched endpoint 'Calendar feed'"); // ASP.NET Core's own logs were on
        text.ShouldContain("Calendar feed of a Staff served (304)");
        text.ShouldNotContain(token);
        text.ShouldNotContain(wrong);
        text.ShouldNotContain(CalendarFeedToken.Hash(token));
        // The request log writes the address with the token masked; no other line names a feed address at all.
        var addresses = _logs.AllText.Split('\n').Where(line => line.Contains("/calendar/", StringComparison.OrdinalIgnoreCase)).ToList();
        addresses.ShouldNotBeEmpty("the request log was on, so it must have written the masked address");
        addresses.ShouldAllBe(line => line.Contains("/calendar/{token}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Service_RotateAndRevoke_OldLinksStopWorking()
    {
        var user = Staff(FacilitatorOid, AppRoles.Facilitator);

        var first = await Service.GetOrCreateAsync(user, Ct);
        var firstToken = first.Token.ShouldNotBeNull();
        first.IsActive.ShouldBeTrue();
        (await Service.GetOrCreateAsync(user, Ct)).Token.ShouldBeNull(); // shown once
        (await _client.GetAsync($"/calendar/{firstToken}.ics", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var rotated = await Service.RotateAsync(user, Ct);
        var secondToken = rotated.Token.ShouldNotBeNull();
        secondToken.ShouldNotBe(firstToken);
        (await _client.GetAsync($"/calendar/{firstToken}.ics", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _client.GetAsync($"/calendar/{secondToken}.ics", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await Service.RevokeAsync(user, Ct)).ShouldBeTrue();
        (await _client.GetAsync($"/calendar/{secondToken}.ics", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var status = await Service.GetOrCreateAsync(user, Ct);
        (status.IsActive, status.Token, status.RevokedAt).ShouldBe((false, null, Now));
    }

    [Fact]
    public async Task Service_WithoutFacilitatorRole_RefusedEveryCall()
    {
        var coordinator = Staff(FacilitatorOid, AppRoles.Coordinator);
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());
        var noObjectId = new ClaimsPrincipal(new ClaimsIdentity([new Claim("roles", AppRoles.Facilitator)], "test", "name", "roles"));

        foreach (var user in new[] { coordinator, anonymous, noObjectId })
        {
            await Should.ThrowAsync<UnauthorizedAccessException>(() => Service.GetOrCreateAsync(user, Ct));
            await Should.ThrowAsync<UnauthorizedAccessException>(() => Service.RotateAsync(user, Ct));
            await Should.ThrowAsync<UnauthorizedAccessException>(() => Service.RevokeAsync(user, Ct));
        }

        (await Store.GetStatusAsync(CalendarFeedOwner.Staff(FacilitatorOid), Ct)).ShouldBeNull();
    }

    [Theory]
    [InlineData("{0}")]
    [InlineData("W/{0}")]
    [InlineData("\"other\", {0}")]
    [InlineData("*")]
    public async Task Get_IfNoneMatchForms_Returns304(string header)
    {
        var token = await Store.IssueAsync(CalendarFeedOwner.Staff(FacilitatorOid), Ct);
        using var first = await _client.GetAsync($"/calendar/{token}.ics", Ct);
        var etag = first.Headers.ETag!.Tag;

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/calendar/{token}.ics");
        request.Headers.TryAddWithoutValidation("If-None-Match", string.Format(System.Globalization.CultureInfo.InvariantCulture, header, etag)).ShouldBeTrue();
        using var response = await _client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        response.Headers.ETag!.Tag.ShouldBe(etag);
        (await response.Content.ReadAsByteArrayAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Get_IfNoneMatchOtherTag_Returns200()
    {
        var token = await Store.IssueAsync(CalendarFeedOwner.Staff(FacilitatorOid), Ct);

        using var response = await GetAsync(token, new EntityTagHeaderValue("\"0123456789abcdef\""));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync(Ct)).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Find_KnownTokenAgain_SameAnswerFromMemory()
    {
        var token = await Store.IssueAsync(CalendarFeedOwner.Staff(FacilitatorOid), Ct);
        var cache = _app.Services.GetRequiredService<CalendarFeedCache>();

        var first = await cache.FindAsync(token, Ct);
        var again = await cache.FindAsync(token, Ct);

        first.ShouldNotBeNull().Owner.ShouldBe(CalendarFeedOwner.Staff(FacilitatorOid));
        again.ShouldBeSameAs(first);
    }

    [Fact]
    public async Task Find_UnknownTokens_NotRemembered()
    {
        var cache = _app.Services.GetRequiredService<CalendarFeedCache>();

        foreach (var token in new[] { CalendarFeedToken.New(), CalendarFeedToken.New(), "x" })
        {
            (await cache.FindAsync(token, Ct)).ShouldBeNull();
        }

        cache.LookupCount.ShouldBe(0);
    }

    [Fact]
    public async Task Get_RevokedByAnotherInstance_ServedUntilLookupLifetimeThen404()
    {
        var owner = CalendarFeedOwner.Staff(FacilitatorOid);
        var token = await Store.IssueAsync(owner, Ct);
        (await _client.GetAsync($"/calendar/{token}.ics", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Another instance: the same database, but not this app's contexts (so not its change signal).
        await using (var other = _factory.Database.CreateDbContext())
        {
            (await CalendarFeedStore.RevokeAsync(other, owner, Now, Ct)).ShouldBeTrue();
            await other.SaveChangesAsync(Ct);
        }

        (await _client.GetAsync($"/calendar/{token}.ics", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        _clock.Advance(CalendarFeedCache.LookupLifetime - TimeSpan.FromSeconds(1));
        (await _client.GetAsync($"/calendar/{token}.ics", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        _clock.Advance(TimeSpan.FromSeconds(1));
        (await _client.GetAsync($"/calendar/{token}.ics", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_MeetingChangedByExecuteUpdate_NewETagAtOnce()
    {
        var token = await Store.IssueAsync(CalendarFeedOwner.Staff(FacilitatorOid), Ct);
        using var first = await _client.GetAsync($"/calendar/{token}.ics", Ct);

        await using (var db = await DbFactory.CreateDbContextAsync(Ct))
        {
            (await db.Set<Meeting>().Where(m => m.Id == _seeded.Mine.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.Version, m => m.Version + 1), Ct)).ShouldBe(1);
        }

        using var changed = await GetAsync(token, first.Headers.ETag!);
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        changed.Headers.ETag.ShouldNotBe(first.Headers.ETag);
    }

    [Fact]
    public async Task Find_AcrossMidnightInBrussels_AskedAgainThoughLifetimeNotOver()
    {
        var token = await Store.IssueAsync(CalendarFeedOwner.Staff(FacilitatorOid), Ct);
        var cache = _app.Services.GetRequiredService<CalendarFeedCache>();
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 29, 22, 59, 58, TimeSpan.Zero)); // 23:59:58 in Brussels

        var before = await cache.FindAsync(token, Ct);
        var sameDay = await cache.FindAsync(token, Ct);
        _clock.Advance(TimeSpan.FromSeconds(3));
        var after = await cache.FindAsync(token, Ct);

        sameDay.ShouldBeSameAs(before);
        after.ShouldNotBeNull().ShouldNotBeSameAs(before);
    }

    [Fact]
    public void FeedUrl_BaseUri_AbsoluteIcsAddress() =>
        CalendarFeedService.FeedUrl("https://lotgenoten.example/", "abc-_1").ShouldBe("https://lotgenoten.example/calendar/abc-_1.ics");

    private IDbContextFactory<LotgenotenDbContext> DbFactory => _app.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>();

    private async Task<HttpResponseMessage> GetAsync(string token, EntityTagHeaderValue etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/calendar/{token}.ics");
        request.Headers.IfNoneMatch.Add(etag);
        return await _client.SendAsync(request, Ct);
    }

    private async Task<string> FeedTextAsync(CalendarFeedOwner owner)
    {
        var token = await Store.IssueAsync(owner, Ct);
        using var response = await _client.GetAsync($"/calendar/{token}.ics", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private static string Uid(Meeting meeting) => $"meeting-{meeting.Id:D}@";

    private static async Task<string> DescribeAsync(HttpResponseMessage response)
    {
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key != "Date")
            .Select(h => h.Key == "Cache-Control" ? $"{h.Key}: {string.Join(",", h.Value)}" : h.Key)
            .Order(StringComparer.Ordinal);
        var body = await response.Content.ReadAsByteArrayAsync(Ct);
        return $"{(int)response.StatusCode}|{string.Join("|", headers)}|body:{body.Length}";
    }

    private static ClaimsPrincipal Staff(string oid, string role) =>
        new(new ClaimsIdentity([new Claim("oid", oid), new Claim("name", "Test"), new Claim("roles", role)], "test", "name", "roles"));

    private async Task<Seeded> SeedAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        var created = Now.AddMonths(-6);
        var facilitator = StaffMember.Create(FacilitatorOid, "Pieter", created);
        var other = StaffMember.Create(OtherOid, "Sarah", created);
        var user = new ParticipantUser { UserName = "feed-user", NormalizedUserName = "FEED-USER", Language = "nl" };
        var stranger = new ParticipantUser { UserName = "feed-stranger", NormalizedUserName = "FEED-STRANGER", Language = "nl" };
        var mine = NewGroup("Partners Antwerpen", facilitator, created);
        var theirs = NewGroup("Partners Gent", other, created);
        var r1 = NewReferral(created);
        var r2 = NewReferral(created);
        var m1 = mine.Place(r1.Id, created);
        mine.Join(m1.Id, user.Id, "Zonnebloem", created.AddDays(1));
        var m2 = theirs.Place(r2.Id, created);
        theirs.Join(m2.Id, stranger.Id, "Reiger", created.AddDays(1));

        var a = mine.ScheduleMeeting(new DateTime(2026, 12, 8, 19, 0, 0), 120, null, Now);
        var b = mine.ScheduleMeeting(new DateTime(2026, 12, 22, 19, 0, 0), 120, "Feestdagen", Now);
        var c = theirs.ScheduleMeeting(new DateTime(2026, 12, 9, 19, 0, 0), 120, null, Now);
        var d = theirs.ScheduleMeeting(new DateTime(2026, 12, 23, 19, 0, 0), 120, null, Now);

        db.AddRange(facilitator, other);
        db.AddRange(user, stranger);
        db.AddRange(r1, r2);
        db.AddRange(mine, theirs);
        db.AddRange(a, b, c, d);
        await db.SaveChangesAsync(Ct);
        return new Seeded(user.Id, a, b, c, d);
    }

    private static PeerGroup NewGroup(string name, StaffMember facilitator, DateTimeOffset at)
    {
        var group = PeerGroup.Create(new PeerGroupDetails(name, GroupAudience.Partners, Language.Nl, GroupFormat.InPerson,
            Region.Antwerp, "Lange Lozanastraat 14, 2018 Antwerpen", null, 1, 10), at);
        group.AssignFacilitator(facilitator.Id, at);
        group.StartRecruiting();
        return group;
    }

    private static Referral NewReferral(DateTimeOffset at) =>
        Referral.Register(
            new ReferralDetails(DateOnly.FromDateTime(at.UtcDateTime), ReferralChannel.Phone, Relation.Partner, Concern.Unknown, Language.Nl,
                Region.Antwerp, FormatPreference.Either, WeeklyAvailability.Of([new(DayOfWeek.Tuesday, DayPart.Evening)]),
                ContactPreference.Code, true, "2026-01", null),
            "counsellor", at);

    /// <summary>Every formatted log message of the app, at every level.</summary>
    private sealed class CapturingLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _messages = new();

        public string AllText => string.Join('\n', _messages);

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _messages);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
        }
    }
}
