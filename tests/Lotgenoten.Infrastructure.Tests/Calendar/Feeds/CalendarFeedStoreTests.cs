using Lotgenoten.Domain.Calendars;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Calendar.Feeds;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Infrastructure.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Infrastructure.Tests.Calendar.Feeds;

/// <summary>Feed tokens and the feed query on a real database: who owns a token, what a feed shows, when it changed.</summary>
public abstract class CalendarFeedStoreTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : TestDatabase
{
    // A Monday; the window starts on 2025-12-02 00:00 Brussels.
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider clock = new(Now);

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<CalendarFeedStore>();
    }

    private CalendarFeedStore Store => Services.GetRequiredService<CalendarFeedStore>();

    private sealed record World(
        StaffMember Facilitator, StaffMember Other, PeerGroup Mine, PeerGroup Theirs, string ParticipantId, string LeftId,
        Meeting TooOld, Meeting Recent, IReadOnlyList<Meeting> Future, MeetingSeries Series, Meeting TheirMeeting);

    /// <summary>
    /// Two groups: "Mine" (facilitator, with a participant who is a member and one who left) and "Theirs" (another
    /// facilitator; the participant is not in it). Meetings before, inside and after the window.
    /// </summary>
    private async Task<World> SeedAsync()
    {
        var created = Now.AddMonths(-8);
        var facilitator = StaffMember.Create("oid-" + Guid.NewGuid().ToString("N"), "Pieter", created);
        var other = StaffMember.Create("oid-" + Guid.NewGuid().ToString("N"), "Sarah", created);
        var mine = Group("Mijn groep", facilitator, created);
        var theirs = Group("Andere groep", other, created);
        var referrals = Enumerable.Range(0, 3).Select(_ => Referral(created)).ToList();
        var users = Enumerable.Range(0, 3).Select(_ => User()).ToList();
        var participantId = users[0].Id;
        var leftId = users[1].Id;
        var member = mine.Place(referrals[0].Id, created.AddDays(1));
        mine.Join(member.Id, participantId, "Zonnebloem", created.AddDays(2));
        var leaver = mine.Place(referrals[1].Id, created.AddDays(1));
        mine.Join(leaver.Id, leftId, "Merel", created.AddDays(2));
        var stranger = theirs.Place(referrals[2].Id, created.AddDays(1));
        theirs.Join(stranger.Id, users[2].Id, "Reiger", created.AddDays(2));

        // Single meetings in the past are planned when they were in the future.
        var tooOld = mine.ScheduleMeeting(new DateTime(2025, 11, 18, 19, 0, 0), 120, null, created);
        var recent = mine.ScheduleMeeting(new DateTime(2025, 12, 16, 19, 0, 0), 120, "Kerst", created);
        var (series, future) = mine.PlanSeries(
            new SeriesPlan(RecurrencePattern.EveryTwoWeeks, new DateOnly(2026, 3, 10), new TimeOnly(19, 0), 120, 4, null, []), Now);
        var theirMeeting = theirs.ScheduleMeeting(new DateTime(2026, 3, 12, 19, 0, 0), 120, null, Now);
        leaver.Withdraw(WithdrawalReason.Other, Now.AddDays(-1));

        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        db.AddRange(facilitator, other);
        db.AddRange(referrals);
        db.AddRange(users);
        db.AddRange(mine, theirs);
        db.Add(series);
        db.AddRange(future);
        db.AddRange(tooOld, recent, theirMeeting);
        await db.SaveChangesAsync(Ct);
        return new World(facilitator, other, mine, theirs, participantId, leftId, tooOld, recent, future, series, theirMeeting);
    }

    private static PeerGroup Group(string name, StaffMember facilitator, DateTimeOffset at)
    {
        var group = PeerGroup.Create(new PeerGroupDetails(name, GroupAudience.Partners, Language.Nl, GroupFormat.InPerson,
            Region.Antwerp, "Straat 1, 2000 Antwerpen", null, 1, 10), at);
        group.AssignFacilitator(facilitator.Id, at);
        group.StartRecruiting();
        return group;
    }

    private static ParticipantUser User()
    {
        var user = new ParticipantUser { UserName = "u-" + Guid.NewGuid().ToString("N")[..12], Language = "nl" };
        user.NormalizedUserName = user.UserName.ToUpperInvariant();
        return user;
    }

    private static Referral Referral(DateTimeOffset at) =>
        Domain.Referrals.Referral.Register(
            new ReferralDetails(DateOnly.FromDateTime(at.UtcDateTime), ReferralChannel.Phone, Relation.Partner, Concern.Unknown, Language.Nl,
                Region.Antwerp, FormatPreference.Either, WeeklyAvailability.Of([new(DayOfWeek.Tuesday, DayPart.Evening)]),
                ContactPreference.Code, true, "2026-01", null),
            "counsellor", at);

    [Fact]
    public async Task FindOwnerAsync_IssuedToken_ReturnsOwner()
    {
        var owner = CalendarFeedOwner.Staff("oid-" + Guid.NewGuid().ToString("N"));

        var token = await Store.IssueAsync(owner, Ct);

        token.Length.ShouldBe(43);
        (await Store.FindOwnerAsync(token, Ct)).ShouldBe(owner);
        var status = (await Store.GetStatusAsync(owner, Ct)).ShouldNotBeNull();
        status.ShouldBe(new CalendarFeedStatus(true, Now, null, null));
    }

    [Fact]
    public async Task FindOwnerAsync_WrongMalformedRotatedRevoked_ReturnsNull()
    {
        var owner = CalendarFeedOwner.Participant(Guid.NewGuid().ToString());
        var first = await Store.IssueAsync(owner, Ct);
        clock.Advance(TimeSpan.FromHours(1));
        var second = await Store.IssueAsync(owner, Ct);

        (await Store.FindOwnerAsync(first, Ct)).ShouldBeNull();
        (await Store.FindOwnerAsync(second, Ct)).ShouldBe(owner);
        (await Store.FindOwnerAsync(CalendarFeedToken.New(), Ct)).ShouldBeNull();
        (await Store.FindOwnerAsync("not a token!", Ct)).ShouldBeNull();
        (await Store.FindOwnerAsync(new string('a', 200), Ct)).ShouldBeNull();
        (await Store.FindOwnerAsync(null, Ct)).ShouldBeNull();

        (await Store.RevokeAsync(owner, Ct)).ShouldBeTrue();
        (await Store.RevokeAsync(owner, Ct)).ShouldBeFalse();
        (await Store.FindOwnerAsync(second, Ct)).ShouldBeNull();
        (await Store.GetStatusAsync(owner, Ct)).ShouldBe(new CalendarFeedStatus(false, Now, Now.AddHours(1), Now.AddHours(1)));
    }

    [Fact]
    public async Task Database_TwoFeedsForOneOwner_Refused()
    {
        var ownerId = Guid.NewGuid().ToString();
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        db.Add(CalendarFeed.Create(CalendarFeedOwnerKind.Staff, ownerId, CalendarFeedToken.Hash(CalendarFeedToken.New()), Now));
        db.Add(CalendarFeed.Create(CalendarFeedOwnerKind.Staff, ownerId, CalendarFeedToken.Hash(CalendarFeedToken.New()), Now));

        await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
    }

    [Fact]
    public async Task LoadAsync_Facilitator_OwnGroupsMeetingsInWindowAndTheirSeries()
    {
        var w = await SeedAsync();

        var content = await Store.LoadAsync(CalendarFeedOwner.Staff(w.Facilitator.ObjectId), Ct);

        var group = content.Groups.ShouldHaveSingleItem();
        group.Group.Id.ShouldBe(w.Mine.Id);
        group.Meetings.Select(m => m.Id).ShouldBe([w.Recent.Id, .. w.Future.Select(m => m.Id)]);
        group.Series.Select(s => s.Id).ShouldBe([w.Series.Id]);
        content.Recipient.ShouldBe(new Infrastructure.Calendar.CalendarRecipient(null, "nl", FullTitles: true, ReminderMinutes: null));

        var theirs = await Store.LoadAsync(CalendarFeedOwner.Staff(w.Other.ObjectId), Ct);
        theirs.Groups.ShouldHaveSingleItem().Meetings.Select(m => m.Id).ShouldBe([w.TheirMeeting.Id]);
    }

    [Fact]
    public async Task LoadAsync_Participant_GroupsOfJoinedMembershipsOnly()
    {
        var w = await SeedAsync();

        var content = await Store.LoadAsync(CalendarFeedOwner.Participant(w.ParticipantId), Ct);

        content.Groups.ShouldHaveSingleItem().Group.Id.ShouldBe(w.Mine.Id);
        content.Groups[0].Meetings.Count.ShouldBe(5);
        content.Recipient.ShouldBe(new Infrastructure.Calendar.CalendarRecipient(null, "nl", FullTitles: false, ReminderMinutes: null));
        (await Store.LoadAsync(CalendarFeedOwner.Participant(w.LeftId), Ct)).Groups.ShouldBeEmpty();
        (await Store.LoadAsync(CalendarFeedOwner.Staff("nobody"), Ct)).Groups.ShouldBeEmpty();
    }

    [Fact]
    public async Task StampAsync_NothingChanged_Same_AnyChange_Differs()
    {
        var w = await SeedAsync();
        var owner = CalendarFeedOwner.Staff(w.Facilitator.ObjectId);
        var participant = CalendarFeedOwner.Participant(w.ParticipantId);
        var first = await Store.StampAsync(owner, Ct);
        var participantFirst = await Store.StampAsync(participant, Ct);
        (await Store.StampAsync(owner, Ct)).ShouldBe(first);
        first.Length.ShouldBe(32);

        await ChangeAsync(db => db.Set<Meeting>().SingleAsync(m => m.Id == w.Future[1].Id, Ct), m => m.Move(m.StartLocal.AddHours(1), 120, Now));
        var moved = await Store.StampAsync(owner, Ct);
        moved.ShouldNotBe(first);
        (await Store.StampAsync(participant, Ct)).ShouldNotBe(participantFirst);

        await ChangeAsync(db => db.Set<Meeting>().SingleAsync(m => m.Id == w.Future[2].Id, Ct), m => m.SetTheme("Nieuw thema"));
        var themed = await Store.StampAsync(owner, Ct);
        themed.ShouldNotBe(moved);

        await ChangeAsync(db => db.Set<PeerGroup>().SingleAsync(g => g.Id == w.Mine.Id, Ct), g => g.Edit(new PeerGroupDetails(
            "Mijn groep", GroupAudience.Partners, Language.Nl, GroupFormat.InPerson, Region.Antwerp, "Andere straat 2, 2000 Antwerpen", null, 1, 10)));
        var edited = await Store.StampAsync(owner, Ct);
        edited.ShouldNotBe(themed);

        // A change in someone else's group leaves this feed alone.
        await ChangeAsync(db => db.Set<Meeting>().SingleAsync(m => m.Id == w.TheirMeeting.Id, Ct), m => m.Cancel(Now));
        (await Store.StampAsync(owner, Ct)).ShouldBe(edited);

        // The window moves with the days.
        clock.Advance(TimeSpan.FromDays(1));
        (await Store.StampAsync(owner, Ct)).ShouldNotBe(edited);
    }

    [Fact]
    public async Task RevokeWhenMembershipEndedAsync_LastMembershipEnds_RevokesFeed()
    {
        var w = await SeedAsync();
        var owner = CalendarFeedOwner.Participant(w.ParticipantId);
        var token = await Store.IssueAsync(owner, Ct);

        await using (var db = await DbFactory.CreateDbContextAsync(Ct))
        {
            (await CalendarFeedStore.RevokeWhenMembershipEndedAsync(db, w.ParticipantId, Now, Ct)).ShouldBeFalse();
            var group = await db.Set<PeerGroup>().Include(g => g.Memberships).SingleAsync(g => g.Id == w.Mine.Id, Ct);
            group.Memberships.Single(m => m.ParticipantId == w.ParticipantId).Withdraw(WithdrawalReason.Other, Now);

            (await CalendarFeedStore.RevokeWhenMembershipEndedAsync(db, w.ParticipantId, Now, Ct)).ShouldBeTrue();
            (await Store.FindOwnerAsync(token, Ct)).ShouldBe(owner); // not saved yet
            await db.SaveChangesAsync(Ct);
        }

        (await Store.FindOwnerAsync(token, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task RevokeAsync_InContextOnErasure_RevokesWithTheSameSave()
    {
        var w = await SeedAsync();
        var owner = CalendarFeedOwner.Participant(w.ParticipantId);
        var token = await Store.IssueAsync(owner, Ct);

        await using (var db = await DbFactory.CreateDbContextAsync(Ct))
        {
            var group = await db.Set<PeerGroup>().Include(g => g.Memberships).SingleAsync(g => g.Id == w.Mine.Id, Ct);
            group.Memberships.Single(m => m.ParticipantId == w.ParticipantId).EraseParticipant(Now);
            (await CalendarFeedStore.RevokeAsync(db, owner, Now, Ct)).ShouldBeTrue();
            await db.SaveChangesAsync(Ct);
        }

        (await Store.FindOwnerAsync(token, Ct)).ShouldBeNull();
    }

    private async Task ChangeAsync<T>(Func<LotgenotenDbContext, Task<T>> load, Action<T> change)
    {
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        change(await load(db));
        await db.SaveChangesAsync(Ct);
    }
}

public sealed class SqliteCalendarFeedStoreTests(SqliteTestDatabase database) : CalendarFeedStoreTests<SqliteTestDatabase>(database);

public sealed class PostgresCalendarFeedStoreTests(PostgresTestDatabase database) : CalendarFeedStoreTests<PostgresTestDatabase>(database);
