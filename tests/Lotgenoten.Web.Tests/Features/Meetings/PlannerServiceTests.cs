using System.Globalization;
using System.Security.Claims;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Email;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Web.Features.Meetings;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lotgenoten.Web.Tests.Features.Meetings;

/// <summary>The meeting planner on a real SQLite database: dates, clock changes, changes, invites, rights, warnings, conflicts.</summary>
public sealed class PlannerServiceTests : IAsyncLifetime
{
    // Sunday 29 November 2026, 10:00 UTC: the Tuesday group meets next on 1 December.
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private const string FacilitatorOid = "facilitator-oid";
    private const string OtherFacilitatorOid = "other-facilitator-oid";

    private readonly LotgenotenWebFactory _factory = new(settings: new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false" });
    private readonly SettableClock _clock = new(Now);
    private IServiceProvider _services = default!;
    private Guid _groupId;
    private Guid _otherGroupId;
    private Guid _seriesId;

    public async ValueTask InitializeAsync()
    {
        var app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(_clock);
        }));
        _services = app.Services;
        await using (var db = await Factory.CreateDbContextAsync(Ct))
        {
            // The schema of the current model (the outbox table included), whatever migrations exist right now.
            await db.Database.EnsureCreatedAsync(Ct);
        }

        await SeedAsync();
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private IDbContextFactory<LotgenotenDbContext> Factory => _services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>();

    private PlannerService Service
    {
        get
        {
            var scope = _services.CreateScope();
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("nl-BE");
            return scope.ServiceProvider.GetRequiredService<PlannerService>();
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ClaimsPrincipal Facilitator => Staff(AppRoles.Facilitator, FacilitatorOid);

    [Fact]
    public async Task PreviewSeries_Weekly_GivesEveryTuesday()
    {
        var preview = await Service.PreviewSeriesAsync(Facilitator, _groupId, Plan(RecurrencePattern.Weekly, new DateOnly(2027, 1, 5), 4), Ct);

        preview.Error.ShouldBeNull();
        preview.Dates.ShouldBe([new(2027, 1, 5), new(2027, 1, 12), new(2027, 1, 19), new(2027, 1, 26)]);
        preview.Notes.ShouldBeEmpty();
    }

    [Fact]
    public async Task PreviewSeries_EveryTwoWeeksWithSkippedDate_LeavesItOut()
    {
        var plan = Plan(RecurrencePattern.EveryTwoWeeks, new DateOnly(2027, 1, 5), 4) with { SkippedDates = [new DateOnly(2027, 1, 19)] };

        var preview = await Service.PreviewSeriesAsync(Facilitator, _groupId, plan, Ct);

        preview.Dates.ShouldBe([new(2027, 1, 5), new(2027, 2, 2), new(2027, 2, 16)]);
    }

    [Fact]
    public async Task PreviewSeries_MonthlySecondTuesday_GivesSecondTuesdays()
    {
        var preview = await Service.PreviewSeriesAsync(Facilitator, _groupId, Plan(RecurrencePattern.MonthlyByWeekday, new DateOnly(2027, 1, 12), 4), Ct);

        preview.Dates.ShouldBe([new(2027, 1, 12), new(2027, 2, 9), new(2027, 3, 9), new(2027, 4, 13)]);
    }

    [Fact]
    public async Task PreviewSeries_SpringGap_RefusedWithClearMessage()
    {
        var plan = new SeriesPlan(RecurrencePattern.Weekly, new DateOnly(2026, 3, 22), new TimeOnly(2, 30), 60, 2, null);
        await SetNowAsync(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));

        var preview = await Service.PreviewSeriesAsync(Facilitator, _groupId, plan, Ct);

        preview.IsValid.ShouldBeFalse();
        preview.Error.ShouldBe("02:30 bestaat niet op zondag 29 maart 2026: die nacht springt de klok van 02:00 naar 03:00. Kies een ander beginuur of sla die datum over.");
    }

    [Fact]
    public async Task PreviewSeries_AutumnDoubleHour_AcceptedAsFirstWithNote()
    {
        var plan = new SeriesPlan(RecurrencePattern.Weekly, new DateOnly(2026, 10, 18), new TimeOnly(2, 30), 60, 2, null);
        await SetNowAsync(new DateTimeOffset(2026, 10, 1, 10, 0, 0, TimeSpan.Zero));

        var preview = await Service.PreviewSeriesAsync(Facilitator, _groupId, plan, Ct);

        preview.Error.ShouldBeNull();
        preview.Dates.ShouldBe([new(2026, 10, 18), new(2026, 10, 25)]);
        preview.AmbiguousDates.ShouldBe([new DateOnly(2026, 10, 25)]);
        preview.Notes.ShouldBe(["02:30 bestaat twee keer op zondag 25 oktober 2026 (de klok gaat die nacht terug): de planner neemt het eerste 02:30, nog in zomertijd."]);
    }

    [Theory]
    [InlineData(null, null, "Kies een aantal bijeenkomsten of een laatste datum (één van beide).")]
    [InlineData(105, null, "Een reeks heeft 1 tot 104 bijeenkomsten.")]
    public async Task PreviewSeries_BrokenEnd_ExplainsWhy(int? count, string? until, string message)
    {
        var plan = new SeriesPlan(RecurrencePattern.Weekly, new DateOnly(2027, 1, 5), new TimeOnly(19, 0), 120, count, until is null ? null : DateOnly.Parse(until, CultureInfo.InvariantCulture));

        (await Service.PreviewSeriesAsync(Facilitator, _groupId, plan, Ct)).Error.ShouldBe(message);
    }

    [Fact]
    public async Task PreviewSeries_InThePast_Refused()
    {
        var preview = await Service.PreviewSeriesAsync(Facilitator, _groupId, Plan(RecurrencePattern.Weekly, new DateOnly(2026, 11, 24), 3), Ct);

        preview.Error.ShouldBe("Een reeks kan niet in het verleden beginnen. Kies een eerste datum die nog komt.");
    }

    [Fact]
    public async Task PlanSeries_Valid_StoresMeetingsAndQueuesOneInvitePerOptedInMember()
    {
        var result = await Service.PlanSeriesAsync(Facilitator, _groupId, Plan(RecurrencePattern.Weekly, new DateOnly(2027, 1, 5), 3), Ct);

        result.ShouldBe(PlannerResult.Ok(2));
        await using var db = await Factory.CreateDbContextAsync(Ct);
        var series = await db.Set<MeetingSeries>().SingleAsync(s => s.GroupId == _groupId && s.FirstDate == new DateOnly(2027, 1, 5), Ct);
        var dates = await db.Set<Meeting>().Where(m => m.SeriesId == series.Id).OrderBy(m => m.Date).Select(m => m.Date).ToListAsync(Ct);
        dates.ShouldBe([new(2027, 1, 5), new(2027, 1, 12), new(2027, 1, 19)]);
        (await Outbox(db, "SeriesInvite")).ShouldBe(2);
    }

    [Fact]
    public async Task MoveMeeting_Scheduled_RaisesSequenceAndQueuesUpdatesForOptedInOnly()
    {
        var meeting = await NextMeetingAsync();

        var result = await Service.MoveMeetingAsync(Facilitator, _groupId, meeting.Id, meeting.Version, new DateTime(2026, 12, 2, 19, 30, 0), 90, Ct);

        result.ShouldBe(PlannerResult.Ok(2));
        await using var db = await Factory.CreateDbContextAsync(Ct);
        var moved = await db.Set<Meeting>().SingleAsync(m => m.Id == meeting.Id, Ct);
        (moved.Date, moved.StartTime, moved.DurationMinutes, moved.Sequence).ShouldBe((new DateOnly(2026, 12, 2), new TimeOnly(19, 30), 90, meeting.Sequence + 1));
        moved.StartsAt.ShouldBe(new DateTimeOffset(2026, 12, 2, 18, 30, 0, TimeSpan.Zero));
        (await Outbox(db, "MeetingUpdate")).ShouldBe(2);
        (await db.Set<OutboxMessage>().CountAsync(Ct)).ShouldBe(2);

        var view = (await Service.GetGroupAsync(Facilitator, _groupId, Ct)).ShouldNotBeNull();
        view.Meetings.Single(m => m.Id == meeting.Id).Status.ShouldBe(PlannerMeetingStatus.Moved);
    }

    [Fact]
    public async Task MoveMeeting_NoMemberOptedIn_QueuesNothing()
    {
        await using (var db = await Factory.CreateDbContextAsync(Ct))
        {
            foreach (var membership in await db.Set<Membership>().Where(m => m.GroupId == _groupId).ToListAsync(Ct))
            {
                db.Entry(membership).Property(m => m.EmailInvites).CurrentValue = false;
            }

            await db.SaveChangesAsync(Ct);
        }

        var meeting = await NextMeetingAsync();
        var result = await Service.MoveMeetingAsync(Facilitator, _groupId, meeting.Id, meeting.Version, new DateTime(2026, 12, 3, 19, 0, 0), 120, Ct);

        result.ShouldBe(PlannerResult.Ok(0));
        await using var check = await Factory.CreateDbContextAsync(Ct);
        (await check.Set<OutboxMessage>().CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task CancelMeeting_Scheduled_CancelledWithCancelMails()
    {
        var meeting = await NextMeetingAsync();

        var result = await Service.CancelMeetingAsync(Facilitator, _groupId, meeting.Id, meeting.Version, Ct);

        result.ShouldBe(PlannerResult.Ok(2));
        await using var db = await Factory.CreateDbContextAsync(Ct);
        var cancelled = await db.Set<Meeting>().SingleAsync(m => m.Id == meeting.Id, Ct);
        (cancelled.Status, cancelled.Sequence).ShouldBe((MeetingStatus.Cancelled, meeting.Sequence + 1));
        (await Outbox(db, "MeetingCancel")).ShouldBe(2);
    }

    [Fact]
    public async Task CancelSeries_Active_CancelsOnlyMeetingsToCome()
    {
        var before = (await Service.GetGroupAsync(Facilitator, _groupId, Ct)).ShouldNotBeNull();
        var series = before.Series.Single(s => s.Id == _seriesId);

        var result = await Service.CancelSeriesAsync(Facilitator, _groupId, _seriesId, series.Version, Ct);

        result.ShouldBe(PlannerResult.Ok(2));
        await using var db = await Factory.CreateDbContextAsync(Ct);
        var meetings = await db.Set<Meeting>().Where(m => m.SeriesId == _seriesId).ToListAsync(Ct);
        meetings.Where(m => m.Status == MeetingStatus.Cancelled).Select(m => m.Date).Order().ShouldBe([new(2026, 12, 1), new(2026, 12, 15)]);
        meetings.Count(m => m.Status == MeetingStatus.Held).ShouldBe(6);
        (await db.Set<MeetingSeries>().SingleAsync(s => s.Id == _seriesId, Ct)).Status.ShouldBe(SeriesStatus.Cancelled);
        (await Outbox(db, "SeriesCancel")).ShouldBe(2);
    }

    [Fact]
    public async Task AddMeeting_OutsideSeries_StoredAsOwnEventWithInvites()
    {
        var result = await Service.AddMeetingAsync(Facilitator, _groupId, new DateTime(2027, 2, 4, 18, 0, 0), 60, "Kerstperiode", Ct);

        result.ShouldBe(PlannerResult.Ok(2));
        await using var db = await Factory.CreateDbContextAsync(Ct);
        var added = await db.Set<Meeting>().SingleAsync(m => m.GroupId == _groupId && m.Date == new DateOnly(2027, 2, 4), Ct);
        (added.SeriesId, added.StartTime, added.Theme).ShouldBe((null, new TimeOnly(18, 0), "Kerstperiode"));
        (await Outbox(db, "MeetingUpdate")).ShouldBe(2);
    }

    [Fact]
    public async Task SetTheme_Meeting_StoredWithoutMail()
    {
        var meeting = await NextMeetingAsync();

        var result = await Service.SetThemeAsync(Facilitator, _groupId, meeting.Id, meeting.Version, "  Grenzen stellen ", Ct);

        result.ShouldBe(PlannerResult.Ok());
        await using var db = await Factory.CreateDbContextAsync(Ct);
        (await db.Set<Meeting>().SingleAsync(m => m.Id == meeting.Id, Ct)).Theme.ShouldBe("Grenzen stellen");
        (await db.Set<OutboxMessage>().CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task MoveMeeting_StaleVersion_ReportsConflictAndChangesNothing()
    {
        var meeting = await NextMeetingAsync();
        (await Service.SetThemeAsync(Facilitator, _groupId, meeting.Id, meeting.Version, "Eerst", Ct)).Succeeded.ShouldBeTrue();

        var result = await Service.MoveMeetingAsync(Facilitator, _groupId, meeting.Id, meeting.Version, new DateTime(2026, 12, 2, 19, 0, 0), 120, Ct);

        result.ShouldBe(PlannerResult.Conflicted("Iemand anders heeft dit intussen gewijzigd. De planning is opnieuw geladen: bekijk ze en probeer opnieuw."));
        await using var db = await Factory.CreateDbContextAsync(Ct);
        var unchanged = await db.Set<Meeting>().SingleAsync(m => m.Id == meeting.Id, Ct);
        (unchanged.Date, unchanged.Sequence, unchanged.Theme).ShouldBe((new DateOnly(2026, 12, 1), 0, "Eerst"));
        (await db.Set<OutboxMessage>().CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task EveryCall_FacilitatorOfAnotherGroup_Refused()
    {
        var other = Staff(AppRoles.Facilitator, OtherFacilitatorOid);
        var meeting = await NextMeetingAsync();

        await Should.ThrowAsync<UnauthorizedAccessException>(() => Service.GetGroupAsync(other, _groupId, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => Service.PreviewSeriesAsync(other, _groupId, Plan(RecurrencePattern.Weekly, new DateOnly(2027, 1, 5), 2), Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => Service.PlanSeriesAsync(other, _groupId, Plan(RecurrencePattern.Weekly, new DateOnly(2027, 1, 5), 2), Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => Service.MoveMeetingAsync(other, _groupId, meeting.Id, meeting.Version, new DateTime(2026, 12, 2, 19, 0, 0), 120, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => Service.CancelMeetingAsync(other, _groupId, meeting.Id, meeting.Version, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => Service.SetThemeAsync(other, _groupId, meeting.Id, meeting.Version, "x", Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => Service.AddMeetingAsync(other, _groupId, new DateTime(2027, 2, 4, 18, 0, 0), 60, null, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => Service.CancelSeriesAsync(other, _groupId, _seriesId, 0, Ct));

        // Their own group is theirs, and a coordinator may plan any group.
        (await Service.GetGroupAsync(other, _otherGroupId, Ct)).ShouldNotBeNull();
        (await Service.GetGroupAsync(Staff(AppRoles.Coordinator, "coordinator-oid"), _groupId, Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task EveryCall_Counsellor_Refused()
    {
        var counsellor = Staff(AppRoles.Counsellor, FacilitatorOid);

        await Should.ThrowAsync<UnauthorizedAccessException>(() => Service.GetGroupAsync(counsellor, _groupId, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => Service.PlanSeriesAsync(counsellor, _groupId, Plan(RecurrencePattern.Weekly, new DateOnly(2027, 1, 5), 2), Ct));
    }

    [Fact]
    public async Task MoveMeeting_FacilitatorRemovedMeanwhile_RefusedAtOnce()
    {
        var meeting = await NextMeetingAsync();
        await using (var db = await Factory.CreateDbContextAsync(Ct))
        {
            var group = await db.Set<PeerGroup>().Include(g => g.Facilitators).SingleAsync(g => g.Id == _groupId, Ct);
            var staff = await db.Set<StaffMember>().SingleAsync(s => s.ObjectId == OtherFacilitatorOid, Ct);
            group.AssignFacilitator(staff.Id, Now);
            group.RemoveFacilitator(group.Facilitators[0].StaffMemberId);
            await db.SaveChangesAsync(Ct);
        }

        await Should.ThrowAsync<UnauthorizedAccessException>(() =>
            Service.MoveMeetingAsync(Facilitator, _groupId, meeting.Id, meeting.Version, new DateTime(2026, 12, 2, 19, 0, 0), 120, Ct));
    }

    [Fact]
    public async Task PreviewAndCheckSlot_FacilitatorBusyInOtherGroup_Warns()
    {
        // The facilitator also takes on the other group, which meets on Tuesday 12 January 2027 at 18:30.
        await using (var db = await Factory.CreateDbContextAsync(Ct))
        {
            var other = await db.Set<PeerGroup>().Include(g => g.Facilitators).SingleAsync(g => g.Id == _otherGroupId, Ct);
            other.AssignFacilitator(await db.Set<StaffMember>().Where(s => s.ObjectId == FacilitatorOid).Select(s => s.Id).SingleAsync(Ct), Now);
            await db.SaveChangesAsync(Ct);
        }

        var preview = await Service.PreviewSeriesAsync(Facilitator, _groupId, Plan(RecurrencePattern.Weekly, new DateOnly(2027, 1, 5), 3), Ct);
        var slot = await Service.CheckSlotAsync(Facilitator, _groupId, new DateTime(2027, 1, 12, 20, 0, 0), 60, null, Ct);
        var free = await Service.CheckSlotAsync(Facilitator, _groupId, new DateTime(2027, 1, 12, 20, 30, 0), 60, null, Ct);

        string[] warnings =
        [
            "dinsdag 12 januari 2027: Pieter begeleidt dan ook Ouders Gent (18:30–20:30).",
            "dinsdag 12 januari 2027: de zaal is dan ook in gebruik door Ouders Gent (18:30–20:30).",
        ];
        preview.Warnings.ShouldBe(warnings);
        slot.ShouldBe(warnings);
        free.ShouldBeEmpty();
    }

    [Fact]
    public async Task PreviewSeries_RoomInUseByOtherGroup_Warns()
    {
        // The other group (another facilitator) meets at the same address, written differently.
        var preview = await Service.PreviewSeriesAsync(Facilitator, _groupId, Plan(RecurrencePattern.Weekly, new DateOnly(2027, 1, 5), 3), Ct);

        preview.Warnings.ShouldBe(["dinsdag 12 januari 2027: de zaal is dan ook in gebruik door Ouders Gent (18:30–20:30)."]);
    }

    [Fact]
    public void NormalizeAddress_CaseAccentsAndPunctuation_Ignored()
    {
        PlannerService.NormalizeAddress("Kérkstraat 1,\n2000  Antwerpen").ShouldBe(PlannerService.NormalizeAddress("kerkstraat 1 2000 antwerpen"));
        PlannerService.NormalizeAddress("Kerkstraat 2, 2000 Antwerpen").ShouldNotBe(PlannerService.NormalizeAddress("Kerkstraat 1, 2000 Antwerpen"));
    }

    private static SeriesPlan Plan(RecurrencePattern pattern, DateOnly first, int count) =>
        new(pattern, first, new TimeOnly(19, 0), 120, count, null);

    private static ClaimsPrincipal Staff(string role, string oid) =>
        new(new ClaimsIdentity([new Claim("oid", oid), new Claim("name", "Test"), new Claim("roles", role)], "test", "name", "roles"));

    private static Task<int> Outbox(LotgenotenDbContext db, string kind) => db.Set<OutboxMessage>().CountAsync(m => m.Kind == kind, Ct);

    private Task SetNowAsync(DateTimeOffset now)
    {
        _clock.Now = now;
        return Task.CompletedTask;
    }

    private async Task<PlannerMeeting> NextMeetingAsync()
    {
        var group = (await Service.GetGroupAsync(Facilitator, _groupId, Ct)).ShouldNotBeNull();
        return group.Meetings.First(m => m.CanChange);
    }

    private async Task SeedAsync()
    {
        var protector = _services.GetRequiredService<IFieldProtector>();
        await using var db = await Factory.CreateDbContextAsync(Ct);
        var facilitator = StaffMember.Create(FacilitatorOid, "Pieter", Now.AddDays(-400));
        var otherFacilitator = StaffMember.Create(OtherFacilitatorOid, "Sarah", Now.AddDays(-400));
        db.AddRange(facilitator, otherFacilitator);

        // Running group of four members; the first three have an address (their e-mail preferences are set below).
        var group = PeerGroup.Create(new PeerGroupDetails("Partners Antwerpen", GroupAudience.Partners, Language.Nl, GroupFormat.InPerson, Region.Antwerp,
            "Kerkstraat 1, 2000 Antwerpen", null, 2, 10), Now.AddDays(-150));
        group.AssignFacilitator(facilitator.Id, Now.AddDays(-150));
        group.StartRecruiting();
        var referrals = new List<Referral>();
        for (var i = 0; i < 4; i++)
        {
            var referral = Referral.Register(
                new ReferralDetails(new DateOnly(2026, 5, 1), ReferralChannel.Phone, Relation.Partner, Concern.Unknown, Language.Nl, Region.Antwerp,
                    FormatPreference.Either, WeeklyAvailability.None, ContactPreference.Code, true, "2026-01", null),
                "coordinator-oid", Now.AddDays(-200));
            if (i < 3)
            {
                referral.SetEmail(protector.Protect(ProtectionPurposes.ReferralEmail, $"lid{i}@example.org"), $"blind{i}");
            }

            var membership = group.Place(referral.Id, Now.AddDays(-120));
            group.Join(membership.Id, Guid.NewGuid().ToString(), $"Lid {i}", Now.AddDays(-119));
            referrals.Add(referral);
        }

        group.Start(Now.AddDays(-60));
        var (series, meetings) = group.PlanSeries(
            new SeriesPlan(RecurrencePattern.EveryTwoWeeks, new DateOnly(2026, 9, 8), new TimeOnly(19, 0), 120, 8, null), Now.AddDays(-90));
        foreach (var meeting in meetings.Where(m => m.EndsAt < Now))
        {
            meeting.MarkHeld(meeting.EndsAt);
        }

        // Another group, same room (written differently), meeting on Tuesday 12 January 2027 18:30–20:30.
        var other = PeerGroup.Create(new PeerGroupDetails("Ouders Gent", GroupAudience.Parents, Language.Nl, GroupFormat.InPerson, Region.Antwerp,
            "kerkstraat 1 2000 ANTWERPEN", null, 2, 10), Now.AddDays(-10));
        other.AssignFacilitator(otherFacilitator.Id, Now.AddDays(-10));
        var otherMeeting = other.ScheduleMeeting(new DateTime(2027, 1, 12, 18, 30, 0), 120, null, Now.AddDays(-10));

        db.Users.AddRange(group.Memberships.Select(m => new Lotgenoten.Infrastructure.Identity.ParticipantUser { Id = m.ParticipantId!, UserName = m.ParticipantId }));
        db.AddRange(referrals);
        db.AddRange(group, other, series, otherMeeting);
        db.AddRange(meetings);

        // Members 0 and 1 opted in with an address; member 3 opted in without one; member 2 did not opt in.
        foreach (var (membership, index) in group.Memberships.Select((m, i) => (m, i)))
        {
            db.Entry(membership).Property(m => m.EmailInvites).CurrentValue = index != 2;
        }

        await db.SaveChangesAsync(Ct);
        _groupId = group.Id;
        _otherGroupId = other.Id;
        _seriesId = series.Id;
    }

    /// <summary>A fake clock that may also be set back (to plan around the clock changes of 2026 from before them).</summary>
    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
