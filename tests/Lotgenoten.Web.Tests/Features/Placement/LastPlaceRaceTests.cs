using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Invitations;
using Lotgenoten.Domain.Referrals;
using Microsoft.EntityFrameworkCore;

namespace Lotgenoten.Web.Tests.Features.Placement;

/// <summary>
/// Two coordinators place two different relatives in the last free place at the same moment: both services have loaded
/// the group and changed it before either saves (the gate holds both SaveChanges until the second arrives). Exactly one
/// wins; the loser stores nothing. The same cases on SQLite and on PostgreSQL.
/// </summary>
public abstract class LastPlaceRaceTests : IAsyncLifetime
{
    private PlacementTestApp _app = default!;

    protected abstract Task<PlacementTestApp> StartAsync();

    public async ValueTask InitializeAsync() => _app = await StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Place_TwoRelativesInTheLastFreePlaceAtOnce_ExactlyOneWins()
    {
        var group = await _app.GroupAsync("Laatste plaats", maximum: 3, taken: 2, status: GroupStatus.Recruiting);
        var first = await _app.WaitingAsync(daysAgo: 50);
        var second = await _app.WaitingAsync(daysAgo: 30);
        var one = _app.Placement();
        var two = _app.Placement();
        _app.Gate.Arm(2);

        var results = await Task.WhenAll(
            Task.Run(() => one.PlaceAsync(PlacementTestApp.Coordinator, first.Id, first.Version, group.Id, InvitationDelivery.Handover, Ct), Ct),
            Task.Run(() => two.PlaceAsync(PlacementTestApp.SecondCoordinator, second.Id, second.Version, group.Id, InvitationDelivery.Handover, Ct), Ct));

        results.Count(r => r.Succeeded).ShouldBe(1);
        var loser = results.Single(r => !r.Succeeded);
        (loser.Conflict, loser.Code, loser.Link, loser.Error).ShouldBe(
            (true, (string?)null, (string?)null,
             "De groep is net volzet: iemand anders plaatste eerst. Er is niets opgeslagen. Laad opnieuw en kies een andere groep."));
        var (winnerId, loserId) = results[0].Succeeded ? (first.Id, second.Id) : (second.Id, first.Id);

        await using var db = await _app.DbAsync(Ct);
        var saved = await db.Set<PeerGroup>().Include(g => g.Memberships).SingleAsync(g => g.Id == group.Id, Ct);
        (saved.OpenPlaces, saved.MaximumSize, saved.IsFull).ShouldBe((3, 3, true));
        saved.Memberships.Count(m => m.ReferralId == winnerId).ShouldBe(1);
        saved.Memberships.ShouldNotContain(m => m.ReferralId == loserId);
        var lost = await db.Set<Referral>().SingleAsync(r => r.Id == loserId, Ct);
        (lost.Status, lost.Version, lost.PlacedGroupId).ShouldBe((ReferralStatus.Waiting, loserId == first.Id ? first.Version : second.Version, (Guid?)null));
        (await db.Set<Referral>().SingleAsync(r => r.Id == winnerId, Ct)).Status.ShouldBe(ReferralStatus.Invited);
        (await db.Set<Invitation>().CountAsync(i => i.ReferralId == loserId, Ct)).ShouldBe(0);
        (await db.Set<Invitation>().CountAsync(i => i.ReferralId == winnerId, Ct)).ShouldBe(1);
        (await db.Set<AuditEvent>().CountAsync(a => a.EntityId == loserId.ToString(), Ct)).ShouldBe(0);
        (await db.Set<AuditEvent>().CountAsync(Ct)).ShouldBe(2);
    }

    [Fact]
    public async Task Place_TwoRelativesWithTwoFreePlacesAtOnce_BothWinOneAfterTheOther()
    {
        var group = await _app.GroupAsync("Twee plaatsen", maximum: 3, taken: 1);
        var first = await _app.WaitingAsync();
        var second = await _app.WaitingAsync();

        var a = await _app.Placement().PlaceAsync(PlacementTestApp.Coordinator, first.Id, first.Version, group.Id, InvitationDelivery.Handover, Ct);
        var b = await _app.Placement().PlaceAsync(PlacementTestApp.SecondCoordinator, second.Id, second.Version, group.Id, InvitationDelivery.Handover, Ct);

        (a.Succeeded, b.Succeeded).ShouldBe((true, true));
        await using var db = await _app.DbAsync(Ct);
        (await db.Set<PeerGroup>().Include(g => g.Memberships).SingleAsync(g => g.Id == group.Id, Ct)).OpenPlaces.ShouldBe(3);
    }
}

/// <summary>The last-place race on SQLite.</summary>
public sealed class SqliteLastPlaceRaceTests : LastPlaceRaceTests
{
    protected override Task<PlacementTestApp> StartAsync() => PlacementTestApp.SqliteAsync();
}

/// <summary>The last-place race on PostgreSQL (needs LOTGENOTEN_TEST_POSTGRES; fails without it).</summary>
public sealed class PostgresLastPlaceRaceTests : LastPlaceRaceTests
{
    protected override Task<PlacementTestApp> StartAsync() => PlacementTestApp.PostgresAsync();
}
