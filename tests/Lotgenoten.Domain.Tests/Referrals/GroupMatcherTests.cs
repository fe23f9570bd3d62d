using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Referrals;

namespace Lotgenoten.Domain.Tests.Referrals;

public class GroupMatcherTests
{
    private static readonly AvailabilitySlot TuesdayEvening = new(DayOfWeek.Tuesday, DayPart.Evening);
    private static readonly AvailabilitySlot SaturdayMorning = new(DayOfWeek.Saturday, DayPart.Morning);

    private static MatchProfile Partner(
        Region region = Region.Antwerp,
        FormatPreference format = FormatPreference.Either,
        WeeklyAvailability? availability = null,
        Relation relation = Relation.Partner,
        Language language = Language.Nl) =>
        new(relation, language, region, format, availability ?? WeeklyAvailability.Of([TuesdayEvening]));

    private static GroupProfile Group(
        string name = "Partners Antwerpen",
        GroupAudience audience = GroupAudience.Partners,
        Language language = Language.Nl,
        GroupFormat format = GroupFormat.InPerson,
        Region? region = Region.Antwerp,
        GroupStatus status = GroupStatus.Recruiting,
        int free = 3,
        AvailabilitySlot[]? slots = null,
        Guid? id = null) =>
        new(id ?? Guid.NewGuid(), name, audience, language, format, format == GroupFormat.Online ? null : region, status, free, slots ?? [TuesdayEvening]);

    private static MatchReasonKind[] Kinds(GroupMatch match) => match.Reasons.Select(r => r.Kind).ToArray();

    [Fact]
    public void Match_EverythingRight_FitsWithEveryPositiveReasonAndTheFullScore()
    {
        var match = GroupMatcher.Match(Partner(), Group());

        match.Fits.ShouldBeTrue();
        match.Reasons.ShouldBe(
        [
            new MatchReason(MatchReasonKind.AudienceMatches), new MatchReason(MatchReasonKind.LanguageMatches),
            new MatchReason(MatchReasonKind.FormatMatches), new MatchReason(MatchReasonKind.SameRegion),
            new MatchReason(MatchReasonKind.SlotFits), new MatchReason(MatchReasonKind.PlacesFree, 3),
        ]);
        match.Score.ShouldBe(40 + 30 + 3 + 10);
        match.Reasons.ShouldAllBe(r => !r.IsConcern);
        match.ExcludedBy.ShouldBe(0);
    }

    [Theory]
    [InlineData(GroupAudience.Partners, Relation.Partner, true)]
    [InlineData(GroupAudience.Partners, Relation.ExPartner, true)]
    [InlineData(GroupAudience.Partners, Relation.Parent, false)]
    [InlineData(GroupAudience.Partners, Relation.Sibling, false)]
    [InlineData(GroupAudience.Parents, Relation.Parent, true)]
    [InlineData(GroupAudience.Parents, Relation.Partner, false)]
    [InlineData(GroupAudience.Parents, Relation.AdultChild, false)]
    [InlineData(GroupAudience.AdultChildren, Relation.AdultChild, true)]
    [InlineData(GroupAudience.AdultChildren, Relation.Parent, false)]
    [InlineData(GroupAudience.MixedRelatives, Relation.Partner, true)]
    [InlineData(GroupAudience.MixedRelatives, Relation.Sibling, true)]
    [InlineData(GroupAudience.MixedRelatives, Relation.Friend, true)]
    [InlineData(GroupAudience.MixedRelatives, Relation.Other, true)]
    public void Match_Audience_FitsOnlyTheRelationsItTakes(GroupAudience audience, Relation relation, bool fits)
    {
        var match = GroupMatcher.Match(Partner(relation: relation), Group(audience: audience));

        match.Fits.ShouldBe(fits);
        match.Reasons[0].Kind.ShouldBe(
            !fits ? MatchReasonKind.AudienceDiffers
            : audience == GroupAudience.MixedRelatives ? MatchReasonKind.AudienceMixed
            : MatchReasonKind.AudienceMatches);
        match.Reasons[0].IsConcern.ShouldBe(!fits || audience == GroupAudience.MixedRelatives);
    }

    [Fact]
    public void AudiencesFor_EachRelation_ListsExactlyTheAudiencesThatTakeIt()
    {
        GroupMatcher.AudiencesFor(Relation.Partner).ShouldBe([GroupAudience.Partners, GroupAudience.MixedRelatives]);
        GroupMatcher.AudiencesFor(Relation.ExPartner).ShouldBe([GroupAudience.Partners, GroupAudience.MixedRelatives]);
        GroupMatcher.AudiencesFor(Relation.Parent).ShouldBe([GroupAudience.Parents, GroupAudience.MixedRelatives]);
        GroupMatcher.AudiencesFor(Relation.AdultChild).ShouldBe([GroupAudience.MixedRelatives, GroupAudience.AdultChildren]);
        GroupMatcher.AudiencesFor(Relation.Friend).ShouldBe([GroupAudience.MixedRelatives]);
        GroupMatcher.RelationsFor(GroupAudience.Partners).ShouldBe([Relation.Partner, Relation.ExPartner]);
        GroupMatcher.RelationsFor(GroupAudience.MixedRelatives).Count.ShouldBe(Enum.GetValues<Relation>().Length);
    }

    [Fact]
    public void Match_OtherLanguage_DoesNotFit()
    {
        var match = GroupMatcher.Match(Partner(language: Language.Fr), Group(language: Language.Nl));

        match.Fits.ShouldBeFalse();
        Kinds(match).ShouldContain(MatchReasonKind.LanguageDiffers);
        match.ExcludedBy.ShouldBe(1);
    }

    [Theory]
    [InlineData(FormatPreference.InPerson, GroupFormat.InPerson, true)]
    [InlineData(FormatPreference.InPerson, GroupFormat.Online, false)]
    [InlineData(FormatPreference.Online, GroupFormat.Online, true)]
    [InlineData(FormatPreference.Online, GroupFormat.InPerson, false)]
    [InlineData(FormatPreference.Either, GroupFormat.InPerson, true)]
    [InlineData(FormatPreference.Either, GroupFormat.Online, true)]
    public void Match_Format_InPersonNeedsInPersonOnlineNeedsOnlineEitherTakesBoth(FormatPreference preference, GroupFormat format, bool fits)
    {
        var match = GroupMatcher.Match(Partner(format: preference), Group(format: format));

        match.Fits.ShouldBe(fits);
        match.Reasons[2].Kind.ShouldBe(fits ? MatchReasonKind.FormatMatches : MatchReasonKind.FormatDiffers);
        GroupMatcher.PreferencesFor(format).Contains(preference).ShouldBe(fits);
    }

    [Fact]
    public void Match_NoFreePlace_DoesNotFitAndSaysFull()
    {
        var match = GroupMatcher.Match(Partner(), Group(free: 0));

        match.Fits.ShouldBeFalse();
        Kinds(match).ShouldContain(MatchReasonKind.Full);
        Kinds(match).ShouldNotContain(MatchReasonKind.PlacesFree);
        match.Score.ShouldBe(40 + 30 + 0 + 10);
    }

    [Fact]
    public void Match_ClosedGroup_DoesNotFit()
    {
        var match = GroupMatcher.Match(Partner(), Group(status: GroupStatus.Closed));

        match.Fits.ShouldBeFalse();
        Kinds(match)[^1].ShouldBe(MatchReasonKind.Closed);
        match.Score.ShouldBe(40 + 30 + 3);
    }

    [Fact]
    public void Match_Region_SameThenOnlineThenElsewhere()
    {
        var same = GroupMatcher.Match(Partner(), Group(region: Region.Antwerp));
        var online = GroupMatcher.Match(Partner(), Group(format: GroupFormat.Online));
        var elsewhere = GroupMatcher.Match(Partner(), Group(region: Region.Limburg));

        Kinds(same)[3].ShouldBe(MatchReasonKind.SameRegion);
        Kinds(online)[3].ShouldBe(MatchReasonKind.OnlineGroup);
        Kinds(elsewhere)[3].ShouldBe(MatchReasonKind.OtherRegion);
        elsewhere.Reasons[3].IsConcern.ShouldBeTrue();
        (same.Score - elsewhere.Score, online.Score - elsewhere.Score).ShouldBe((40, 20));
        elsewhere.Fits.ShouldBeTrue();
    }

    [Fact]
    public void Match_OnlineOnlyRegion_PrefersOnlineGroups()
    {
        var relative = Partner(region: Region.OnlineOnly);

        var online = GroupMatcher.Match(relative, Group(format: GroupFormat.Online));
        var inPerson = GroupMatcher.Match(relative, Group(region: Region.Antwerp));

        Kinds(online)[3].ShouldBe(MatchReasonKind.OnlineGroup);
        Kinds(inPerson)[3].ShouldBe(MatchReasonKind.OtherRegion);
        (online.Score - inPerson.Score).ShouldBe(40);
    }

    [Fact]
    public void Match_Slots_FitUnknownOrOutside()
    {
        var fits = GroupMatcher.Match(Partner(), Group(slots: [TuesdayEvening]));
        var nothingPlanned = GroupMatcher.Match(Partner(), Group(slots: []));
        var noAvailability = GroupMatcher.Match(Partner(availability: WeeklyAvailability.None), Group(slots: [TuesdayEvening]));
        var partly = GroupMatcher.Match(Partner(), Group(slots: [TuesdayEvening, SaturdayMorning]));
        var outside = GroupMatcher.Match(Partner(), Group(slots: [SaturdayMorning]));

        Kinds(fits)[4].ShouldBe(MatchReasonKind.SlotFits);
        Kinds(nothingPlanned)[4].ShouldBe(MatchReasonKind.SlotUnknown);
        Kinds(noAvailability)[4].ShouldBe(MatchReasonKind.SlotUnknown);
        Kinds(partly)[4].ShouldBe(MatchReasonKind.SlotOutsideAvailability);
        Kinds(outside)[4].ShouldBe(MatchReasonKind.SlotOutsideAvailability);
        (fits.Score - outside.Score, nothingPlanned.Score - outside.Score).ShouldBe((30, 15));
        new[] { fits, nothingPlanned, noAvailability, partly, outside }.ShouldAllBe(m => m.Fits);
    }

    [Fact]
    public void Match_Status_RecruitingBeforePlannedBeforeRunning()
    {
        var recruiting = GroupMatcher.Match(Partner(), Group(status: GroupStatus.Recruiting));
        var planned = GroupMatcher.Match(Partner(), Group(status: GroupStatus.Planned));
        var running = GroupMatcher.Match(Partner(), Group(status: GroupStatus.Running));

        (recruiting.Score - running.Score, planned.Score - running.Score).ShouldBe((10, 5));
        Kinds(running)[^1].ShouldBe(MatchReasonKind.AlreadyRunning);
        Kinds(planned).ShouldNotContain(MatchReasonKind.AlreadyRunning);
        running.Fits.ShouldBeTrue();
    }

    [Fact]
    public void Match_FreePlaces_CountUpToTheCapSoThatStatusWeighsMore()
    {
        var one = GroupMatcher.Match(Partner(), Group(free: 1));
        var four = GroupMatcher.Match(Partner(), Group(free: 4));
        var nine = GroupMatcher.Match(Partner(), Group(free: 9));
        var plannedRoomy = GroupMatcher.Match(Partner(), Group(status: GroupStatus.Planned, free: 9));

        (four.Score - one.Score, nine.Score - four.Score).ShouldBe((3, 0));
        nine.Reasons.ShouldContain(new MatchReason(MatchReasonKind.PlacesFree, 9));
        one.Score.ShouldBeGreaterThan(plannedRoomy.Score);
    }

    [Fact]
    public void Rank_Groups_BestFirstWithTiesByNameThenId()
    {
        var lowId = Guid.Parse("00000000-0000-0000-0000-000000000001");
        var highId = Guid.Parse("00000000-0000-0000-0000-000000000002");
        GroupProfile[] groups =
        [
            Group("Elders", region: Region.Limburg),
            Group("Zelfde B", id: highId),
            Group("Online", format: GroupFormat.Online),
            Group("Zelfde B", id: lowId),
            Group("anders taal", language: Language.Fr),
            Group("Zelfde A"),
            Group("Vol", free: 0),
        ];

        var ranked = GroupMatcher.Rank(Partner(), groups);
        var fitting = GroupMatcher.Fitting(Partner(), groups);

        ranked.Select(m => m.Group.Name).ShouldBe(["Zelfde A", "Zelfde B", "Zelfde B", "Online", "Elders", "anders taal", "Vol"]);
        (ranked[1].Group.Id, ranked[2].Group.Id).ShouldBe((lowId, highId));
        fitting.Select(m => m.Group.Name).ShouldBe(["Zelfde A", "Zelfde B", "Zelfde B", "Online", "Elders"]);
        GroupMatcher.Rank(Partner(), groups.Reverse()).Select(m => m.Group.Id).ShouldBe(ranked.Select(m => m.Group.Id));
    }
}
