using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Invitations;
using Lotgenoten.Domain.Referrals;

namespace Lotgenoten.Web.Tests.Features.Placement;

/// <summary>Matching on a real SQLite database: the groups for a referral, and the referrals for a group.</summary>
public sealed class MatchingServiceTests : IAsyncLifetime
{
    private static readonly WeeklyAvailability TuesdayEvening = WeeklyAvailability.Of([new AvailabilitySlot(DayOfWeek.Tuesday, DayPart.Evening)]);
    private PlacementTestApp _app = default!;

    public async ValueTask InitializeAsync() => _app = await PlacementTestApp.CreateAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GroupsForReferral_FittingGroupsBestFirstWithReasonsSlotAndNearMisses()
    {
        var referral = await _app.WaitingAsync(region: Region.Antwerp, availability: TuesdayEvening, email: "a@example.org");
        var same = await _app.GroupAsync("Partners Antwerpen", maximum: 8, taken: 2, status: GroupStatus.Recruiting, series: (DayOfWeek.Tuesday, new TimeOnly(19, 0)));
        var online = await _app.GroupAsync("Partners online", format: GroupFormat.Online, maximum: 6);
        var elsewhere = await _app.GroupAsync("Partners Hasselt", region: Region.Limburg, series: (DayOfWeek.Saturday, new TimeOnly(10, 0)));
        await _app.GroupAsync("Partenaires", language: Language.Fr);
        await _app.GroupAsync("Ouders", audience: GroupAudience.Parents);
        await _app.GroupAsync("Ouders Frans", audience: GroupAudience.Parents, language: Language.Fr);
        var full = await _app.GroupAsync("Vol", maximum: 2, taken: 2);

        var matches = await _app.Matching().GroupsForReferralAsync(PlacementTestApp.Coordinator, referral.Id, Ct);

        matches.ShouldNotBeNull();
        (matches.ReferralId, matches.Reference, matches.Status, matches.Version, matches.HasEmail, matches.CanPlace).ShouldBe(
            (referral.Id, referral.Reference, ReferralStatus.Waiting, referral.Version, true, true));
        matches.Fitting.Select(g => g.Name).ShouldBe(["Partners Antwerpen", "Partners online", "Partners Hasselt"]);
        var first = matches.Fitting[0];
        (first.GroupId, first.Status, first.FreePlaces, first.MaximumSize, first.SlotText, first.Fits, first.Score).ShouldBe(
            (same.Id, GroupStatus.Recruiting, 6, 8, (string?)"dinsdag 19:00", true, 40 + 30 + 4 + 10));
        first.NextMeetingLocal.ShouldBe(new DateTime(2026, 12, 1, 19, 0, 0));
        first.Reasons.Select(r => r.Kind).ShouldBe(
        [
            MatchReasonKind.AudienceMatches, MatchReasonKind.LanguageMatches, MatchReasonKind.FormatMatches,
            MatchReasonKind.SameRegion, MatchReasonKind.SlotFits, MatchReasonKind.PlacesFree,
        ]);
        (matches.Fitting[1].GroupId, matches.Fitting[1].SlotText, matches.Fitting[1].NextMeetingLocal).ShouldBe((online.Id, (string?)null, (DateTime?)null));
        matches.Fitting[1].Reasons.Select(r => r.Kind).ShouldContain(MatchReasonKind.SlotUnknown);
        (matches.Fitting[2].GroupId, matches.Fitting[2].SlotText).ShouldBe((elsewhere.Id, (string?)"zaterdag 10:00"));
        matches.Fitting[2].Reasons.Select(r => r.Kind).ShouldBe(
        [
            MatchReasonKind.AudienceMatches, MatchReasonKind.LanguageMatches, MatchReasonKind.FormatMatches,
            MatchReasonKind.OtherRegion, MatchReasonKind.SlotOutsideAvailability, MatchReasonKind.PlacesFree,
        ]);
        matches.NearMisses.Select(g => (g.Name, g.Fits)).ShouldBe([("Ouders", false), ("Partenaires", false), ("Vol", false)]);
        matches.NearMisses.Single(g => g.GroupId == full.Id).Reasons.ShouldContain(new MatchReason(MatchReasonKind.Full));
    }

    [Fact]
    public async Task GroupsForReferral_InFrench_SlotInFrenchAndUnknownReferralIsNull()
    {
        var referral = await _app.WaitingAsync();
        await _app.GroupAsync(series: (DayOfWeek.Tuesday, new TimeOnly(19, 0)));

        var matches = await _app.Matching("fr-BE").GroupsForReferralAsync(PlacementTestApp.Coordinator, referral.Id, Ct);

        matches!.Fitting.Single().SlotText.ShouldBe("mardi 19:00");
        (await _app.Matching().GroupsForReferralAsync(PlacementTestApp.Coordinator, Guid.NewGuid(), Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task GroupsForReferral_ReferralNotWaiting_ListsGroupsButCannotPlace()
    {
        var referral = await _app.WaitingAsync(until: ReferralStatus.IntakeDone);
        await _app.GroupAsync();

        var matches = await _app.Matching().GroupsForReferralAsync(PlacementTestApp.Coordinator, referral.Id, Ct);

        (matches!.CanPlace, matches.Fitting.Count, matches.HasEmail).ShouldBe((false, 1, false));
    }

    [Fact]
    public async Task ReferralsForGroup_WaitingReferralsThatFit_BestFirstThenLongestWaiting()
    {
        var group = await _app.GroupAsync("Partners Antwerpen", maximum: 8, taken: 1, series: (DayOfWeek.Tuesday, new TimeOnly(19, 0)));
        var fitsLong = await _app.WaitingAsync(daysAgo: 80);
        var fitsShort = await _app.WaitingAsync(daysAgo: 20, relation: Relation.ExPartner);
        var otherRegion = await _app.WaitingAsync(daysAgo: 200, region: Region.Limburg);
        var wrongSlot = await _app.WaitingAsync(daysAgo: 100, availability: WeeklyAvailability.Of([new AvailabilitySlot(DayOfWeek.Monday, DayPart.Morning)]));
        await _app.WaitingAsync(language: Language.Fr);
        await _app.WaitingAsync(relation: Relation.Parent);
        await _app.WaitingAsync(format: FormatPreference.Online);
        await _app.WaitingAsync(until: ReferralStatus.IntakeDone);
        var invited = await _app.WaitingAsync(daysAgo: 300);
        (await _app.Placement().PlaceAsync(PlacementTestApp.Coordinator, invited.Id, invited.Version, group.Id, InvitationDelivery.Handover, Ct)).Succeeded.ShouldBeTrue();

        var matches = await _app.Matching().ReferralsForGroupAsync(PlacementTestApp.Coordinator, group.Id, Ct);

        matches.ShouldNotBeNull();
        (matches.GroupId, matches.GroupName, matches.Status, matches.FreePlaces, matches.Total).ShouldBe((group.Id, "Partners Antwerpen", GroupStatus.Planned, 6, 4));
        matches.Candidates.Select(c => c.ReferralId).ShouldBe([fitsLong.Id, fitsShort.Id, wrongSlot.Id, otherRegion.Id]);
        var top = matches.Candidates[0];
        (top.Reference, top.Version, top.DaysWaiting, top.Relation, top.Concern, top.Region, top.Format, top.Availability, top.HasEmail, top.Score).ShouldBe(
            (fitsLong.Reference, fitsLong.Version, 80, Relation.Partner, Concern.AbuseImages, Region.Antwerp,
             FormatPreference.Either, TuesdayEvening, false, 40 + 30 + 4 + 5));
        (matches.Candidates[1].Relation, matches.Candidates[1].DaysWaiting).ShouldBe((Relation.ExPartner, 20));
        matches.Candidates[2].Reasons.Select(r => r.Kind).ShouldContain(MatchReasonKind.SlotOutsideAvailability);
    }

    [Fact]
    public async Task ReferralsForGroup_FullGroup_NoCandidatesAndUnknownGroupIsNull()
    {
        var group = await _app.GroupAsync(maximum: 1, taken: 1);
        await _app.WaitingAsync();

        var matches = await _app.Matching().ReferralsForGroupAsync(PlacementTestApp.Coordinator, group.Id, Ct);

        (matches!.FreePlaces, matches.Candidates.Count, matches.Total).ShouldBe((0, 0, 0));
        (await _app.Matching().ReferralsForGroupAsync(PlacementTestApp.Coordinator, Guid.NewGuid(), Ct)).ShouldBeNull();
    }
}
