using System.Globalization;
using System.Security.Claims;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Web.Features.Groups;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Web.Tests.Features.Groups;

/// <summary>The coordinator's group management on a real SQLite database, in Dutch (the default language).</summary>
public sealed class GroupServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private const string CoordinatorOid = "coordinator-oid";
    private const string FacilitatorOid = "facilitator-oid";

    private readonly LotgenotenWebFactory _factory = new();
    private IServiceProvider _services = default!;
    private StaffMember _pieter = default!;
    private StaffMember _sarah = default!;
    private StaffMember _jan = default!;
    private StaffMember _former = default!;

    public async ValueTask InitializeAsync()
    {
        var app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(Now))));
        _services = app.Services;
        await using var db = await DbAsync();
        _pieter = StaffMember.Create(FacilitatorOid, "Pieter Begeleider", Now.AddDays(-100));
        _sarah = StaffMember.Create("sarah-oid", "Sarah Begeleider", Now.AddDays(-100));
        _jan = StaffMember.Create("jan-oid", "Jan Begeleider", Now.AddDays(-100));
        _former = StaffMember.Create("former-oid", "Oud Collega", Now.AddDays(-300));
        _former.Deactivate();
        db.AddRange(_pieter, _sarah, _jan, _former);
        await db.SaveChangesAsync(Ct);
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ClaimsPrincipal Coordinator => Staff(CoordinatorOid, AppRoles.Coordinator);

    private static ClaimsPrincipal Facilitator => Staff(FacilitatorOid, AppRoles.Facilitator);

    /// <summary>A new scope each time, as two circuits would have; sync, so that the culture stays set for the test method.</summary>
    private GroupService NewService(string culture = "nl-BE")
    {
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        return _services.CreateScope().ServiceProvider.GetRequiredService<GroupService>();
    }

    private static GroupInput InPerson(string name = "Partners Gent") => new()
    {
        Name = name,
        Audience = GroupAudience.Partners,
        Language = Language.Nl,
        Format = GroupFormat.InPerson,
        Region = Region.EastFlanders,
        Address = "Kouter 1\n9000 Gent",
        MinimumToStart = 4,
        MaximumSize = 10,
    };

    private static GroupInput Online(string name, Language language = Language.Nl) => new()
    {
        Name = name,
        Audience = GroupAudience.Parents,
        Language = language,
        Format = GroupFormat.Online,
        OnlineLink = "https://meet.example.org/groep",
        MinimumToStart = 3,
        MaximumSize = 8,
    };

    [Fact]
    public async Task Create_ValidInPersonGroup_SavesPlannedGroupWithAuditEvent()
    {
        var result = await NewService().CreateAsync(Coordinator, InPerson(), Ct);

        result.Succeeded.ShouldBeTrue();
        await using var db = await DbAsync();
        var group = await db.Set<PeerGroup>().SingleAsync(Ct);
        group.Id.ShouldBe(result.Id!.Value);
        (group.Name, group.Audience, group.Language, group.Format, group.Region).ShouldBe(
            ("Partners Gent", GroupAudience.Partners, Language.Nl, GroupFormat.InPerson, (Region?)Region.EastFlanders));
        (group.Address, group.OnlineLink, group.MinimumToStart, group.MaximumSize).ShouldBe(("Kouter 1\n9000 Gent", (string?)null, 4, 10));
        (group.Status, group.Version, group.CreatedAt).ShouldBe((GroupStatus.Planned, 0, Now));
        var audit = await db.Set<AuditEvent>().SingleAsync(Ct);
        (audit.Kind, audit.ActorId, audit.EntityType, audit.EntityId, audit.GroupId, audit.OccurredAt).ShouldBe(
            (AuditKind.GroupCreated, CoordinatorOid, "PeerGroup", group.Id.ToString(), (Guid?)group.Id, Now));
    }

    [Fact]
    public async Task Create_HostileInput_ReturnsLocalizedFieldErrorsAndSavesNothing()
    {
        var service = NewService();
        var nul = InPerson("Partners\0Gent");
        var tooLong = InPerson(new string('x', 2_000));
        var http = Online("Online");
        http.OnlineLink = "http://meet.example.org/groep";
        var noAddress = InPerson();
        noAddress.Address = "   ";
        var capacity = InPerson();
        (capacity.MinimumToStart, capacity.MaximumSize) = (8, 5);

        (await service.CreateAsync(Coordinator, nul, Ct)).FieldErrors.ShouldBe(
            new Dictionary<string, string> { ["Name"] = "Bevat onzichtbare tekens die niet zijn toegestaan." });
        (await service.CreateAsync(Coordinator, tooLong, Ct)).FieldErrors.ShouldBe(
            new Dictionary<string, string> { ["Name"] = "Maximaal 100 tekens." });
        (await service.CreateAsync(Coordinator, http, Ct)).FieldErrors.ShouldBe(
            new Dictionary<string, string> { ["OnlineLink"] = "De link moet met https:// beginnen." });
        var missing = await service.CreateAsync(Coordinator, noAddress, Ct);
        missing.FieldErrors.ShouldBe(new Dictionary<string, string> { ["Address"] = "Een fysieke groep heeft een adres nodig." });
        missing.Error.ShouldBe("Controleer de gemarkeerde velden.");
        (await service.CreateAsync(Coordinator, capacity, Ct)).FieldErrors.ShouldBe(
            new Dictionary<string, string> { ["MaximumSize"] = "Het maximum is kleiner dan het minimum." });

        await using var db = await DbAsync();
        (await db.Set<PeerGroup>().CountAsync(Ct)).ShouldBe(0);
        (await db.Set<AuditEvent>().CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Create_InFrench_ReturnsFrenchMessages()
    {
        var http = Online("Online");
        http.OnlineLink = "http://meet.example.org/groep";

        var result = await NewService("fr-BE").CreateAsync(Coordinator, http, Ct);

        result.FieldErrors["OnlineLink"].ShouldBe("Le lien doit commencer par https://.");
    }

    [Fact]
    public async Task Edit_CurrentVersion_ChangesDetailsAndVersion()
    {
        var id = await CreateAsync(InPerson());
        var online = Online("Partners Gent online");

        var result = await NewService().EditAsync(Coordinator, id, 0, online, Ct);

        result.Succeeded.ShouldBeTrue();
        var group = await NewService().GetAsync(Coordinator, id, Ct);
        (group!.Name, group.Format, group.Region, group.Address, group.OnlineLink, group.Version).ShouldBe(
            ("Partners Gent online", GroupFormat.Online, (Region?)null, (string?)null, (string?)"https://meet.example.org/groep", 1));
    }

    [Fact]
    public async Task Edit_TwoCoordinatorsSameVersion_SecondIsToldToReload()
    {
        var id = await CreateAsync(InPerson());
        var first = NewService();
        var second = NewService();
        var shown = (await first.GetAsync(Coordinator, id, Ct))!.Version;
        (await second.GetAsync(Coordinator, id, Ct))!.Version.ShouldBe(shown);

        var won = await first.EditAsync(Coordinator, id, shown, InPerson("Eerste"), Ct);
        var lost = await second.EditAsync(Coordinator, id, shown, InPerson("Tweede"), Ct);
        var lostAssign = await second.AssignFacilitatorAsync(Coordinator, id, shown, _pieter.Id, Ct);

        won.Succeeded.ShouldBeTrue();
        (lost.Succeeded, lost.Conflict, lost.Error).ShouldBe((false, true, "Iemand anders heeft deze groep intussen gewijzigd. Laad opnieuw en probeer nog eens."));
        (lostAssign.Succeeded, lostAssign.Conflict).ShouldBe((false, true));
        var group = await NewService().GetAsync(Coordinator, id, Ct);
        (group!.Name, group.Version, group.Facilitators.Count).ShouldBe(("Eerste", 1, 0));
    }

    [Fact]
    public async Task AssignFacilitator_UpToTwoActiveStaff_AssignsWithAuditAndRefusesMore()
    {
        var id = await CreateAsync(InPerson());
        var service = NewService();

        (await service.AssignFacilitatorAsync(Coordinator, id, 0, _pieter.Id, Ct)).Succeeded.ShouldBeTrue();
        (await service.AssignFacilitatorAsync(Coordinator, id, 1, _pieter.Id, Ct)).Error.ShouldBe("Deze persoon begeleidt de groep al.");
        (await service.AssignFacilitatorAsync(Coordinator, id, 1, _former.Id, Ct)).Error.ShouldBe("Alleen actieve medewerkers kunnen begeleiden.");
        (await service.AssignFacilitatorAsync(Coordinator, id, 1, _sarah.Id, Ct)).Succeeded.ShouldBeTrue();
        (await service.AssignFacilitatorAsync(Coordinator, id, 2, _jan.Id, Ct)).Error.ShouldBe("Een groep heeft hoogstens twee begeleiders.");

        var group = await service.GetAsync(Coordinator, id, Ct);
        group!.Facilitators.Select(f => f.DisplayName).ShouldBe(["Pieter Begeleider", "Sarah Begeleider"]);
        group.Version.ShouldBe(2);
        await using var db = await DbAsync();
        var audits = await db.Set<AuditEvent>().Where(a => a.Kind == AuditKind.FacilitatorAssigned).ToListAsync(Ct);
        audits.Select(a => a.EntityId).Order().ShouldBe(new[] { _pieter.Id.ToString(), _sarah.Id.ToString() }.Order());
        audits.ShouldAllBe(a => a.GroupId == id && a.ActorId == CoordinatorOid && a.EntityType == "GroupFacilitator");
    }

    [Fact]
    public async Task AssignableStaff_OnlyActiveStaffByName()
    {
        var staff = await NewService().GetAssignableStaffAsync(Coordinator, Ct);

        staff.Select(s => s.DisplayName).ShouldBe(["Jan Begeleider", "Pieter Begeleider", "Sarah Begeleider"]);
    }

    [Fact]
    public async Task StatusMoves_PlannedToClosed_FollowTheDomainRules()
    {
        var id = await CreateAsync(InPerson());
        var service = NewService();

        var noFacilitator = await service.ChangeStatusAsync(Coordinator, id, 0, GroupStatusAction.StartRecruiting, Ct);
        noFacilitator.Error.ShouldBe("Wijs eerst een begeleider toe voor de werving start.");
        (await service.ChangeStatusAsync(Coordinator, id, 0, GroupStatusAction.Start, Ct)).Error.ShouldBe("Deze stap kan niet vanuit de huidige status.");

        (await service.AssignFacilitatorAsync(Coordinator, id, 0, _pieter.Id, Ct)).Succeeded.ShouldBeTrue();
        (await service.ChangeStatusAsync(Coordinator, id, 1, GroupStatusAction.StartRecruiting, Ct)).Succeeded.ShouldBeTrue();
        (await service.GetAsync(Coordinator, id, Ct))!.Status.ShouldBe(GroupStatus.Recruiting);

        (await service.ChangeStatusAsync(Coordinator, id, 2, GroupStatusAction.Start, Ct)).Error.ShouldBe("Er zijn nog niet genoeg deelnemers om te starten.");
        (await service.RemoveFacilitatorAsync(Coordinator, id, 2, _pieter.Id, Ct)).Error
            .ShouldBe("Een groep in werving of lopend houdt minstens één begeleider.");

        (await service.ChangeStatusAsync(Coordinator, id, 2, GroupStatusAction.Close, Ct)).Succeeded.ShouldBeTrue();
        var closed = await service.GetAsync(Coordinator, id, Ct);
        (closed!.Status, closed.ClosedOn, closed.Version).ShouldBe((GroupStatus.Closed, (DateOnly?)new DateOnly(2026, 11, 29), 3));
        (await service.EditAsync(Coordinator, id, 3, InPerson(), Ct)).Error.ShouldBe("De groep is afgesloten.");

        await using var db = await DbAsync();
        (await db.Set<AuditEvent>().CountAsync(a => a.Kind == AuditKind.GroupStatusChanged && a.GroupId == id, Ct)).ShouldBe(2);
    }

    [Fact]
    public async Task RemoveFacilitator_PlannedGroup_RemovesWithAudit()
    {
        var id = await CreateAsync(InPerson());
        var service = NewService();
        (await service.AssignFacilitatorAsync(Coordinator, id, 0, _pieter.Id, Ct)).Succeeded.ShouldBeTrue();

        (await service.RemoveFacilitatorAsync(Coordinator, id, 1, _pieter.Id, Ct)).Succeeded.ShouldBeTrue();
        (await service.RemoveFacilitatorAsync(Coordinator, id, 2, _pieter.Id, Ct)).Error.ShouldBe("Deze persoon begeleidt de groep niet.");

        (await service.GetAsync(Coordinator, id, Ct))!.Facilitators.ShouldBeEmpty();
        await using var db = await DbAsync();
        var audit = await db.Set<AuditEvent>().SingleAsync(a => a.Kind == AuditKind.FacilitatorRemoved, Ct);
        (audit.EntityId, audit.GroupId).ShouldBe((_pieter.Id.ToString(), (Guid?)id));
    }

    [Fact]
    public async Task EveryWrite_WithoutCoordinatorRole_IsRefused()
    {
        var id = await CreateAsync(InPerson());
        var service = NewService();
        var lead = Staff(FacilitatorOid, AppRoles.Facilitator, AppRoles.Counsellor);
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());

        foreach (var user in new[] { Facilitator, lead, anonymous })
        {
            await Should.ThrowAsync<UnauthorizedAccessException>(() => service.CreateAsync(user, InPerson(), Ct));
            await Should.ThrowAsync<UnauthorizedAccessException>(() => service.EditAsync(user, id, 0, InPerson(), Ct));
            await Should.ThrowAsync<UnauthorizedAccessException>(() => service.AssignFacilitatorAsync(user, id, 0, _pieter.Id, Ct));
            await Should.ThrowAsync<UnauthorizedAccessException>(() => service.RemoveFacilitatorAsync(user, id, 0, _pieter.Id, Ct));
            await Should.ThrowAsync<UnauthorizedAccessException>(() => service.ChangeStatusAsync(user, id, 0, GroupStatusAction.Close, Ct));
            await Should.ThrowAsync<UnauthorizedAccessException>(() => service.GetAssignableStaffAsync(user, Ct));
        }

        await Should.ThrowAsync<UnauthorizedAccessException>(() => service.ListAsync(Staff("c", AppRoles.Counsellor), new GroupQuery(0, 10), Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => service.GetAsync(anonymous, id, Ct));
        await using var db = await DbAsync();
        (await db.Set<PeerGroup>().SingleAsync(Ct)).Version.ShouldBe(0);
    }

    [Fact]
    public async Task List_PagesFiltersAndSearches_WithFillNextMeetingAndFacilitators()
    {
        var gent = await CreateAsync(InPerson("Partners Gent"));
        await CreateAsync(Online("Ouders online"));
        await CreateAsync(Online("Parents en ligne", Language.Fr));
        await SeedMembersAndMeetingAsync(gent);
        var version = (await NewService().GetAsync(Coordinator, gent, Ct))!.Version;
        (await NewService().AssignFacilitatorAsync(Coordinator, gent, version, _sarah.Id, Ct)).Succeeded.ShouldBeTrue();
        (await NewService().AssignFacilitatorAsync(Coordinator, gent, version + 1, _pieter.Id, Ct)).Succeeded.ShouldBeTrue();
        var service = NewService();

        var first = await service.ListAsync(Coordinator, new GroupQuery(0, 2), Ct);
        (first.Total, first.CanEdit).ShouldBe((3, true));
        first.Rows.Select(r => r.Name).ShouldBe(["Ouders online", "Parents en ligne"]);
        first.Rows.Select(r => r.NextMeetingLocal).ShouldBe([null, null]);
        var second = await service.ListAsync(Coordinator, new GroupQuery(1, 2), Ct);
        var row = second.Rows.ShouldHaveSingleItem();
        (row.Id, row.Name, row.Status, row.Members, row.Invited, row.Capacity).ShouldBe((gent, "Partners Gent", GroupStatus.Planned, 1, 1, 10));
        row.NextMeetingLocal.ShouldBe(new DateTime(2026, 12, 8, 19, 0, 0));
        row.Facilitators.Select(f => f.DisplayName).ShouldBe(["Pieter Begeleider", "Sarah Begeleider"]);

        (await service.ListAsync(Coordinator, new GroupQuery(0, 10, Language: Language.Fr), Ct)).Rows.Select(r => r.Name).ShouldBe(["Parents en ligne"]);
        (await service.ListAsync(Coordinator, new GroupQuery(0, 10, Search: "  ONLINE "), Ct)).Rows.Select(r => r.Name).ShouldBe(["Ouders online"]);
        (await service.ListAsync(Coordinator, new GroupQuery(0, 10, Status: GroupStatus.Running), Ct)).Total.ShouldBe(0);

        var closed = await CreateAsync(InPerson("Aaa gesloten"));
        (await NewService().ChangeStatusAsync(Coordinator, closed, 0, GroupStatusAction.Close, Ct)).Succeeded.ShouldBeTrue();
        (await service.ListAsync(Coordinator, new GroupQuery(0, 10), Ct)).Rows.Select(r => r.Name)
            .ShouldBe(["Ouders online", "Parents en ligne", "Partners Gent", "Aaa gesloten"]);

        var own = await service.ListAsync(Facilitator, new GroupQuery(0, 10), Ct);
        (own.Total, own.CanEdit, own.Rows[0].Id).ShouldBe((1, false, gent));
        (await service.ListAsync(Staff("jan-oid", AppRoles.Facilitator), new GroupQuery(0, 10), Ct)).Total.ShouldBe(0);
    }

    [Fact]
    public async Task Get_Facilitator_SeesOwnGroupReadOnlyAndNoOther()
    {
        var own = await CreateAsync(InPerson("Eigen"));
        var other = await CreateAsync(InPerson("Andere"));
        (await NewService().AssignFacilitatorAsync(Coordinator, own, 0, _pieter.Id, Ct)).Succeeded.ShouldBeTrue();
        var service = NewService();

        var group = await service.GetAsync(Facilitator, own, Ct);
        (group!.Name, group.CanEdit).ShouldBe(("Eigen", false));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => service.GetAsync(Facilitator, other, Ct));
        (await service.GetAsync(Coordinator, Guid.NewGuid(), Ct)).ShouldBeNull();
    }

    private async Task<Guid> CreateAsync(GroupInput input)
    {
        var result = await NewService().CreateAsync(Coordinator, input, Ct);
        result.Succeeded.ShouldBeTrue(result.Error);
        return result.Id!.Value;
    }

    /// <summary>Two relatives placed (one joined, one still invited) and one meeting on Tuesday 8 December at 19:00 Brussels.</summary>
    private async Task SeedMembersAndMeetingAsync(Guid groupId)
    {
        await using var db = await DbAsync();
        var group = await db.Set<PeerGroup>().Include(g => g.Memberships).SingleAsync(g => g.Id == groupId, Ct);
        var referrals = Enumerable.Range(0, 2).Select(_ => Referral.Register(
            new ReferralDetails(new DateOnly(2026, 10, 1), ReferralChannel.Phone, Relation.Partner, Concern.Unknown, Language.Nl, Region.EastFlanders,
                FormatPreference.Either, WeeklyAvailability.None, ContactPreference.Code, true, "2026-01", null),
            "counsellor-oid", Now.AddDays(-30))).ToList();
        db.AddRange(referrals);
        var joined = group.Place(referrals[0].Id, Now.AddDays(-10));
        group.Place(referrals[1].Id, Now.AddDays(-10));
        var participant = new Lotgenoten.Infrastructure.Identity.ParticipantUser { Id = Guid.NewGuid().ToString(), UserName = "p1" };
        db.Users.Add(participant);
        group.Join(joined.Id, participant.Id, "Zonnebloem", Now.AddDays(-9));
        db.Add(group.ScheduleMeeting(new DateTime(2026, 12, 8, 19, 0, 0), 120, null, Now));
        await db.SaveChangesAsync(Ct);
    }

    private async Task<LotgenotenDbContext> DbAsync() =>
        await _services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);

    private static ClaimsPrincipal Staff(string oid, params string[] roles) =>
        new(new ClaimsIdentity(
            [new Claim("oid", oid), new Claim("name", "Test"), .. roles.Select(r => new Claim("roles", r))], "test", "name", "roles"));
}
