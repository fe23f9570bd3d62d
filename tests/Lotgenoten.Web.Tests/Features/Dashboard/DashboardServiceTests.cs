using System.Security.Claims;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Figures;
using Lotgenoten.Web.Features.Dashboard;
using Microsoft.Extensions.DependencyInjection;

namespace Lotgenoten.Web.Tests.Features.Dashboard;

/// <summary>
/// The dashboard's model on <see cref="DashboardWorld"/>: a coordinator's figures, a facilitator's (their own group
/// only), who is refused, which periods are refused, and the comparison period — every value worked out by hand.
/// </summary>
public sealed class DashboardServiceTests(DashboardWorld world) : IClassFixture<DashboardWorld>
{
    private static readonly FiguresPeriod ThisYear = new(new(2026, 1, 1), new(2026, 11, 29));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DashboardService NewService() => world.Services.CreateScope().ServiceProvider.GetRequiredService<DashboardService>();

    private static Dictionary<string, long> NonZero(IEnumerable<BreakdownBar> bars) =>
        bars.Where(b => b.Count != 0).ToDictionary(b => b.Name, b => b.Count);

    private static Dictionary<string, (double? Value, double? Previous)> Tiles(DashboardModel model) =>
        model.Tiles.ToDictionary(t => t.Key, t => (t.Value, t.Previous));

    [Fact]
    public async Task GetAsync_Coordinator_SeesEveryFigureOfThisYear()
    {
        var model = await NewService().GetAsync(DashboardWorld.Coordinator, ThisYear, Ct);

        model.ShouldSatisfyAllConditions(
            () => model.IsAll.ShouldBeTrue(),
            () => model.HasGroups.ShouldBeTrue(),
            () => model.Period.ShouldBe(ThisYear),
            () => model.EndClamped.ShouldBeFalse(),
            () => model.Today.ShouldBe(new DateOnly(2026, 11, 29)),
            () => model.Path.Select(s => (s.Stage, s.Count)).ShouldBe(
            [
                (FunnelStage.Received, 7L), // R1–R7
                (FunnelStage.Intake, 6L), // all but R5
                (FunnelStage.Waiting, 5L), // R1, R2, R3, R6, R7
                (FunnelStage.Placed, 3L), // R1, R2, R6
                (FunnelStage.Joined, 2L), // R1, R2
                (FunnelStage.Started, 2L), // R1, R2
                (FunnelStage.Completed, 1L), // R2 (2 of 2 meetings)
            ]),
            () => model.WaysOut.Select(s => (s.Stage, s.Count)).ShouldBe(
                [(FunnelStage.Withdrawn, 1L), (FunnelStage.Declined, 1L), (FunnelStage.Unreachable, 1L)]), // R6, R4, R5
            () => model.Path.Single(s => s.Stage == FunnelStage.Placed).ShareOfFirst.ShouldBe(3.0 / 7),
            () => model.Path.Single(s => s.Stage == FunnelStage.Placed).Href.ShouldBe(
                "/dashboard/lijst?list=Stage&stage=Placed&from=2026-01-01&to=2026-11-29"),
            () => model.WaysOut.Single(s => s.Stage == FunnelStage.Declined).Href.ShouldBe(
                "/dashboard/lijst?list=Stage&stage=Declined&from=2026-01-01&to=2026-11-29"),
            () => NonZero(model.ByRelation).ShouldBe(new Dictionary<string, long> { ["Partner"] = 3, ["Parent"] = 2, ["Sibling"] = 1, ["Friend"] = 1 }, ignoreOrder: true),
            () => model.ByRelation.Count.ShouldBe(8, "every relation, zeros included"),
            () => model.ByRelation.Single(b => b.Name == "Parent").Href.ShouldBe(
                "/dashboard/lijst?list=Stage&stage=Received&from=2026-01-01&to=2026-11-29&relation=Parent"),
            () => NonZero(model.ByConcern).ShouldBe(
                new Dictionary<string, long> { ["AbuseImages"] = 3, ["HandsOnOffence"] = 1, ["Unknown"] = 2, ["SexualFeelingsNoOffence"] = 1 }, ignoreOrder: true),
            () => model.ByConcern.Single(b => b.Name == "Unknown").Href.ShouldBe(
                "/dashboard/lijst?list=Stage&stage=Received&from=2026-01-01&to=2026-11-29&concern=Unknown"));
    }

    [Fact]
    public async Task GetAsync_Coordinator_WaitingListNowWithMedianAndLongest()
    {
        var model = await NewService().GetAsync(DashboardWorld.Coordinator, ThisYear, Ct);

        var waiting = model.Figures.WaitingList.ShouldNotBeNull();
        waiting.ShouldSatisfyAllConditions(
            () => waiting.Count.ShouldBe(3), // R7 28 days, R3 273 days, P2 363 days
            () => waiting.MedianDays.ShouldBe(273),
            () => waiting.LongestDays.ShouldBe(363),
            () => model.WaitingByLanguage.Select(b => (b.Name, b.Count, b.Href)).ShouldBe(
                [("Nl", 2L, "/wachtlijst?tab=Waiting&language=Nl"), ("Fr", 1L, "/wachtlijst?tab=Waiting&language=Fr")]),
            () => model.WaitingByRegion.Select(b => (b.Name, b.Count)).ShouldBe(
                [("Antwerp", 1L), ("Brussels", 1L), ("EastFlanders", 1L)], ignoreOrder: true),
            () => model.WaitingByRegion.Single(b => b.Name == "EastFlanders").Href.ShouldBe("/wachtlijst?tab=Waiting&region=EastFlanders"));
    }

    [Fact]
    public async Task GetAsync_Coordinator_GroupsMonthsAndTilesWithLastYearBeside()
    {
        var model = await NewService().GetAsync(DashboardWorld.Coordinator, ThisYear, Ct);

        model.ShouldSatisfyAllConditions(
            () => model.Figures.Groups.Select(g => (g.GroupId, g.Name, g.Status, g.Members, g.Capacity, g.MeetingsHeld, g.Attendances, g.ExpectedAttendances))
                .ShouldBe(
                [
                    (world.Alfa, "Alfa", GroupStatus.Running, 2, 8, 2, 3L, 4L), // P1 and R1; 10 Feb 2 of 2, 10 Mar 1 of 2
                    (world.Bravo, "Bravo", GroupStatus.Closed, 0, 6, 2, 2L, 2L), // closed 1 October: R2 completed
                ]),
            () => model.Months.Select(m => m.Month).ShouldBe([.. Enumerable.Range(1, 11).Select(m => new DateOnly(2026, m, 1))]),
            () => model.Months.Where(m => m.MeetingsHeld > 0).Select(m => (m.Month.Month, m.MeetingsHeld, m.Attendances, m.ExpectedAttendances)).ShouldBe(
                [(2, 1, 2L, 2L), (3, 1, 1L, 2L), (4, 2, 2L, 2L)]),
            () => model.Months[1].Href.ShouldBe("/dashboard/lijst?list=Meetings&from=2026-02-01&to=2026-02-28"),
            () => model.Months[10].Href.ShouldBe("/dashboard/lijst?list=Meetings&from=2026-11-01&to=2026-11-29"),
            () => model.PreviousPeriod.ShouldBe(new FiguresPeriod(new(2025, 1, 1), new(2025, 11, 29))),
            () => model.YearsBack.ShouldBe(1),
            () => model.Tiles.Select(t => t.Key).ShouldBe(["Received", "Waiting", "Placed", "Started", "Attendance"]),
            () => Tiles(model).ShouldBe(new Dictionary<string, (double?, double?)>
            {
                ["Received"] = (7, 2), // 2025 until 29 November: P1, P3 (P2 came on 1 December)
                ["Waiting"] = (3, null),
                ["Placed"] = (3, 1), // P1
                ["Started"] = (2, 1),
                ["Attendance"] = (5.0 / 6, 1.0 / 2), // 2026: 2 + 1 + 2 of 2 + 2 + 2; 2025: P1 at 1 of 2
            }),
            () => model.Tiles.Single(t => t.Key == "Started").Share.ShouldBe(2.0 / 3),
            () => model.Tiles.Single(t => t.Key == "Received").Href.ShouldBe("/dashboard/lijst?list=Stage&stage=Received&from=2026-01-01&to=2026-11-29"),
            () => model.Tiles.Single(t => t.Key == "Waiting").Href.ShouldBe("/wachtlijst?tab=Waiting"),
            () => model.Tiles.Single(t => t.Key == "Attendance").Href.ShouldBe("/dashboard/lijst?list=Meetings&from=2026-01-01&to=2026-11-29"));
    }

    [Fact]
    public async Task GetAsync_Facilitator_SeesOnlyTheirOwnGroup()
    {
        var model = await NewService().GetAsync(DashboardWorld.Facilitator, ThisYear, Ct);

        model.ShouldSatisfyAllConditions(
            () => model.IsAll.ShouldBeFalse(),
            () => model.HasGroups.ShouldBeTrue(),
            () => model.CohortStage.ShouldBe(FunnelStage.Placed),
            () => model.Figures.WaitingList.ShouldBeNull(),
            () => model.WaitingByLanguage.ShouldBeEmpty(),
            () => model.WaitingByRegion.ShouldBeEmpty(),
            // R1 and R6 were placed in Alfa this year; R2 (Bravo) never counts here.
            () => model.Path.Select(s => (s.Stage, s.Count)).ShouldBe(
                [(FunnelStage.Placed, 2L), (FunnelStage.Joined, 1L), (FunnelStage.Started, 1L), (FunnelStage.Completed, 0L)]),
            () => model.WaysOut.Select(s => (s.Stage, s.Count)).ShouldBe([(FunnelStage.Withdrawn, 1L)]),
            () => model.Path[0].ShareOfFirst.ShouldBe(1.0),
            () => model.Path[0].Href.ShouldBe("/dashboard/lijst?list=Stage&stage=Placed&from=2026-01-01&to=2026-11-29"),
            () => NonZero(model.ByRelation).ShouldBe(new Dictionary<string, long> { ["Partner"] = 1, ["Friend"] = 1 }, ignoreOrder: true),
            () => NonZero(model.ByConcern).ShouldBe(new Dictionary<string, long> { ["AbuseImages"] = 1, ["SexualFeelingsNoOffence"] = 1 }, ignoreOrder: true),
            () => model.ByRelation.Single(b => b.Name == "Friend").Href.ShouldBe(
                "/dashboard/lijst?list=Stage&stage=Placed&from=2026-01-01&to=2026-11-29&relation=Friend"),
            () => model.Figures.Groups.Select(g => g.GroupId).ShouldBe([world.Alfa]),
            () => model.Months.Where(m => m.MeetingsHeld > 0).Select(m => (m.Month.Month, m.MeetingsHeld, m.Attendances, m.ExpectedAttendances)).ShouldBe(
                [(2, 1, 2L, 2L), (3, 1, 1L, 2L)]),
            () => model.Tiles.Select(t => t.Key).ShouldBe(["Placed", "Started", "MeetingsHeld", "Attendance"]),
            () => Tiles(model).ShouldBe(new Dictionary<string, (double?, double?)>
            {
                ["Placed"] = (2, 1), // 2025: P1
                ["Started"] = (1, 1),
                ["MeetingsHeld"] = (2, 2),
                ["Attendance"] = (3.0 / 4, 1.0 / 2),
            }),
            () => model.Tiles.Single(t => t.Key == "Started").Share.ShouldBe(1.0 / 2));
    }

    [Fact]
    public async Task GetAsync_OtherFacilitator_SeesOnlyTheirGroup()
    {
        var model = await NewService().GetAsync(DashboardWorld.Facilitator2, ThisYear, Ct);

        model.Path.Concat(model.WaysOut).Select(s => (s.Stage, s.Count)).ShouldBe(
            [(FunnelStage.Placed, 1L), (FunnelStage.Joined, 1L), (FunnelStage.Started, 1L), (FunnelStage.Completed, 1L), (FunnelStage.Withdrawn, 0L)]);
        model.Figures.Groups.Select(g => g.GroupId).ShouldBe([world.Bravo]);
        NonZero(model.ByRelation).ShouldBe(new Dictionary<string, long> { ["Parent"] = 1 });
        model.PreviousFigures.ShouldNotBeNull().Funnel.ShouldAllBe(s => s.Count == 0); // Bravo did not exist in 2025
    }

    [Fact]
    public async Task GetAsync_FacilitatorWithoutGroups_HasNoGroupsAndZeros()
    {
        var model = await NewService().GetAsync(DashboardWorld.LoneFacilitator, ThisYear, Ct);

        model.HasGroups.ShouldBeFalse();
        model.IsAll.ShouldBeFalse();
        model.Figures.Groups.ShouldBeEmpty();
        model.Path.ShouldAllBe(s => s.Count == 0);
    }

    public static TheoryData<string> Refused => new()
    {
        "counsellor",
        "participant",
        "anonymous",
        "deactivated coordinator",
        "unknown coordinator",
        "coordinator without oid",
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task GetAsync_NotCoordinatorNorFacilitator_Throws(string who)
    {
        var user = who switch
        {
            "counsellor" => DashboardWorld.User(DashboardWorld.CounsellorOid, AppRoles.Counsellor),
            "participant" => DashboardWorld.User(DashboardWorld.FacilitatorOid, AppRoles.Participant),
            "anonymous" => new ClaimsPrincipal(new ClaimsIdentity()),
            "deactivated coordinator" => DashboardWorld.User(DashboardWorld.FormerOid, AppRoles.Coordinator),
            "unknown coordinator" => DashboardWorld.User("nobody", AppRoles.Coordinator),
            _ => new ClaimsPrincipal(new ClaimsIdentity([new Claim("name", "X"), new Claim("roles", AppRoles.Coordinator)], "test", "name", "roles")),
        };

        await Should.ThrowAsync<UnauthorizedAccessException>(() => NewService().GetAsync(user, ThisYear, Ct));
    }

    [Fact]
    public async Task GetAsync_FacilitatorDeactivatedMidCircuit_IsRefusedOnTheNextCall()
    {
        await using var own = new DashboardWorld();
        await own.InitializeAsync();
        var service = own.Services.CreateScope().ServiceProvider.GetRequiredService<DashboardService>(); // one circuit
        (await service.GetAsync(DashboardWorld.Facilitator, ThisYear, Ct)).Count(FunnelStage.Placed).ShouldBe(2);

        await using (var db = await own.DbFactory.CreateDbContextAsync(Ct))
        {
            var felix = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                db.Set<Lotgenoten.Domain.Staff.StaffMember>(), s => s.ObjectId == DashboardWorld.FacilitatorOid, Ct);
            felix.Deactivate();
            await db.SaveChangesAsync(Ct);
        }

        await Should.ThrowAsync<UnauthorizedAccessException>(() => service.GetAsync(DashboardWorld.Facilitator, ThisYear, Ct));
    }

    [Fact]
    public async Task GetAsync_UnauthorizedWithRefusedPeriod_ThrowsUnauthorizedFirst()
    {
        var counsellor = DashboardWorld.User(DashboardWorld.CounsellorOid, AppRoles.Counsellor);

        await Should.ThrowAsync<UnauthorizedAccessException>(
            () => NewService().GetAsync(counsellor, new FiguresPeriod(new(2026, 5, 1), new(2026, 4, 1)), Ct));
    }

    [Theory]
    [InlineData("2026-05-01", "2026-04-01", DashboardPeriodError.Inverted)]
    [InlineData("2016-12-31", "2017-12-31", DashboardPeriodError.TooEarly)]
    [InlineData("2026-11-30", "2026-12-31", DashboardPeriodError.InFuture)]
    public async Task GetAsync_RefusedPeriod_ThrowsWithTheReason(string from, string to, DashboardPeriodError error)
    {
        var period = new FiguresPeriod(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture));

        var thrown = await Should.ThrowAsync<DashboardPeriodException>(() => NewService().GetAsync(DashboardWorld.Coordinator, period, Ct));

        thrown.Error.ShouldBe(error);
    }

    [Fact]
    public async Task GetAsync_EndAfterToday_ClampsTheEndToToday()
    {
        var model = await NewService().GetAsync(DashboardWorld.Coordinator, FiguresPeriod.Year(2026), Ct);

        model.Period.ShouldBe(ThisYear);
        model.EndClamped.ShouldBeTrue();
        model.Count(FunnelStage.Received).ShouldBe(7);
        model.Path[0].Href.ShouldBe("/dashboard/lijst?list=Stage&stage=Received&from=2026-01-01&to=2026-11-29");
    }

    [Fact]
    public async Task GetAsync_LastYear_ComparesWithTheYearBefore()
    {
        var model = await NewService().GetAsync(DashboardWorld.Coordinator, FiguresPeriod.Year(2025), Ct);

        model.PreviousPeriod.ShouldBe(FiguresPeriod.Year(2024));
        model.Count(FunnelStage.Received).ShouldBe(3); // P1, P3, P2
        Tiles(model)["Received"].ShouldBe((3, 0));
        model.Months.Count.ShouldBe(12);
    }

    [Fact]
    public async Task GetAsync_FirstYear_HasNoComparison()
    {
        var model = await NewService().GetAsync(DashboardWorld.Coordinator, FiguresPeriod.Year(2017), Ct);

        model.PreviousPeriod.ShouldBeNull();
        model.PreviousFigures.ShouldBeNull();
        model.Tiles.ShouldAllBe(t => t.Previous == null);
    }

    [Fact]
    public void Normalize_LongerThanTenYears_IsRefused()
    {
        var today = new DateOnly(2030, 6, 1);

        Should.Throw<DashboardPeriodException>(() => DashboardService.Normalize(new(new(2018, 1, 1), new(2028, 1, 1)), today))
            .Error.ShouldBe(DashboardPeriodError.TooLong);
        DashboardService.Normalize(new(new(2018, 1, 1), new(2027, 12, 31)), today).ShouldBe(new FiguresPeriod(new(2018, 1, 1), new(2027, 12, 31)));
        DashboardService.Normalize(new(new(2021, 1, 1), new(2040, 1, 1)), today).ShouldBe(new FiguresPeriod(new(2021, 1, 1), today));
    }

    [Theory]
    [InlineData("2025-01-01", "2025-12-31", "2024-01-01", "2024-12-31", 1)] // a year: the year before
    [InlineData("2026-10-01", "2026-11-29", "2025-10-01", "2025-11-29", 1)] // this quarter so far: the same dates last year
    [InlineData("2025-11-30", "2026-11-29", "2024-11-30", "2025-11-29", 1)] // twelve months: the twelve before
    [InlineData("2024-02-01", "2024-02-29", "2023-02-01", "2023-02-28", 1)] // a whole month stays a whole month
    [InlineData("2023-01-01", "2024-12-31", "2021-01-01", "2022-12-31", 2)] // two years: the two before
    public void Comparison_Period_IsTheSameDatesYearsEarlier(string from, string to, string previousFrom, string previousTo, int years)
    {
        static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

        var (previous, back) = DashboardService.Comparison(new FiguresPeriod(D(from), D(to)));

        previous.ShouldBe(new FiguresPeriod(D(previousFrom), D(previousTo)));
        back.ShouldBe(years);
    }

    [Theory]
    [InlineData(DashboardPreset.ThisYear, "2026-01-01", "2026-11-29")]
    [InlineData(DashboardPreset.LastYear, "2025-01-01", "2025-12-31")]
    [InlineData(DashboardPreset.Last12Months, "2025-11-30", "2026-11-29")]
    [InlineData(DashboardPreset.ThisQuarter, "2026-10-01", "2026-11-29")]
    public void PresetPeriod_OnTheTwentyNinthOfNovember_IsTheRightRange(DashboardPreset preset, string from, string to)
    {
        var period = NewService().PresetPeriod(preset);

        (DashboardLinks.Date(period.From), DashboardLinks.Date(period.To)).ShouldBe((from, to));
    }
}
