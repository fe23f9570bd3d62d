using System.Security.Claims;
using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Notes;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Web.Features.Home;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Web.Tests.Features.Home;

/// <summary>The live figures of the staff home, on a real SQLite database with known data.</summary>
public sealed class HomeServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private const string CounsellorOid = "counsellor-oid";
    private const string FacilitatorOid = "facilitator-oid";

    private readonly LotgenotenWebFactory _factory = new();
    private IServiceProvider _services = default!;
    private Guid _runningGroupId;

    public async ValueTask InitializeAsync()
    {
        var app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(Now))));
        _services = app.Services;
        await SeedAsync();
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private HomeService Service => _services.CreateScope().ServiceProvider.GetRequiredService<HomeService>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CoordinatorSummary_KnownData_GivesExactFigures()
    {
        var summary = await Service.GetCoordinatorSummaryAsync(Staff(AppRoles.Coordinator, "coordinator-oid"), Ct);

        summary.WaitingList.ShouldBe(new WaitingListSummary(Count: 3, MedianDays: 40, LongestDays: 100, ToPlanIntake: 1));
        (summary.GroupsPlanned, summary.GroupsRecruiting, summary.GroupsRunning).ShouldBe((1, 0, 1));
        summary.OpenConcerns.ShouldBe(1);
        summary.Year.ShouldBe(2026);
        summary.ReferralsThisYear.ShouldBe(4 + 4);
        summary.ReferralsSamePeriodLastYear.ShouldBe(1);
    }

    [Fact]
    public async Task FacilitatorGroups_OwnGroupsOnly_WithFillNextMeetingAndCheckIns()
    {
        var groups = await Service.GetFacilitatorGroupsAsync(Staff(AppRoles.Facilitator, FacilitatorOid), Ct);

        var group = groups.ShouldHaveSingleItem();
        group.GroupId.ShouldBe(_runningGroupId);
        group.Status.ShouldBe(GroupStatus.Running);
        (group.Members, group.Capacity).ShouldBe((4, 10));
        group.NextMeetingLocal.ShouldBe(new DateTime(2026, 12, 1, 19, 0, 0));
        group.NeedCheckIn.ShouldBe(1);

        (await Service.GetFacilitatorGroupsAsync(Staff(AppRoles.Facilitator, "someone-else"), Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task CounsellorSummary_OwnReferralsOnly()
    {
        var summary = await Service.GetCounsellorSummaryAsync(Staff(AppRoles.Counsellor, CounsellorOid), Ct);

        (summary.ThisMonth, summary.ThisYear, summary.StillOpen).ShouldBe((2, 4, 4));
        summary.Latest.Select(r => r.Status).ShouldBe([ReferralStatus.Received, ReferralStatus.Waiting, ReferralStatus.Waiting, ReferralStatus.Waiting]);
    }

    [Fact]
    public async Task EverySummary_WithoutItsRole_IsRefused()
    {
        var facilitator = Staff(AppRoles.Facilitator, FacilitatorOid);
        await Should.ThrowAsync<UnauthorizedAccessException>(() => Service.GetCoordinatorSummaryAsync(facilitator, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => Service.GetCounsellorSummaryAsync(facilitator, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => Service.GetFacilitatorGroupsAsync(Staff(AppRoles.Counsellor, CounsellorOid), Ct));
    }

    private static ClaimsPrincipal Staff(string role, string oid) =>
        new(new ClaimsIdentity([new Claim("oid", oid), new Claim("name", "Test"), new Claim("roles", role)], "test", "name", "roles"));

    private static DateTimeOffset Days(int daysBeforeNow) => Now.AddDays(-daysBeforeNow);

    private static Referral Waiting(int receivedDaysAgo, string by)
    {
        var received = BrusselsTime.Today(Days(receivedDaysAgo));
        var referral = Referral.Register(
            new ReferralDetails(received, ReferralChannel.Phone, Relation.Partner, Concern.Unknown, Language.Nl, Region.Antwerp,
                FormatPreference.Either, WeeklyAvailability.None, ContactPreference.Code, true, "2026-01", null),
            by, Days(receivedDaysAgo));
        referral.PlanIntake(Days(receivedDaysAgo - 1), by, Days(receivedDaysAgo));
        referral.RecordIntake(true, received, by, Days(receivedDaysAgo));
        referral.PutOnWaitingList(by, Days(receivedDaysAgo));
        return referral;
    }

    private async Task SeedAsync()
    {
        await using var db = await _services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);
        var facilitator = StaffMember.Create(FacilitatorOid, "Pieter", Days(400));
        db.Add(facilitator);

        // Waiting list: 100, 40 and 10 days; one referral still to plan an intake for. All by the counsellor.
        var waiting = new[] { Waiting(100, CounsellorOid), Waiting(40, CounsellorOid), Waiting(10, CounsellorOid) };
        var received = Referral.Register(
            new ReferralDetails(BrusselsTime.Today(Days(1)), ReferralChannel.Chat, Relation.Parent, Concern.Unknown, Language.Fr, Region.Brussels,
                FormatPreference.Online, WeeklyAvailability.None, ContactPreference.Code, true, "2026-01", null),
            CounsellorOid, Days(1));
        var lastYear = Referral.Register(
            new ReferralDetails(new DateOnly(2025, 6, 1), ReferralChannel.Email, Relation.Friend, Concern.Unknown, Language.Nl, Region.Limburg,
                FormatPreference.Either, WeeklyAvailability.None, ContactPreference.Code, true, "2024-01", null),
            "coordinator-oid", new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.Zero));
        lastYear.MarkUnreachable("coordinator-oid", new DateTimeOffset(2025, 6, 5, 10, 0, 0, TimeSpan.Zero));
        db.AddRange(waiting);
        db.AddRange(received, lastYear);

        // A running group of four members (placed from referrals of this year), meeting every two weeks on Tuesday at 19:00.
        var members = Enumerable.Range(0, 4).Select(i => Waiting(200 - i, "coordinator-oid")).ToList();
        var group = PeerGroup.Create(new PeerGroupDetails("Partners", GroupAudience.Partners, Language.Nl, GroupFormat.InPerson, Region.Antwerp,
            "Straat 1, 2000 Antwerpen", null, 4, 10), Days(150));
        group.AssignFacilitator(facilitator.Id, Days(150));
        group.StartRecruiting();
        var memberships = new List<Membership>();
        foreach (var referral in members)
        {
            var membership = group.Place(referral.Id, Days(120));
            referral.MarkInvited(group.Id, "coordinator-oid", Days(120));
            group.Join(membership.Id, Guid.NewGuid().ToString(), $"Lid {memberships.Count + 1}", Days(119));
            memberships.Add(membership);
        }

        group.Start(Days(60));
        var (series, meetings) = group.PlanSeries(
            new SeriesPlan(RecurrencePattern.EveryTwoWeeks, new DateOnly(2026, 10, 6), new TimeOnly(19, 0), 120, 8, null), Days(60));
        var attendance = new List<AttendanceRecord>();
        foreach (var meeting in meetings.Where(m => m.EndsAt < Now))
        {
            meeting.MarkHeld(meeting.EndsAt);
            foreach (var membership in memberships)
            {
                var absent = membership == memberships[0] && meeting.Date >= new DateOnly(2026, 11, 3);
                attendance.Add(AttendanceRecord.Record(meeting, membership, absent ? AttendanceStatus.Absent : AttendanceStatus.Present, FacilitatorOid, meeting.EndsAt));
            }
        }

        var note = FacilitatorNote.SessionNote(group.Id, meetings[0].Id, "cipher", FacilitatorOid, meetings[0].EndsAt);
        var concern = note.FlagSafeguarding(FacilitatorOid, meetings[0].EndsAt);
        var planned = PeerGroup.Create(new PeerGroupDetails("Later", GroupAudience.Parents, Language.Nl, GroupFormat.Online, null, null,
            "https://meet.example.org/x", 4, 10), Days(5));
        db.Users.AddRange(memberships.Select(m => new Lotgenoten.Infrastructure.Identity.ParticipantUser { Id = m.ParticipantId!, UserName = m.ParticipantId }));
        db.AddRange(members);
        db.AddRange(group, planned, series);
        db.AddRange(meetings);
        db.AddRange(attendance);
        db.AddRange(note, concern);
        await db.SaveChangesAsync(Ct);
        _runningGroupId = group.Id;
    }
}
