using System.Globalization;
using System.Net;
using System.Security.Claims;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Web.Features.Referrals;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Web.Tests.Features.Referrals;

/// <summary>
/// The coordinators' waiting list on a real SQLite database, on a fixed set of referrals (today is 29 November 2026 in
/// Brussels): tabs, filters, search, sorting, paging, counts, the summary and the age warnings at their boundaries.
/// </summary>
public sealed class WaitingListServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 29);
    private const string CoordinatorOid = "coordinator-oid";
    private const string CounsellorOid = "counsellor-oid";

    private readonly LotgenotenWebFactory _factory = new();
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly Dictionary<string, Referral> _r = [];
    private IServiceProvider _services = default!;

    public async ValueTask InitializeAsync()
    {
        var app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));
        _services = app.Services;

        // name, days ago, target status, relation, concern, language, region, format
        Add("A", 70, ReferralStatus.Waiting, Relation.Partner, Concern.AbuseImages, Language.Nl, Region.Antwerp, FormatPreference.InPerson);
        Add("B", 60, ReferralStatus.Waiting, Relation.Parent, Concern.HandsOnOffence, Language.Nl, Region.EastFlanders, FormatPreference.Online);
        Add("C", 59, ReferralStatus.Waiting, Relation.Partner, Concern.Unknown, Language.Fr, Region.Brussels, FormatPreference.Either);
        Add("D", 53, ReferralStatus.Waiting, Relation.Sibling, Concern.AbuseImages, Language.En, Region.OnlineOnly, FormatPreference.Online);
        Add("E", 52, ReferralStatus.IntakeDone, Relation.Partner, Concern.SexualFeelingsNoOffence, Language.Nl, Region.Antwerp, FormatPreference.Either);
        Add("F", 10, ReferralStatus.Waiting, Relation.Partner, Concern.AbuseImages, Language.Nl, Region.Limburg, FormatPreference.Either);
        Add("G", 3, ReferralStatus.Received, Relation.Friend, Concern.Unknown, Language.Nl, Region.Antwerp, FormatPreference.Either);
        Add("H", 5, ReferralStatus.Received, Relation.Partner, Concern.AbuseImages, Language.Nl, Region.Antwerp, FormatPreference.InPerson);
        Add("I", 8, ReferralStatus.IntakePlanned, Relation.Partner, Concern.AbuseImages, Language.Nl, Region.Antwerp, FormatPreference.Either, intakeAt: new(2026, 11, 30, 14, 0, 0));
        Add("J", 9, ReferralStatus.IntakePlanned, Relation.Parent, Concern.AbuseImages, Language.Nl, Region.Limburg, FormatPreference.Either, intakeAt: new(2026, 12, 2, 10, 0, 0));
        Add("K", 12, ReferralStatus.IntakePlanned, Relation.Parent, Concern.AbuseImages, Language.Nl, Region.Antwerp, FormatPreference.Either, intakeAt: new(2026, 11, 30, 9, 0, 0));
        Add("L", 100, ReferralStatus.Invited, Relation.Partner, Concern.AbuseImages, Language.Nl, Region.Antwerp, FormatPreference.Either);
        Add("M", 200, ReferralStatus.Withdrawn, Relation.Partner, Concern.AbuseImages, Language.Fr, Region.Brussels, FormatPreference.Either);
        Add("N", 80, ReferralStatus.Declined, Relation.Partner, Concern.AbuseImages, Language.Nl, Region.Antwerp, FormatPreference.Either);

        await using var db = await DbAsync();
        db.AddRange(_r.Values);
        await db.SaveChangesAsync(Ct);
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ClaimsPrincipal Coordinator => Staff(CoordinatorOid, AppRoles.Coordinator);

    private WaitingListService NewService()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("nl-BE");
        return _services.CreateScope().ServiceProvider.GetRequiredService<WaitingListService>();
    }

    private async Task<string[]> NamesAsync(WaitingListQuery query) =>
        [.. (await NewService().ListAsync(Coordinator, query, Ct)).Rows.Select(row => _r.Single(r => r.Value.Id == row.Id).Key)];

    [Fact]
    public async Task List_DefaultQuery_ShowsTheWaitingTabOldestFirstWithCountsAndSummary()
    {
        var page = await NewService().ListAsync(Coordinator, new WaitingListQuery(), Ct);

        page.Rows.Select(Name).ShouldBe(["A", "B", "C", "D", "E", "F"]);
        page.Total.ShouldBe(6);
        page.Counts.ShouldBe(new WaitingListCounts(ToPlan: 2, Planned: 3, Waiting: 6, Invited: 1));
        page.Summary.ShouldBe(new WaitingListSummary(Waiting: 6, MedianDays: 56, LongestDays: 70, PastWarning: 2));
        page.WarningDays.ShouldBe(60);

        var c = page.Rows[2];
        c.ShouldBe(new WaitingListRow(
            _r["C"].Id, _r["C"].Reference, Today.AddDays(-59), 59, Relation.Partner, Concern.Unknown,
            Language.Fr, Region.Brussels, FormatPreference.Either, _r["C"].Availability, ReferralStatus.Waiting,
            Today.AddDays(-59).ToDateTime(new TimeOnly(14, 0)), WarnAge: false, NearWarning: true));
        page.Rows[4].Status.ShouldBe(ReferralStatus.IntakeDone);
    }

    [Fact]
    public async Task List_DaysWaitingAtTheBoundary_WarnsFromSixtyAndIsNearFromFiftyThree()
    {
        var page = await NewService().ListAsync(Coordinator, new WaitingListQuery(), Ct);

        page.Rows.Select(r => (Name(r), r.DaysWaiting, r.WarnAge, r.NearWarning)).ShouldBe(
        [
            ("A", 70, true, false),
            ("B", 60, true, false),
            ("C", 59, false, true),
            ("D", 53, false, true),
            ("E", 52, false, false),
            ("F", 10, false, false),
        ]);
    }

    [Fact]
    public async Task List_ClockPassesMidnightInBrussels_CountsOneMoreDay()
    {
        // 29 Nov 22:59 UTC is still the 29th in Brussels (23:59); one minute later it is the 30th.
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 29, 22, 59, 0, TimeSpan.Zero));
        var before = await NewService().ListAsync(Coordinator, new WaitingListQuery(Search: Reference("C")), Ct);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var after = await NewService().ListAsync(Coordinator, new WaitingListQuery(Search: Reference("C")), Ct);

        before.Rows.Single().ShouldSatisfyAllConditions(r => r.DaysWaiting.ShouldBe(59), r => r.WarnAge.ShouldBeFalse(), r => r.NearWarning.ShouldBeTrue());
        after.Rows.Single().ShouldSatisfyAllConditions(r => r.DaysWaiting.ShouldBe(60), r => r.WarnAge.ShouldBeTrue(), r => r.NearWarning.ShouldBeFalse());
        after.Summary.PastWarning.ShouldBe(3);
    }

    [Fact]
    public async Task List_Tabs_ShowTheirStatusesInTheirOwnOrder()
    {
        (await NamesAsync(new WaitingListQuery(WaitingListTab.ToPlan))).ShouldBe(["H", "G"]);
        (await NamesAsync(new WaitingListQuery(WaitingListTab.Planned))).ShouldBe(["K", "I", "J"], "sorted by the planned time");
        (await NamesAsync(new WaitingListQuery(WaitingListTab.Invited))).ShouldBe(["L"]);

        var planned = await NewService().ListAsync(Coordinator, new WaitingListQuery(WaitingListTab.Planned), Ct);
        planned.Rows[1].IntakePlannedForLocal.ShouldBe(new DateTime(2026, 11, 30, 14, 0, 0));
    }

    [Fact]
    public async Task List_Filters_NarrowRowsAndCounts()
    {
        var partners = await NewService().ListAsync(Coordinator, new WaitingListQuery(Relation: Relation.Partner), Ct);
        partners.Rows.Select(Name).ShouldBe(["A", "C", "E", "F"]);
        partners.Counts.ShouldBe(new WaitingListCounts(1, 1, 4, 1));
        partners.Summary.Waiting.ShouldBe(6, "the summary is of the whole waiting list");

        (await NamesAsync(new WaitingListQuery(Language: Language.Fr))).ShouldBe(["C"], "a withdrawn French referral is not on the list");
        (await NamesAsync(new WaitingListQuery(Concern: Concern.AbuseImages))).ShouldBe(["A", "D", "F"]);
        (await NamesAsync(new WaitingListQuery(Region: Region.Antwerp))).ShouldBe(["A", "E"]);
        (await NamesAsync(new WaitingListQuery(Format: FormatPreference.Online))).ShouldBe(["B", "D"]);
        (await NamesAsync(new WaitingListQuery(Relation: Relation.Partner, Format: FormatPreference.Either, Language: Language.Nl))).ShouldBe(["E", "F"]);
        (await NamesAsync(new WaitingListQuery(WaitingListTab.Planned, Relation: Relation.Parent))).ShouldBe(["K", "J"]);
        (await NewService().ListAsync(Coordinator, new WaitingListQuery(Language: Language.En), Ct)).Counts.ShouldBe(new WaitingListCounts(0, 0, 1, 0));
    }

    [Fact]
    public async Task List_SearchByReference_FindsThatReferralInWhicheverFormItIsTyped()
    {
        var reference = Reference("D");

        (await NamesAsync(new WaitingListQuery(Search: reference))).ShouldBe(["D"]);
        (await NamesAsync(new WaitingListQuery(Search: $" #{reference.ToLowerInvariant()} "))).ShouldBe(["D"]);
        (await NamesAsync(new WaitingListQuery(Search: $"{reference[..4]}-{reference[4..]}"))).ShouldBe(["D"]);
        (await NamesAsync(new WaitingListQuery(Search: reference[..6]))).ShouldBe(["D"], "the beginning of a reference finds it");
        (await NamesAsync(new WaitingListQuery(Search: _r["D"].Id.ToString()))).ShouldBe(["D"]);
        (await NamesAsync(new WaitingListQuery(WaitingListTab.Invited, Search: Reference("L")))).ShouldBe(["L"]);

        var elsewhere = await NewService().ListAsync(Coordinator, new WaitingListQuery(Search: Reference("H")), Ct);
        elsewhere.Rows.ShouldBeEmpty();
        elsewhere.Counts.ShouldBe(new WaitingListCounts(1, 0, 0, 0), "the count shows which tab holds it");

        (await NamesAsync(new WaitingListQuery(Search: "zonnebloem"))).ShouldBeEmpty();
        (await NamesAsync(new WaitingListQuery(Search: Reference("M")))).ShouldBeEmpty("a withdrawn referral is not on the list");
    }

    [Fact]
    public async Task List_Sorting_OrdersByTheChosenColumnThenLongestWait()
    {
        (await NamesAsync(new WaitingListQuery(Descending: true))).ShouldBe(["F", "E", "D", "C", "B", "A"]);
        (await NamesAsync(new WaitingListQuery(Sort: WaitingListSort.Region))).ShouldBe(["A", "E", "C", "B", "F", "D"]);
        (await NamesAsync(new WaitingListQuery(Sort: WaitingListSort.Relation, Descending: true))).ShouldBe(["D", "A", "C", "E", "F", "B"]);
        (await NamesAsync(new WaitingListQuery(Sort: WaitingListSort.Language))).ShouldBe(["D", "C", "A", "B", "E", "F"]);
        (await NamesAsync(new WaitingListQuery(WaitingListTab.Planned, Sort: WaitingListSort.IntakePlannedFor, Descending: true))).ShouldBe(["J", "I", "K"]);
    }

    [Fact]
    public async Task List_Paging_ReturnsThatPageAndTheTotal()
    {
        var second = await NewService().ListAsync(Coordinator, new WaitingListQuery(Page: 1, PageSize: 4), Ct);
        second.Rows.Select(Name).ShouldBe(["E", "F"]);
        second.Total.ShouldBe(6);

        (await NamesAsync(new WaitingListQuery(Page: 1, PageSize: 2))).ShouldBe(["C", "D"]);
        (await NamesAsync(new WaitingListQuery(Page: 5, PageSize: 2))).ShouldBeEmpty();
        (await NamesAsync(new WaitingListQuery(Page: -1, PageSize: 0))).ShouldBe(["A"], "page and size are clamped");
    }

    [Fact]
    public async Task List_PageSizeOverTheMaximum_IsCappedAtFifty()
    {
        await using (var db = await DbAsync())
        {
            for (var i = 0; i < 55; i++)
            {
                db.Add(NewReferral(20 + (i % 5), ReferralStatus.Received, Relation.Other, Concern.Unknown, Language.Nl, Region.Namur,
                    FormatPreference.Either, registeredAt: Now.AddMinutes(-2 * i)));
            }

            await db.SaveChangesAsync(Ct);
        }

        var page = await NewService().ListAsync(Coordinator, new WaitingListQuery(WaitingListTab.ToPlan, PageSize: 500), Ct);
        page.Rows.Count.ShouldBe(50);
        page.Total.ShouldBe(57);
    }

    [Fact]
    public async Task List_EmptyWaitingList_HasNoMedianOrLongestWait()
    {
        await using (var db = await DbAsync())
        {
            await db.Set<Referral>().ExecuteDeleteAsync(Ct);
        }

        var page = await NewService().ListAsync(Coordinator, new WaitingListQuery(), Ct);
        page.Rows.ShouldBeEmpty();
        page.Summary.ShouldBe(new WaitingListSummary(0, null, null, 0));
    }

    [Fact]
    public void AvailabilityText_Compact_GroupsDaysByPartEveningsFirst()
    {
        var availability = WeeklyAvailability.Of(
            [new(DayOfWeek.Tuesday, DayPart.Evening), new(DayOfWeek.Monday, DayPart.Morning), new(DayOfWeek.Thursday, DayPart.Evening), new(DayOfWeek.Sunday, DayPart.Evening)]);

        AvailabilityText.Compact(availability, d => d.ToString()[..2].ToLowerInvariant(), p => p.ToString().ToLowerInvariant())
            .ShouldBe("tu th su evening · mo morning");
        AvailabilityText.Compact(WeeklyAvailability.None, d => "x", p => "y").ShouldBe(string.Empty);
    }

    public static TheoryData<string> Refused => ["counsellor", "facilitator", "participant", "anonymous", "coordinator-without-oid"];

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task List_NotACoordinator_IsRefused(string who)
    {
        await Should.ThrowAsync<UnauthorizedAccessException>(() => NewService().ListAsync(Principal(who), new WaitingListQuery(), Ct));
    }

    [Fact]
    public async Task Page_Counsellor_SeesAccessDenied()
    {
        using var client = _factory.CreateNonRedirectingClient();
        using var _ = await client.GetAsync(new Uri("/dev/signin?user=counsellor", UriKind.Relative), Ct);

        using var response = await client.GetAsync(new Uri("/wachtlijst", UriKind.Relative), Ct);

        response.RedirectTarget().ShouldStartWith("/geen-toegang");
        var html = await client.GetStringAsync(new Uri(response.RedirectTarget(), UriKind.Relative), Ct);
        HttpResponseExtensions.H1(html).ShouldBe("Geen toegang");
        html.ShouldNotContain(Reference("A"), Case.Sensitive);
    }

    [Fact]
    public async Task Page_Coordinator_ShowsTheWaitingList()
    {
        using var client = _factory.CreateNonRedirectingClient();
        using var _ = await client.GetAsync(new Uri("/dev/signin?user=coordinator", UriKind.Relative), Ct);

        using var response = await client.GetAsync(new Uri("/wachtlijst", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        HttpResponseExtensions.H1(await response.Content.ReadAsStringAsync(Ct)).ShouldBe("Wachtlijst");
    }

    [Fact]
    public async Task Demo_Seeded_HasAWaitingListOfEveryKindAndAge()
    {
        using var demo = new LotgenotenWebFactory(settings: new Dictionary<string, string?> { ["Demo:Seed"] = "true" });
        var services = demo.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(Now)))).Services;
        var service = services.CreateScope().ServiceProvider.GetRequiredService<WaitingListService>();
        async Task<IReadOnlyList<WaitingListRow>> AllAsync(WaitingListTab tab)
        {
            var rows = new List<WaitingListRow>();
            for (var page = 0; ; page++)
            {
                var view = await service.ListAsync(Coordinator, new WaitingListQuery(tab, Page: page, PageSize: 50), Ct);
                rows.AddRange(view.Rows);
                if (rows.Count >= view.Total)
                {
                    return rows;
                }
            }
        }

        var waiting = await AllAsync(WaitingListTab.Waiting);
        waiting.Select(r => r.Relation).Distinct().Order().ShouldBe(Enum.GetValues<Relation>());
        waiting.Select(r => r.Concern).Distinct().Order().ShouldBe(Enum.GetValues<Concern>());
        waiting.Select(r => r.Language).Distinct().Order().ShouldBe(Enum.GetValues<Language>());
        waiting.Select(r => r.Format).Distinct().Order().ShouldBe(Enum.GetValues<FormatPreference>());
        waiting.Select(r => r.Region).Distinct().Count().ShouldBeGreaterThanOrEqualTo(6);
        waiting.ShouldContain(r => r.DaysWaiting <= 7);
        waiting.Count(r => r.NearWarning).ShouldBeGreaterThanOrEqualTo(3);
        waiting.Count(r => r.WarnAge).ShouldBeGreaterThanOrEqualTo(3);

        (await AllAsync(WaitingListTab.ToPlan)).Count.ShouldBeGreaterThanOrEqualTo(3);
        var planned = await AllAsync(WaitingListTab.Planned);
        planned.ShouldContain(r => r.IntakePlannedForLocal!.Value.Date == new DateTime(2026, 11, 30), "an intake is planned tomorrow");
        (await AllAsync(WaitingListTab.Invited)).Count.ShouldBeGreaterThanOrEqualTo(3);
    }

    internal static ClaimsPrincipal Principal(string who) => who switch
    {
        "coordinator" => Staff(CoordinatorOid, AppRoles.Coordinator),
        "counsellor" => Staff(CounsellorOid, AppRoles.Counsellor),
        "facilitator" => Staff("facilitator-oid", AppRoles.Facilitator),
        "participant" => new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "p-1"), new Claim("roles", AppRoles.Participant)], "test", "name", "roles")),
        "coordinator-without-oid" => new ClaimsPrincipal(new ClaimsIdentity([new Claim("roles", AppRoles.Coordinator)], "test", "name", "roles")),
        _ => new ClaimsPrincipal(new ClaimsIdentity()),
    };

    private string Name(WaitingListRow row) => _r.Single(r => r.Value.Id == row.Id).Key;

    private string Reference(string name) => _r[name].Reference;

    private void Add(string name, int daysAgo, ReferralStatus status, Relation relation, Concern concern, Language language, Region region,
        FormatPreference format, DateTime? intakeAt = null) =>
        _r[name] = NewReferral(daysAgo, status, relation, concern, language, region, format, intakeAt);

    /// <summary>A referral received <paramref name="daysAgo"/> days ago and moved to <paramref name="status"/> by the domain's own rules.</summary>
    internal static Referral NewReferral(int daysAgo, ReferralStatus status, Relation relation = Relation.Partner, Concern concern = Concern.AbuseImages,
        Language language = Language.Nl, Region region = Region.Antwerp, FormatPreference format = FormatPreference.Either,
        DateTime? intakeAt = null, string registeredBy = CounsellorOid, DateTimeOffset? registeredAt = null)
    {
        var receivedOn = Today.AddDays(-daysAgo);

        // Registered on the day it was received, so that every referral's id (and short reference) differs.
        var at = registeredAt ?? BrusselsTime.ToUtc(receivedOn.ToDateTime(new TimeOnly(9, 0)));
        var referral = Referral.Register(
            new ReferralDetails(receivedOn, ReferralChannel.Phone, relation, concern, language, region, format,
                WeeklyAvailability.Of([new(DayOfWeek.Tuesday, DayPart.Evening), new(DayOfWeek.Thursday, DayPart.Evening)]),
                ContactPreference.Code, true, "2026-01", null),
            registeredBy, at);
        if (status == ReferralStatus.Received)
        {
            return referral;
        }

        if (status == ReferralStatus.Withdrawn)
        {
            referral.Withdraw(WithdrawalReason.NoLongerNeeded, CoordinatorOid, at);
            return referral;
        }

        referral.PlanIntake(BrusselsTime.ToUtc(intakeAt ?? receivedOn.ToDateTime(new TimeOnly(14, 0))), CoordinatorOid, at.AddMinutes(1));
        if (status == ReferralStatus.IntakePlanned)
        {
            return referral;
        }

        referral.RecordIntake(status != ReferralStatus.Declined, receivedOn, CoordinatorOid, at.AddHours(6));
        if (status is ReferralStatus.IntakeDone or ReferralStatus.Declined)
        {
            return referral;
        }

        referral.PutOnWaitingList(CoordinatorOid, at.AddHours(6));
        if (status == ReferralStatus.Invited)
        {
            referral.MarkInvited(Guid.NewGuid(), CoordinatorOid, at.AddDays(10));
        }

        return referral;
    }

    private async Task<LotgenotenDbContext> DbAsync() =>
        await _services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);

    private static ClaimsPrincipal Staff(string oid, params string[] roles) =>
        new(new ClaimsIdentity(
            [new Claim("oid", oid), new Claim("name", "Test"), .. roles.Select(r => new Claim("roles", r))], "test", "name", "roles"));
}
