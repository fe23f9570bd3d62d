using System.Security.Claims;
using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Figures;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Web.Features.Dashboard;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Web.Tests.Features.Dashboard;

/// <summary>
/// The real app with a small world built from the domain's own factories, on 15 January 2026 at noon in Brussels. The
/// answers of 2025 were worked out by hand:
/// <para>
/// Referrals (received on): R0 31 Dec 2024 (outside 2025; placed in Brugge on 20 Jan 2025), R1 1 Jan 2025 (Partner,
/// Brugge, joined, attended), R2 5 Jan (Parent, Brugge, joined, never attended), R3 10 Feb (Partner, declined at intake),
/// R4 15 Feb (Sibling, unreachable), R5 1 Mar (Friend, waiting, then withdrawn), R6 10 Mar (Partner, Gent, joined,
/// attended), R7 31 Dec 2025 (Parent, only received), R8 1 Jun (Partner, placed in Antwerpen, invitation withdrawn, the
/// referral withdrawn).
/// </para>
/// <para>
/// Groups: Brugge and Antwerpen led by Pieter, Gent by Sarah. Meetings held: Brugge 11 Feb (R0, R1 present; R2 absent)
/// and 11 Mar (R0 late; R1, R2 absent), Gent 20 Apr (R6 present); Brugge 6 May cancelled.
/// </para>
/// </summary>
public sealed class DashboardListApp : LotgenotenWebFactory, IAsyncLifetime
{
    public const string CoordinatorOid = "list-coordinator-oid";
    public const string PieterOid = "list-pieter-oid";
    public const string SarahOid = "list-sarah-oid";
    public const string Staff = "list-staff";

    public static readonly DateTimeOffset Now = At(2026, 1, 15);

    public Dictionary<string, Guid> Groups { get; } = [];

    /// <summary>Referral references by name (R0…R8).</summary>
    public Dictionary<string, string> References { get; } = [];

    /// <summary>Membership ids by the referral's name.</summary>
    public Dictionary<string, Guid> Memberships { get; } = [];

    public static DateTimeOffset At(int year, int month, int day, int hour = 12) => BrusselsTime.ToUtc(new DateTime(year, month, day, hour, 0, 0));

    private static DateTimeOffset At(DateOnly date, int hour = 12) => At(date.Year, date.Month, date.Day, hour);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now)));
    }

    public async ValueTask InitializeAsync()
    {
        var entities = new List<object>();
        var coordinator = StaffMember.Create(CoordinatorOid, "Coördinator", At(2024, 1, 2));
        var pieter = StaffMember.Create(PieterOid, "Pieter", At(2024, 1, 2));
        var sarah = StaffMember.Create(SarahOid, "Sarah", At(2024, 1, 2));
        entities.AddRange([coordinator, pieter, sarah]);

        PeerGroup NewGroup(string name, StaffMember facilitator)
        {
            var group = PeerGroup.Create(new PeerGroupDetails(name, GroupAudience.MixedRelatives, Language.Nl, GroupFormat.Online, null, null,
                "https://meet.example.org/" + name.ToLowerInvariant(), 1, 8), At(2024, 11, 1));
            group.AssignFacilitator(facilitator.Id, At(2024, 11, 1));
            group.StartRecruiting();
            entities.Add(group);
            Groups[name] = group.Id;
            return group;
        }

        var brugge = NewGroup("Brugge", pieter);
        var antwerpen = NewGroup("Antwerpen", pieter);
        var gent = NewGroup("Gent", sarah);

        Referral Receive(string name, DateOnly received, Relation relation, Concern concern)
        {
            var referral = Referral.Register(
                new ReferralDetails(received, ReferralChannel.Phone, relation, concern, Language.Nl, Region.Antwerp, FormatPreference.Either,
                    WeeklyAvailability.Of([new(DayOfWeek.Tuesday, DayPart.Evening)]), ContactPreference.Code, true, "2025-01", null),
                Staff, At(received));
            entities.Add(referral);
            References[name] = referral.Reference;
            return referral;
        }

        void Intake(Referral referral, DateOnly held, bool suitable = true)
        {
            referral.PlanIntake(At(held, 10), Staff, At(referral.ReceivedOn, 13));
            referral.RecordIntake(suitable, held, Staff, At(held, 11), suitable ? null : DeclineReason.NeedsIndividualSupport);
            if (suitable)
            {
                referral.PutOnWaitingList(Staff, At(held, 11));
            }
        }

        var pseudonyms = 0;
        Membership Place(string name, PeerGroup group, Referral referral, DateTimeOffset at)
        {
            var membership = group.Place(referral.Id, at);
            referral.MarkInvited(group.Id, Staff, at);
            Memberships[name] = membership.Id;
            return membership;
        }

        void Join(PeerGroup group, Referral referral, Membership membership, DateTimeOffset at)
        {
            var user = new ParticipantUser { UserName = "u-" + Guid.NewGuid().ToString("N")[..10], Language = "nl" };
            user.NormalizedUserName = user.UserName.ToUpperInvariant();
            entities.Add(user);
            group.Join(membership.Id, user.Id, "Lid " + (char)('A' + pseudonyms++), at);
            referral.MarkJoined(Staff, at);
        }

        Meeting Held(PeerGroup group, DateTime startLocal, params (Membership Member, AttendanceStatus Status)[] rows)
        {
            var meeting = group.ScheduleMeeting(startLocal, 120, null, At(2024, 11, 2));
            entities.Add(meeting);
            meeting.MarkHeld(meeting.EndsAt);
            foreach (var (member, status) in rows)
            {
                entities.Add(AttendanceRecord.Record(meeting, member, status, Staff, meeting.EndsAt));
            }

            return meeting;
        }

        var r0 = Receive("R0", new(2024, 12, 31), Relation.OtherFamily, Concern.SexualFeelingsNoOffence);
        var r1 = Receive("R1", new(2025, 1, 1), Relation.Partner, Concern.AbuseImages);
        var r2 = Receive("R2", new(2025, 1, 5), Relation.Parent, Concern.HandsOnOffence);
        var r3 = Receive("R3", new(2025, 2, 10), Relation.Partner, Concern.Unknown);
        var r4 = Receive("R4", new(2025, 2, 15), Relation.Sibling, Concern.AbuseImages);
        var r5 = Receive("R5", new(2025, 3, 1), Relation.Friend, Concern.SexualFeelingsNoOffence);
        var r6 = Receive("R6", new(2025, 3, 10), Relation.Partner, Concern.AbuseImages);
        Receive("R7", new(2025, 12, 31), Relation.Parent, Concern.Unknown);
        var r8 = Receive("R8", new(2025, 6, 1), Relation.Partner, Concern.HandsOnOffence);

        Intake(r0, new(2025, 1, 3));
        Intake(r1, new(2025, 1, 10));
        Intake(r2, new(2025, 1, 12));
        Intake(r3, new(2025, 2, 20), suitable: false);
        r4.MarkUnreachable(Staff, At(2025, 3, 1));
        Intake(r5, new(2025, 3, 5));
        r5.Withdraw(WithdrawalReason.FoundOtherHelp, Staff, At(2025, 3, 20));
        Intake(r6, new(2025, 3, 15));
        Intake(r8, new(2025, 6, 10));

        var m0 = Place("R0", brugge, r0, At(2025, 1, 20));
        Join(brugge, r0, m0, At(2025, 1, 22));
        var m1 = Place("R1", brugge, r1, At(2025, 2, 1));
        var m2 = Place("R2", brugge, r2, At(2025, 2, 1));
        Join(brugge, r1, m1, At(2025, 2, 2));
        Join(brugge, r2, m2, At(2025, 2, 3));
        brugge.Start(At(2025, 2, 4));
        Held(brugge, new DateTime(2025, 2, 11, 19, 0, 0), (m0, AttendanceStatus.Present), (m1, AttendanceStatus.Present), (m2, AttendanceStatus.Absent));
        Held(brugge, new DateTime(2025, 3, 11, 19, 0, 0), (m0, AttendanceStatus.Late), (m1, AttendanceStatus.Absent), (m2, AttendanceStatus.Absent));
        var cancelled = brugge.ScheduleMeeting(new DateTime(2025, 5, 6, 19, 0, 0), 120, null, At(2024, 11, 2));
        entities.Add(cancelled);
        cancelled.Cancel(At(2025, 5, 1));

        var m6 = Place("R6", gent, r6, At(2025, 4, 1));
        Join(gent, r6, m6, At(2025, 4, 2));
        gent.Start(At(2025, 4, 3));
        Held(gent, new DateTime(2025, 4, 20, 19, 0, 0), (m6, AttendanceStatus.Present));

        var m8 = Place("R8", antwerpen, r8, At(2025, 7, 1));
        m8.Withdraw(WithdrawalReason.NoSuitableGroup, At(2025, 8, 1));
        r8.Withdraw(WithdrawalReason.NoSuitableGroup, Staff, At(2025, 8, 1, 13));

        await using var db = await Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync();
        db.AddRange(entities);
        await db.SaveChangesAsync();
    }
}

/// <summary>
/// The lists behind the dashboard's figures (<see cref="DashboardListService"/>) on <see cref="DashboardListApp"/>'s
/// world: exactly the rows behind each figure for coordinators (referrals) and facilitators (memberships of their own
/// groups only, whatever the address says), the meetings held, the counts equal to the dashboard's, and no one else.
/// </summary>
public sealed class DashboardListServiceTests(DashboardListApp app) : IClassFixture<DashboardListApp>
{
    private static readonly FiguresPeriod Year2025 = FiguresPeriod.Year(2025);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ClaimsPrincipal Staff(string oid, params string[] roles) =>
        new(new ClaimsIdentity(
            [new Claim("oid", oid), new Claim("name", "Test"), .. roles.Select(r => new Claim("roles", r))], "test", "name", "roles"));

    private static ClaimsPrincipal Coordinator => Staff(DashboardListApp.CoordinatorOid, AppRoles.Coordinator);

    private static ClaimsPrincipal Pieter => Staff(DashboardListApp.PieterOid, AppRoles.Facilitator);

    private static ClaimsPrincipal Sarah => Staff(DashboardListApp.SarahOid, AppRoles.Facilitator);

    private static DashboardListPaging All => new(PageSize: DashboardListPaging.MaxPageSize);

    private DashboardListService NewService() => app.Services.CreateScope().ServiceProvider.GetRequiredService<DashboardListService>();

    private static DashboardListRequest Stage(FunnelStage stage, Relation? relation = null, Concern? concern = null, Guid? group = null) =>
        new(DashboardListKind.Stage, Year2025, stage, relation, concern, group);

    private static DashboardListRequest Meetings(Guid? group = null) => new(DashboardListKind.Meetings, Year2025, GroupId: group);

    private string[] Refs(params string[] names) => [.. names.Select(n => app.References[n]).Order(StringComparer.Ordinal)];

    private Guid[] Members(params string[] names) => [.. names.Select(n => app.Memberships[n]).Order()];

    private async Task<string[]> ReferralRefsAsync(DashboardListRequest request)
    {
        var page = await NewService().ReferralsAsync(Coordinator, request, All, Ct);
        page.Problem.ShouldBeNull();
        page.Total.ShouldBe(page.Rows.Count);
        return [.. page.Rows.Select(r => r.Reference).Order(StringComparer.Ordinal)];
    }

    private async Task<Guid[]> MembershipIdsAsync(ClaimsPrincipal user, DashboardListRequest request)
    {
        var page = await NewService().MembershipsAsync(user, request, All, Ct);
        page.Problem.ShouldBeNull();
        page.Total.ShouldBe(page.Rows.Count);
        return [.. page.Rows.Select(r => r.Id).Order()];
    }

    private async Task<DashboardFigures> FiguresAsync(DashboardScope scope)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);
        return await DashboardQuery.ComputeAsync(db, Year2025, scope, DashboardListApp.Now, Ct);
    }

    [Fact]
    public async Task Referrals_EachStageOf2025_AreExactlyTheReferralsBehindIt()
    {
        (await ReferralRefsAsync(Stage(FunnelStage.Received))).ShouldBe(Refs("R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8"));
        (await ReferralRefsAsync(Stage(FunnelStage.Intake))).ShouldBe(Refs("R1", "R2", "R3", "R5", "R6", "R8"));
        (await ReferralRefsAsync(Stage(FunnelStage.Waiting))).ShouldBe(Refs("R1", "R2", "R5", "R6", "R8"));
        (await ReferralRefsAsync(Stage(FunnelStage.Placed))).ShouldBe(Refs("R1", "R2", "R6", "R8"));
        (await ReferralRefsAsync(Stage(FunnelStage.Joined))).ShouldBe(Refs("R1", "R2", "R6"));
        (await ReferralRefsAsync(Stage(FunnelStage.Started))).ShouldBe(Refs("R1", "R6"));
        (await ReferralRefsAsync(Stage(FunnelStage.Completed))).ShouldBeEmpty();
        (await ReferralRefsAsync(Stage(FunnelStage.Withdrawn))).ShouldBe(Refs("R5", "R8"));
        (await ReferralRefsAsync(Stage(FunnelStage.Declined))).ShouldBe(Refs("R3"));
        (await ReferralRefsAsync(Stage(FunnelStage.Unreachable))).ShouldBe(Refs("R4"));
    }

    [Fact]
    public async Task Referrals_RelationOrConcern_OnlyThoseOfTheCohort()
    {
        (await ReferralRefsAsync(Stage(FunnelStage.Received, Relation.Partner))).ShouldBe(Refs("R1", "R3", "R6", "R8"));
        (await ReferralRefsAsync(Stage(FunnelStage.Placed, Relation.Partner))).ShouldBe(Refs("R1", "R6", "R8"));
        (await ReferralRefsAsync(Stage(FunnelStage.Received, concern: Concern.AbuseImages))).ShouldBe(Refs("R1", "R4", "R6"));
        (await ReferralRefsAsync(Stage(FunnelStage.Received, Relation.Partner, Concern.HandsOnOffence))).ShouldBe(Refs("R8"));
        (await ReferralRefsAsync(Stage(FunnelStage.Received, Relation.OtherFamily))).ShouldBeEmpty("R0 was received in 2024");
    }

    [Fact]
    public async Task Referrals_Rows_CarryTheColumnsOfTheListAndTheGroupPlacedIn()
    {
        var page = await NewService().ReferralsAsync(Coordinator, Stage(FunnelStage.Received), All, Ct);

        var r6 = page.Rows.Single(r => r.Reference == app.References["R6"]);
        (r6.ReceivedOn, r6.Relation, r6.Concern, r6.Language, r6.Region, r6.Status, r6.GroupId, r6.GroupName).ShouldBe(
            (new DateOnly(2025, 3, 10), Relation.Partner, Concern.AbuseImages, Language.Nl, Region.Antwerp, ReferralStatus.Joined,
                (Guid?)app.Groups["Gent"], (string?)"Gent"));
        var r7 = page.Rows.Single(r => r.Reference == app.References["R7"]);
        (r7.Status, r7.GroupId, r7.GroupName).ShouldBe((ReferralStatus.Received, (Guid?)null, (string?)null));

        // The default order: received on, then reference.
        page.Rows.Select(r => r.ReceivedOn).ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public async Task Referrals_PagedAndSorted_InTheDatabase()
    {
        var service = NewService();

        var first = await service.ReferralsAsync(Coordinator, Stage(FunnelStage.Received), new(DashboardListSort.ReceivedOn, true, 0, 3), Ct);
        var third = await service.ReferralsAsync(Coordinator, Stage(FunnelStage.Received), new(DashboardListSort.ReceivedOn, true, 2, 3), Ct);
        var huge = await service.ReferralsAsync(Coordinator, Stage(FunnelStage.Received), new(PageSize: 10_000), Ct);

        (first.Total, third.Total).ShouldBe((8, 8));
        first.Rows.Select(r => r.Reference).ShouldBe([app.References["R7"], app.References["R8"], app.References["R6"]]);
        third.Rows.Select(r => r.Reference).ShouldBe([app.References["R2"], app.References["R1"]]);
        huge.Rows.Count.ShouldBe(8);
        DashboardListPaging.MaxPageSize.ShouldBe(50);
    }

    [Fact]
    public async Task Memberships_Facilitator_OnlyTheirGroupsAtEachStage()
    {
        (await MembershipIdsAsync(Pieter, Stage(FunnelStage.Placed))).ShouldBe(Members("R0", "R1", "R2", "R8"));
        (await MembershipIdsAsync(Pieter, Stage(FunnelStage.Joined))).ShouldBe(Members("R0", "R1", "R2"));
        (await MembershipIdsAsync(Pieter, Stage(FunnelStage.Started))).ShouldBe(Members("R0", "R1"));
        (await MembershipIdsAsync(Pieter, Stage(FunnelStage.Completed))).ShouldBeEmpty();
        (await MembershipIdsAsync(Pieter, Stage(FunnelStage.Withdrawn))).ShouldBe(Members("R8"));
        (await MembershipIdsAsync(Pieter, Stage(FunnelStage.Placed, Relation.Partner))).ShouldBe(Members("R1", "R8"));
        (await MembershipIdsAsync(Pieter, Stage(FunnelStage.Placed, concern: Concern.HandsOnOffence))).ShouldBe(Members("R2", "R8"));
        (await MembershipIdsAsync(Pieter, Stage(FunnelStage.Placed, group: app.Groups["Brugge"]))).ShouldBe(Members("R0", "R1", "R2"));
        (await MembershipIdsAsync(Sarah, Stage(FunnelStage.Placed))).ShouldBe(Members("R6"));
        (await MembershipIdsAsync(Sarah, Stage(FunnelStage.Started))).ShouldBe(Members("R6"));
    }

    [Fact]
    public async Task Memberships_Rows_ShowGroupAndPseudonymOnly()
    {
        var page = await NewService().MembershipsAsync(Pieter, Stage(FunnelStage.Placed), All, Ct);

        var m0 = page.Rows.Single(r => r.Id == app.Memberships["R0"]);
        (m0.GroupId, m0.GroupName, m0.Pseudonym, m0.Erased, m0.Status).ShouldBe(
            (app.Groups["Brugge"], "Brugge", (string?)"Lid A", false, MembershipStatus.Active));
        (m0.PlacedAt, m0.JoinedAt).ShouldBe((DashboardListApp.At(2025, 1, 20), (DateTimeOffset?)DashboardListApp.At(2025, 1, 22)));
        m0.FirstAttendedAt.ShouldNotBeNull();
        BrusselsTime.Today(m0.FirstAttendedAt.Value).ShouldBe(new DateOnly(2025, 2, 11));
        var m8 = page.Rows.Single(r => r.Id == app.Memberships["R8"]);
        (m8.GroupName, m8.Pseudonym, m8.JoinedAt, m8.Status).ShouldBe(("Antwerpen", (string?)null, (DateTimeOffset?)null, MembershipStatus.Withdrawn));
        page.Rows.Select(r => r.PlacedAt).ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public async Task Memberships_ForgedGroupOfAnotherFacilitator_IsRefusedWithoutRows()
    {
        var service = NewService();

        var forged = await service.MembershipsAsync(Pieter, Stage(FunnelStage.Placed, group: app.Groups["Gent"]), All, Ct);
        var view = await service.OpenAsync(Pieter, Stage(FunnelStage.Placed, group: app.Groups["Gent"]), Ct);
        var unknown = await service.MembershipsAsync(Pieter, Stage(FunnelStage.Placed, group: Guid.NewGuid()), All, Ct);

        (forged.Problem, forged.Total, forged.Rows.Count).ShouldBe((DashboardListProblem.GroupNotInScope, 0, 0));
        (view.IsAll, view.Problem, view.GroupName).ShouldBe((false, (DashboardListProblem?)DashboardListProblem.GroupNotInScope, (string?)null));
        (unknown.Problem, unknown.Rows.Count).ShouldBe((DashboardListProblem.GroupNotInScope, 0));
    }

    [Theory]
    [InlineData(FunnelStage.Received)]
    [InlineData(FunnelStage.Intake)]
    [InlineData(FunnelStage.Waiting)]
    [InlineData(FunnelStage.Declined)]
    [InlineData(FunnelStage.Unreachable)]
    public async Task Memberships_StageBeforePlacement_IsRefusedWithoutRows(FunnelStage stage)
    {
        var page = await NewService().MembershipsAsync(Pieter, Stage(stage), All, Ct);
        var view = await NewService().OpenAsync(Pieter, Stage(stage), Ct);

        (page.Problem, page.Total, page.Rows.Count).ShouldBe((DashboardListProblem.StageNotForGroups, 0, 0));
        view.Problem.ShouldBe(DashboardListProblem.StageNotForGroups);
    }

    [Fact]
    public async Task Referrals_Facilitator_IsRefused()
    {
        await Should.ThrowAsync<UnauthorizedAccessException>(() => NewService().ReferralsAsync(Pieter, Stage(FunnelStage.Placed), All, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => NewService().MembershipsAsync(Coordinator, Stage(FunnelStage.Placed), All, Ct));
    }

    [Theory]
    [InlineData(AppRoles.Counsellor)]
    [InlineData(AppRoles.Participant)]
    public async Task EveryList_NeitherCoordinatorNorFacilitator_IsRefused(string role)
    {
        var user = Staff(DashboardListApp.CoordinatorOid, role);
        var service = NewService();

        await Should.ThrowAsync<UnauthorizedAccessException>(() => service.OpenAsync(user, Stage(FunnelStage.Received), Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => service.ReferralsAsync(user, Stage(FunnelStage.Received), All, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => service.MembershipsAsync(user, Stage(FunnelStage.Placed), All, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => service.MeetingsAsync(user, Meetings(), All, Ct));
    }

    [Fact]
    public async Task EveryList_FacilitatorWithoutStaffRecord_IsRefused()
    {
        var stranger = Staff("no-such-staff-oid", AppRoles.Facilitator);

        await Should.ThrowAsync<UnauthorizedAccessException>(() => NewService().MembershipsAsync(stranger, Stage(FunnelStage.Placed), All, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => NewService().MeetingsAsync(stranger, Meetings(), All, Ct));
    }

    [Fact]
    public async Task Meetings_EachScope_TheMeetingsHeldWithAttendanceAndExpected()
    {
        var service = NewService();

        var all = await service.MeetingsAsync(Coordinator, Meetings(), All, Ct);
        var pieter = await service.MeetingsAsync(Pieter, Meetings(), All, Ct);
        var sarah = await service.MeetingsAsync(Sarah, Meetings(), All, Ct);
        var gent = await service.MeetingsAsync(Coordinator, Meetings(app.Groups["Gent"]), All, Ct);

        static List<(string, DateOnly, TimeOnly, int, int)> Rows(DashboardListPage<DashboardMeetingRow> page) =>
            [.. page.Rows.Select(r => (r.GroupName, r.Date, r.StartTime, r.Attendances, r.Expected))];
        var b1 = ("Brugge", new DateOnly(2025, 2, 11), new TimeOnly(19, 0), 2, 3);
        var b2 = ("Brugge", new DateOnly(2025, 3, 11), new TimeOnly(19, 0), 1, 3);
        var g1 = ("Gent", new DateOnly(2025, 4, 20), new TimeOnly(19, 0), 1, 1);
        (all.Problem, all.Total).ShouldBe(((DashboardListProblem?)null, 3));
        Rows(all).ShouldBe([b1, b2, g1]);
        Rows(pieter).ShouldBe([b1, b2]);
        Rows(sarah).ShouldBe([g1]);
        Rows(gent).ShouldBe([g1]);
        all.Rows[2].Href.ShouldBe($"/groepen/{app.Groups["Gent"]}/bijeenkomsten/{all.Rows[2].Id}");
    }

    [Fact]
    public async Task Meetings_ForgedGroup_IsRefusedWithoutRows()
    {
        var page = await NewService().MeetingsAsync(Sarah, Meetings(app.Groups["Brugge"]), All, Ct);
        var view = await NewService().OpenAsync(Sarah, Meetings(app.Groups["Brugge"]), Ct);

        (page.Problem, page.Total, page.Rows.Count).ShouldBe((DashboardListProblem.GroupNotInScope, 0, 0));
        (view.Problem, view.GroupName).ShouldBe((DashboardListProblem.GroupNotInScope, (string?)null));
    }

    [Fact]
    public async Task Meetings_AttendanceAndExpected_AddUpToTheAnnualFigures()
    {
        var page = await NewService().MeetingsAsync(Coordinator, Meetings(), All, Ct);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);
        var figures = await FiguresQuery.ComputeAsync(db, Year2025, Ct);

        (page.Total, page.Rows.Sum(r => r.Attendances), page.Rows.Sum(r => r.Expected)).ShouldBe(
            ((int)figures.MeetingsHeld, (int)figures.Attendances, (int)figures.ExpectedAttendances));
    }

    [Fact]
    public async Task Open_GroupFilter_NamesTheGroup()
    {
        var view = await NewService().OpenAsync(Coordinator, Meetings(app.Groups["Gent"]), Ct);
        var own = await NewService().OpenAsync(Pieter, Stage(FunnelStage.Placed, group: app.Groups["Brugge"]), Ct);
        var stage = await NewService().OpenAsync(Coordinator, Stage(FunnelStage.Placed), Ct);
        var unknown = await NewService().OpenAsync(Coordinator, Meetings(Guid.NewGuid()), Ct);

        view.ShouldBe(new DashboardListView(true, null, "Gent"));
        own.ShouldBe(new DashboardListView(false, null, "Brugge"));
        stage.ShouldBe(new DashboardListView(true, null, null));
        unknown.ShouldBe(new DashboardListView(true, DashboardListProblem.UnknownGroup, null));
    }

    [Fact]
    public async Task Counts_EveryStageAndScope_EqualTheDashboardsFigures()
    {
        var all = await FiguresAsync(DashboardScope.All);
        foreach (var step in all.Funnel)
        {
            var page = await NewService().ReferralsAsync(Coordinator, Stage(step.Stage), new(PageSize: 1), Ct);
            page.Total.ShouldBe((int)step.Count, $"coordinator, {step.Stage}");
        }

        foreach (var (relation, count) in all.ByRelation)
        {
            var page = await NewService().ReferralsAsync(Coordinator, Stage(FunnelStage.Received, Enum.Parse<Relation>(relation)), new(PageSize: 1), Ct);
            page.Total.ShouldBe((int)count, $"relation {relation}");
        }

        foreach (var (concern, count) in all.ByConcern)
        {
            var page = await NewService().ReferralsAsync(Coordinator, Stage(FunnelStage.Received, concern: Enum.Parse<Concern>(concern)), new(PageSize: 1), Ct);
            page.Total.ShouldBe((int)count, $"concern {concern}");
        }

        var pieters = await FiguresAsync(DashboardScope.Groups([app.Groups["Brugge"], app.Groups["Antwerpen"]]));
        pieters.Funnel.Select(s => s.Stage).ShouldBe(DashboardQuery.GroupStages);
        foreach (var step in pieters.Funnel)
        {
            var page = await NewService().MembershipsAsync(Pieter, Stage(step.Stage), new(PageSize: 1), Ct);
            page.Total.ShouldBe((int)step.Count, $"facilitator, {step.Stage}");
        }

        // Not all zeros: the comparison means something.
        all.Funnel.Sum(s => s.Count).ShouldBe(8 + 6 + 5 + 4 + 3 + 2 + 0 + 2 + 1 + 1);
        pieters.Funnel.Sum(s => s.Count).ShouldBe(4 + 3 + 2 + 0 + 1);
    }

    [Fact]
    public void Parse_MissingPeriod_IsThisYearToDate()
    {
        var (request, problem) = NewService().Parse(null, "Placed", null, "garbage", null, null, null);

        problem.ShouldBeNull();
        request.ShouldBe(new DashboardListRequest(DashboardListKind.Stage, new FiguresPeriod(new(2026, 1, 1), new(2026, 1, 15)), FunnelStage.Placed));
    }

    [Fact]
    public void Parse_FullAddress_ReadsEveryPart()
    {
        var group = Guid.NewGuid();
        var service = NewService();

        service.Parse("Stage", "withdrawn", "2025-01-01", "2025-12-31", "Partner", "AbuseImages", null).ShouldBe(
            (new DashboardListRequest(DashboardListKind.Stage, Year2025, FunnelStage.Withdrawn, Relation.Partner, Concern.AbuseImages), (DashboardListProblem?)null));
        service.Parse("Meetings", null, "2025-01-01", "2025-12-31", null, null, group.ToString()).ShouldBe(
            (new DashboardListRequest(DashboardListKind.Meetings, Year2025, GroupId: group), (DashboardListProblem?)null));
    }

    [Theory]
    [InlineData("Nonsense", "Placed", null, null, null, null, DashboardListProblem.UnknownList)]
    [InlineData("1", "Placed", null, null, null, null, DashboardListProblem.UnknownList)]
    [InlineData("Stage", null, null, null, null, null, DashboardListProblem.UnknownStage)]
    [InlineData("Stage", "99", null, null, null, null, DashboardListProblem.UnknownStage)]
    [InlineData("Stage", "Placed", "Cousin", null, null, null, DashboardListProblem.UnknownRelation)]
    [InlineData("Stage", "Placed", null, "<script>", null, null, DashboardListProblem.UnknownConcern)]
    [InlineData("Meetings", null, null, null, "not-a-guid", null, DashboardListProblem.UnknownGroup)]
    [InlineData("Stage", "Placed", null, null, null, "2025-12-31|2025-01-01", DashboardListProblem.InvalidPeriod)]
    [InlineData("Stage", "Placed", null, null, null, "2001-01-01|2001-12-31", DashboardListProblem.InvalidPeriod)]
    public void Parse_Garbage_IsAProblemNotAnError(
        string? list, string? stage, string? relation, string? concern, string? group, string? period, DashboardListProblem expected)
    {
        var dates = period?.Split('|');

        var (_, problem) = NewService().Parse(list, stage, dates?[0], dates?[1], relation, concern, group);

        problem.ShouldBe(expected);
    }

    [Fact]
    public async Task Lists_InvalidPeriod_AreRefusedWithoutRows()
    {
        var inverted = new DashboardListRequest(DashboardListKind.Stage, new FiguresPeriod(new(2025, 12, 31), new(2025, 1, 1)), FunnelStage.Received);

        var page = await NewService().ReferralsAsync(Coordinator, inverted, All, Ct);

        (page.Problem, page.Rows.Count).ShouldBe((DashboardListProblem.InvalidPeriod, 0));
    }
}
