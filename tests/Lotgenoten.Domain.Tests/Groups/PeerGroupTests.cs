using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Domain.Tests.TestSupport;

namespace Lotgenoten.Domain.Tests.Groups;

public class PeerGroupTests
{
    // ---- Creation and capacity ----

    [Fact]
    public void Create_ValidDetails_IsPlanned()
    {
        var group = PeerGroup.Create(Build.GroupDetails(minimum: 4, maximum: 12), Build.Now);

        group.Status.ShouldBe(GroupStatus.Planned);
        group.Name.ShouldBe("Partners Antwerpen 2026");
        group.MinimumToStart.ShouldBe(4);
        group.MaximumSize.ShouldBe(12);
        group.Address.ShouldBe("Kerkstraat 1\n2000 Antwerpen");
        group.Region.ShouldBe(Region.Antwerp);
        group.CreatedAt.ShouldBe(Build.Now);
        group.Facilitators.ShouldBeEmpty();
        group.Memberships.ShouldBeEmpty();
        group.OpenPlaces.ShouldBe(0);
        group.IsFull.ShouldBeFalse();
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 20)]
    [InlineData(20, 20)]
    [InlineData(5, 8)]
    public void Create_CapacityWithinLimits_IsAccepted(int minimum, int maximum)
    {
        var group = PeerGroup.Create(Build.GroupDetails(minimum, maximum), Build.Now);

        group.MinimumToStart.ShouldBe(minimum);
        group.MaximumSize.ShouldBe(maximum);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(-1, 10)]
    [InlineData(3, 21)]
    [InlineData(9, 8)]
    [InlineData(21, 21)]
    public void Create_CapacityOutsideLimits_ThrowsCapacity(int minimum, int maximum)
    {
        DomainAssert.Throws(() => PeerGroup.Create(Build.GroupDetails(minimum, maximum), Build.Now), "group.capacity");
    }

    [Fact]
    public void Edit_MaximumBelowOpenPlaces_ThrowsAndKeepsOldCapacity()
    {
        var group = Build.RecruitingGroup(minimum: 1, maximum: 5);
        group.Place(Guid.NewGuid(), Build.Now);
        group.Place(Guid.NewGuid(), Build.Now);
        group.Place(Guid.NewGuid(), Build.Now);

        DomainAssert.Throws(() => group.Edit(Build.GroupDetails(minimum: 1, maximum: 2)), "group.capacity.below-members");

        group.MaximumSize.ShouldBe(5);
        group.Edit(Build.GroupDetails(minimum: 1, maximum: 3));
        group.MaximumSize.ShouldBe(3);
        group.IsFull.ShouldBeTrue();
    }

    [Fact]
    public void Edit_WithdrawnMembers_DoNotCountTowardsPlaces()
    {
        var group = Build.RecruitingGroup(minimum: 1, maximum: 5);
        group.Place(Guid.NewGuid(), Build.Now);
        group.Place(Guid.NewGuid(), Build.Now).Withdraw(WithdrawalReason.Other, Build.Now);

        group.Edit(Build.GroupDetails(minimum: 1, maximum: 1));

        group.MaximumSize.ShouldBe(1);
    }

    [Fact]
    public void Edit_ValidDetails_ChangesFieldsAndVersion()
    {
        var group = Build.Group();
        var version = group.Version;

        group.Edit(Build.GroupDetails(name: "  Partners Gent  ", address: "Veldstraat 2, 9000 Gent"));

        group.Name.ShouldBe("Partners Gent");
        group.Address.ShouldBe("Veldstraat 2, 9000 Gent");
        group.Version.ShouldBe(version + 1);
    }

    [Fact]
    public void Edit_ClosedGroup_ThrowsClosed()
    {
        var group = Build.Group();
        group.Close(Build.Now);

        DomainAssert.Throws(() => group.Edit(Build.GroupDetails()), "group.closed");
    }

    [Fact]
    public void Create_WithoutName_ThrowsNameRequired()
    {
        DomainAssert.Throws(() => PeerGroup.Create(Build.GroupDetails(name: " "), Build.Now), "group.name.required");
        DomainAssert.Throws(() => PeerGroup.Create(Build.GroupDetails(name: new string('n', PeerGroup.NameMaxLength + 1)), Build.Now), "group.name.too-long");
    }

    [Fact]
    public void Create_UndefinedEnum_ThrowsInvalid()
    {
        var details = Build.GroupDetails() with { Audience = (GroupAudience)9 };

        DomainAssert.Throws(() => PeerGroup.Create(details, Build.Now), "group.invalid");
        DomainAssert.Throws(() => PeerGroup.Create(Build.GroupDetails() with { Region = (Region)99 }, Build.Now), "group.invalid");
    }

    // ---- Address and link per format ----

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Create_InPersonWithoutAddress_ThrowsAddressRequired(string? address)
    {
        DomainAssert.Throws(() => PeerGroup.Create(Build.GroupDetails(address: address), Build.Now), "group.address.required");
    }

    [Fact]
    public void Create_AddressWithNul_ThrowsControlCharacters()
    {
        DomainAssert.Throws(() => PeerGroup.Create(Build.GroupDetails(address: "Kerkstraat 1\0"), Build.Now), "group.address.control-characters");
    }

    [Fact]
    public void Create_OnlineWithoutLink_ThrowsLinkRequired()
    {
        DomainAssert.Throws(
            () => PeerGroup.Create(Build.GroupDetails(format: GroupFormat.Online, address: null, link: null), Build.Now),
            "group.online-link.required");
    }

    [Theory]
    [InlineData("http://meet.example.org/room")]
    [InlineData("javascript:alert(1)")]
    [InlineData("meet.example.org/room")]
    [InlineData("ftp://example.org")]
    [InlineData("/relative/path")]
    public void Create_LinkNotHttps_ThrowsLinkInvalid(string link)
    {
        DomainAssert.Throws(
            () => PeerGroup.Create(Build.GroupDetails(format: GroupFormat.Online, address: null, link: link), Build.Now),
            "group.online-link.invalid");
    }

    [Fact]
    public void Create_LinkWithLineBreak_ThrowsControlCharacters()
    {
        DomainAssert.Throws(
            () => PeerGroup.Create(Build.GroupDetails(format: GroupFormat.Online, address: null, link: "https://meet.example.org/a\nLOCATION:x"), Build.Now),
            "group.online-link.control-characters");
    }

    [Fact]
    public void Create_OnlineWithHttpsLink_KeepsLinkAndDropsRegion()
    {
        var group = PeerGroup.Create(
            Build.GroupDetails(format: GroupFormat.Online, address: null, link: " https://meet.example.org/room-42 "),
            Build.Now);

        group.Format.ShouldBe(GroupFormat.Online);
        group.OnlineLink.ShouldBe("https://meet.example.org/room-42");
        group.Region.ShouldBeNull();
        group.Address.ShouldBeNull();
    }

    [Fact]
    public void Create_InPersonWithHttpLink_ThrowsLinkInvalid()
    {
        DomainAssert.Throws(
            () => PeerGroup.Create(Build.GroupDetails(link: "http://example.org"), Build.Now),
            "group.online-link.invalid");
    }

    // ---- Facilitators ----

    [Fact]
    public void AssignFacilitator_TwoPeople_BothFacilitate()
    {
        var group = Build.Group();
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();

        group.AssignFacilitator(a, Build.Now);
        group.AssignFacilitator(b, Build.Now.AddMinutes(1));

        group.Facilitators.Select(f => f.StaffMemberId).ShouldBe([a, b]);
        group.Facilitators[1].AssignedAt.ShouldBe(Build.Now.AddMinutes(1));
        group.Facilitators[0].GroupId.ShouldBe(group.Id);
        group.IsFacilitatedBy(a).ShouldBeTrue();
        group.IsFacilitatedBy(Guid.NewGuid()).ShouldBeFalse();
    }

    [Fact]
    public void AssignFacilitator_Third_ThrowsTooMany()
    {
        var group = Build.Group();
        group.AssignFacilitator(Guid.NewGuid(), Build.Now);
        group.AssignFacilitator(Guid.NewGuid(), Build.Now);

        DomainAssert.Throws(() => group.AssignFacilitator(Guid.NewGuid(), Build.Now), "group.facilitator.too-many");
        group.Facilitators.Count.ShouldBe(PeerGroup.MaxFacilitators);
    }

    [Fact]
    public void AssignFacilitator_SamePersonTwice_ThrowsDuplicate()
    {
        var group = Build.Group();
        var a = Guid.NewGuid();
        group.AssignFacilitator(a, Build.Now);

        DomainAssert.Throws(() => group.AssignFacilitator(a, Build.Now), "group.facilitator.duplicate");
        group.Facilitators.Count.ShouldBe(1);
    }

    [Fact]
    public void AssignFacilitator_ClosedGroup_ThrowsClosed()
    {
        var group = Build.Group();
        group.Close(Build.Now);

        DomainAssert.Throws(() => group.AssignFacilitator(Guid.NewGuid(), Build.Now), "group.closed");
    }

    [Fact]
    public void RemoveFacilitator_Unknown_ThrowsUnknown()
    {
        DomainAssert.Throws(() => Build.Group().RemoveFacilitator(Guid.NewGuid()), "group.facilitator.unknown");
    }

    [Fact]
    public void RemoveFacilitator_LastOfRecruitingGroup_ThrowsLast()
    {
        var group = Build.RecruitingGroup();
        var only = group.Facilitators[0].StaffMemberId;

        DomainAssert.Throws(() => group.RemoveFacilitator(only), "group.facilitator.last");
        group.IsFacilitatedBy(only).ShouldBeTrue();
    }

    [Fact]
    public void RemoveFacilitator_LastOfRunningGroup_ThrowsLast()
    {
        var group = Build.RunningGroup();

        DomainAssert.Throws(() => group.RemoveFacilitator(group.Facilitators[0].StaffMemberId), "group.facilitator.last");
    }

    [Fact]
    public void RemoveFacilitator_OneOfTwoInRunningGroup_Removes()
    {
        var group = Build.RunningGroup();
        var second = Guid.NewGuid();
        group.AssignFacilitator(second, Build.Now);

        group.RemoveFacilitator(second);

        group.Facilitators.Count.ShouldBe(1);
        group.IsFacilitatedBy(second).ShouldBeFalse();
    }

    [Fact]
    public void RemoveFacilitator_LastOfPlannedGroup_Removes()
    {
        var group = Build.Group();
        var a = Guid.NewGuid();
        group.AssignFacilitator(a, Build.Now);

        group.RemoveFacilitator(a);

        group.Facilitators.ShouldBeEmpty();
    }

    // ---- Lifecycle ----

    [Fact]
    public void StartRecruiting_WithoutFacilitator_ThrowsAndStaysPlanned()
    {
        var group = Build.Group();
        var version = group.Version;

        DomainAssert.Throws(group.StartRecruiting, "group.facilitator.required");

        group.Status.ShouldBe(GroupStatus.Planned);
        group.Version.ShouldBe(version);
    }

    [Fact]
    public void StartRecruiting_WithFacilitator_IsRecruiting()
    {
        var group = Build.Group();
        group.AssignFacilitator(Guid.NewGuid(), Build.Now);

        group.StartRecruiting();

        group.Status.ShouldBe(GroupStatus.Recruiting);
    }

    [Fact]
    public void StartRecruiting_Twice_ThrowsTransition()
    {
        var group = Build.RecruitingGroup();

        DomainAssert.Throws(group.StartRecruiting, "group.transition");
        group.Status.ShouldBe(GroupStatus.Recruiting);
    }

    [Fact]
    public void Start_Planned_ThrowsTransition()
    {
        DomainAssert.Throws(() => Build.Group(minimum: 1).Start(Build.Now), "group.transition");
    }

    [Fact]
    public void Start_FewerJoinedThanMinimum_ThrowsMinimum()
    {
        var group = Build.RecruitingGroup(minimum: 3);
        Build.JoinedMember(group, "Zonnebloem");
        Build.JoinedMember(group, "Klaproos");
        group.Place(Guid.NewGuid(), Build.Now); // invited, not joined: does not count

        DomainAssert.Throws(() => group.Start(Build.Now), "group.minimum");
        group.Status.ShouldBe(GroupStatus.Recruiting);
        group.StartedOn.ShouldBeNull();
    }

    [Fact]
    public void Start_MinimumJoined_IsRunningFromBrusselsDate()
    {
        var group = Build.RecruitingGroup(minimum: 2);
        Build.JoinedMember(group, "Zonnebloem");
        Build.JoinedMember(group, "Klaproos");
        var now = new DateTimeOffset(2026, 2, 2, 23, 30, 0, TimeSpan.Zero); // 00:30 on 3 February in Brussels

        group.Start(now);

        group.Status.ShouldBe(GroupStatus.Running);
        group.StartedOn.ShouldBe(new DateOnly(2026, 2, 3));
    }

    [Fact]
    public void Start_Running_ThrowsTransition()
    {
        var group = Build.RunningGroup();

        DomainAssert.Throws(() => group.Start(Build.Now), "group.transition");
        DomainAssert.Throws(group.StartRecruiting, "group.transition");
    }

    [Fact]
    public void Close_ClosedGroup_ThrowsClosedAndEveryMoveIsRefused()
    {
        var group = Build.RunningGroup();
        group.Close(Build.Now.AddDays(60));

        group.Status.ShouldBe(GroupStatus.Closed);
        DomainAssert.Throws(() => group.Close(Build.Now.AddDays(61)), "group.closed");
        DomainAssert.Throws(() => group.Start(Build.Now.AddDays(61)), "group.transition");
        DomainAssert.Throws(group.StartRecruiting, "group.transition");
        group.ClosedOn.ShouldBe(BrusselsTime.Today(Build.Now.AddDays(60)));
    }

    [Fact]
    public void Close_RunningGroup_CompletesMembersAndWithdrawsInvitations()
    {
        var group = Build.RecruitingGroup(minimum: 1);
        var joined = Build.JoinedMember(group, "Zonnebloem");
        var active = Build.JoinedMember(group, "Klaproos");
        active.MarkAttended(Build.Now);
        var left = Build.JoinedMember(group, "Madelief");
        left.Withdraw(WithdrawalReason.PracticalReasons, Build.Now);
        group.Start(Build.Now);
        var invited = group.Place(Guid.NewGuid(), Build.Now);
        var closedAt = new DateTimeOffset(2026, 6, 30, 22, 30, 0, TimeSpan.Zero); // 00:30 on 1 July in Brussels

        var changed = group.Close(closedAt);

        changed.ShouldBe([joined, active, invited], ignoreOrder: true);
        joined.Status.ShouldBe(MembershipStatus.Completed);
        active.Status.ShouldBe(MembershipStatus.Completed);
        joined.EndedAt.ShouldBe(closedAt);
        invited.Status.ShouldBe(MembershipStatus.Withdrawn);
        invited.EndReason.ShouldBe(WithdrawalReason.NoSuitableGroup);
        left.Status.ShouldBe(MembershipStatus.Withdrawn);
        left.EndReason.ShouldBe(WithdrawalReason.PracticalReasons);
        left.EndedAt.ShouldBe(Build.Now);
        group.ClosedOn.ShouldBe(new DateOnly(2026, 7, 1));
        group.OpenPlaces.ShouldBe(0);
    }

    [Theory]
    [InlineData(GroupStatus.Planned)]
    [InlineData(GroupStatus.Recruiting)]
    public void Close_GroupThatNeverRan_WithdrawsEveryone(GroupStatus status)
    {
        var group = Build.Group(minimum: 1);
        group.AssignFacilitator(Guid.NewGuid(), Build.Now);
        var invited = group.Place(Guid.NewGuid(), Build.Now);
        if (status == GroupStatus.Recruiting)
        {
            group.StartRecruiting();
        }

        var joined = Build.JoinedMember(group, "Zonnebloem");
        group.Status.ShouldBe(status);

        var changed = group.Close(Build.Now.AddDays(1));

        changed.Count.ShouldBe(2);
        invited.Status.ShouldBe(MembershipStatus.Withdrawn);
        joined.Status.ShouldBe(MembershipStatus.Withdrawn);
        joined.EndReason.ShouldBe(WithdrawalReason.NoSuitableGroup);
        group.Status.ShouldBe(GroupStatus.Closed);
    }

    // ---- Placing ----

    [Fact]
    public void Place_OpenGroup_CreatesInvitedMembership()
    {
        var group = Build.RecruitingGroup();
        var referralId = Guid.NewGuid();

        var membership = group.Place(referralId, Build.Now);

        membership.Status.ShouldBe(MembershipStatus.Invited);
        membership.GroupId.ShouldBe(group.Id);
        membership.ReferralId.ShouldBe(referralId);
        membership.PlacedAt.ShouldBe(Build.Now);
        membership.ParticipantId.ShouldBeNull();
        membership.Pseudonym.ShouldBeNull();
        group.Memberships.ShouldBe([membership]);
        group.OpenPlaces.ShouldBe(1);
    }

    [Fact]
    public void Place_ClosedGroup_ThrowsClosed()
    {
        var group = Build.RecruitingGroup();
        group.Close(Build.Now);

        DomainAssert.Throws(() => group.Place(Guid.NewGuid(), Build.Now), "group.closed");
        group.Memberships.ShouldBeEmpty();
    }

    [Fact]
    public void Place_FullGroup_ThrowsFull()
    {
        var group = Build.RecruitingGroup(minimum: 1, maximum: 2);
        group.Place(Guid.NewGuid(), Build.Now);
        group.Place(Guid.NewGuid(), Build.Now);
        group.IsFull.ShouldBeTrue();

        DomainAssert.Throws(() => group.Place(Guid.NewGuid(), Build.Now), "group.full");
        group.Memberships.Count.ShouldBe(2);
    }

    [Fact]
    public void Place_AfterAWithdrawalInFullGroup_IsAccepted()
    {
        var group = Build.RecruitingGroup(minimum: 1, maximum: 2);
        group.Place(Guid.NewGuid(), Build.Now).Withdraw(WithdrawalReason.Other, Build.Now);
        group.Place(Guid.NewGuid(), Build.Now);

        group.Place(Guid.NewGuid(), Build.Now);

        group.OpenPlaces.ShouldBe(2);
        group.Memberships.Count.ShouldBe(3);
    }

    [Fact]
    public void Place_SameReferralWhileOpen_ThrowsDuplicate()
    {
        var group = Build.RecruitingGroup();
        var referralId = Guid.NewGuid();
        group.Place(referralId, Build.Now);

        DomainAssert.Throws(() => group.Place(referralId, Build.Now), "group.membership.duplicate");
        group.Memberships.Count.ShouldBe(1);
    }

    [Fact]
    public void Place_SameReferralWhileActive_ThrowsDuplicate()
    {
        var group = Build.RecruitingGroup();
        var membership = Build.JoinedMember(group, "Zonnebloem");
        membership.MarkAttended(Build.Now);

        DomainAssert.Throws(() => group.Place(membership.ReferralId, Build.Now), "group.membership.duplicate");
    }

    [Fact]
    public void Place_SameReferralAfterWithdrawal_IsAccepted()
    {
        var group = Build.RecruitingGroup();
        var referralId = Guid.NewGuid();
        var first = group.Place(referralId, Build.Now);
        first.Withdraw(WithdrawalReason.PracticalReasons, Build.Now);

        var second = group.Place(referralId, Build.Now.AddDays(1));

        second.Id.ShouldNotBe(first.Id);
        second.Status.ShouldBe(MembershipStatus.Invited);
        group.Memberships.Count(m => m.ReferralId == referralId).ShouldBe(2);
    }

    // ---- Joining and pseudonyms ----

    [Fact]
    public void Join_InvitedMembership_StoresNormalisedPseudonym()
    {
        var group = Build.RecruitingGroup();
        var membership = group.Place(Guid.NewGuid(), Build.Now);
        var joinedAt = Build.Now.AddDays(2);

        group.Join(membership.Id, "participant-1", "  Zon   Bloem ", joinedAt);

        membership.Status.ShouldBe(MembershipStatus.Joined);
        membership.Pseudonym.ShouldBe("Zon Bloem");
        membership.PseudonymSkeleton.ShouldBe("zonbloem");
        membership.ParticipantId.ShouldBe("participant-1");
        membership.JoinedAt.ShouldBe(joinedAt);
        membership.IsMember.ShouldBeTrue();
    }

    [Theory]
    [InlineData("Anna")]
    [InlineData("anna")]
    [InlineData("\u0410nna")] // Cyrillic capital A
    [InlineData("\u00C1nna")] // Á
    [InlineData(" A n n a ")]
    public void Join_LookAlikeOfTakenPseudonym_ThrowsTaken(string pseudonym)
    {
        var group = Build.RecruitingGroup();
        Build.JoinedMember(group, "Anna");
        var membership = group.Place(Guid.NewGuid(), Build.Now);

        DomainAssert.Throws(() => group.Join(membership.Id, "participant-2", pseudonym, Build.Now), "pseudonym.taken");

        membership.Status.ShouldBe(MembershipStatus.Invited);
        membership.Pseudonym.ShouldBeNull();
        group.IsPseudonymFree(pseudonym).ShouldBeFalse();
    }

    [Fact]
    public void Join_PseudonymOfWithdrawnMember_IsFree()
    {
        var group = Build.RecruitingGroup();
        Build.JoinedMember(group, "Anna").Withdraw(WithdrawalReason.Other, Build.Now);
        var membership = group.Place(Guid.NewGuid(), Build.Now);

        group.Join(membership.Id, "participant-2", "Anna", Build.Now);

        membership.Pseudonym.ShouldBe("Anna");
    }

    [Fact]
    public void Join_SamePseudonymInAnotherGroup_IsAccepted()
    {
        var first = Build.RecruitingGroup();
        var second = Build.RecruitingGroup();
        Build.JoinedMember(first, "Anna");

        Build.JoinedMember(second, "Anna").Pseudonym.ShouldBe("Anna");
    }

    [Theory]
    [InlineData("anna@example.be", "pseudonym.email")]
    [InlineData("0475 12 34 56", "pseudonym.phone")]
    [InlineData("A", "pseudonym.too-short")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcde", "pseudonym.too-long")]
    [InlineData("\U0001F33B", "pseudonym.too-short")]
    public void Join_InvalidPseudonym_ThrowsAndStaysInvited(string pseudonym, string code)
    {
        var group = Build.RecruitingGroup();
        var membership = group.Place(Guid.NewGuid(), Build.Now);

        DomainAssert.Throws(() => group.Join(membership.Id, "participant-1", pseudonym, Build.Now), code);

        membership.Status.ShouldBe(MembershipStatus.Invited);
        membership.ParticipantId.ShouldBeNull();
    }

    [Fact]
    public void Join_TwoEmojis_CountAsTwoCharacters()
    {
        var group = Build.RecruitingGroup();
        var membership = group.Place(Guid.NewGuid(), Build.Now);

        group.Join(membership.Id, "participant-1", "\U0001F33B\U0001F33B", Build.Now);

        membership.Pseudonym.ShouldBe("\U0001F33B\U0001F33B");
    }

    [Fact]
    public void Join_Twice_ThrowsTransition()
    {
        var group = Build.RecruitingGroup();
        var membership = Build.JoinedMember(group, "Zonnebloem");

        DomainAssert.Throws(() => group.Join(membership.Id, "participant-9", "Klaproos", Build.Now), "membership.transition");
        membership.Pseudonym.ShouldBe("Zonnebloem");
    }

    [Fact]
    public void Join_WithdrawnMembership_ThrowsTransition()
    {
        var group = Build.RecruitingGroup();
        var membership = group.Place(Guid.NewGuid(), Build.Now);
        membership.Withdraw(WithdrawalReason.Other, Build.Now);

        DomainAssert.Throws(() => group.Join(membership.Id, "participant-1", "Zonnebloem", Build.Now), "membership.transition");
    }

    [Fact]
    public void Join_AccountAlreadyInTheGroup_ThrowsDuplicate()
    {
        var group = Build.RecruitingGroup();
        var first = group.Place(Guid.NewGuid(), Build.Now);
        group.Join(first.Id, "participant-1", "Zonnebloem", Build.Now);
        var second = group.Place(Guid.NewGuid(), Build.Now);

        DomainAssert.Throws(() => group.Join(second.Id, "participant-1", "Klaproos", Build.Now), "group.membership.duplicate");
        second.Status.ShouldBe(MembershipStatus.Invited);
    }

    [Fact]
    public void Join_UnknownMembership_ThrowsUnknown()
    {
        DomainAssert.Throws(() => Build.RecruitingGroup().Join(Guid.NewGuid(), "participant-1", "Zonnebloem", Build.Now), "group.membership.unknown");
    }

    [Fact]
    public void Join_WithoutAccount_ThrowsParticipantRequired()
    {
        var group = Build.RecruitingGroup();
        var membership = group.Place(Guid.NewGuid(), Build.Now);

        DomainAssert.Throws(() => group.Join(membership.Id, "", "Zonnebloem", Build.Now), "membership.participant.required");
        membership.Status.ShouldBe(MembershipStatus.Invited);
    }

    [Fact]
    public void Join_ClosedGroup_ThrowsClosed()
    {
        var group = Build.RecruitingGroup();
        var membership = group.Place(Guid.NewGuid(), Build.Now);
        group.Close(Build.Now);

        DomainAssert.Throws(() => group.Join(membership.Id, "participant-1", "Zonnebloem", Build.Now), "group.closed");
    }

    [Fact]
    public void RenameMember_ToOwnNameInOtherCase_IsAccepted()
    {
        var group = Build.RecruitingGroup();
        var membership = Build.JoinedMember(group, "zonnebloem");

        group.RenameMember(membership.Id, "Zonnebloem");

        membership.Pseudonym.ShouldBe("Zonnebloem");
        group.IsPseudonymFree("ZONNEBLOEM", membership.Id).ShouldBeTrue();
        group.IsPseudonymFree("ZONNEBLOEM").ShouldBeFalse();
    }

    [Fact]
    public void RenameMember_ToTakenName_ThrowsTaken()
    {
        var group = Build.RecruitingGroup();
        Build.JoinedMember(group, "Anna");
        var membership = Build.JoinedMember(group, "Zonnebloem");

        DomainAssert.Throws(() => group.RenameMember(membership.Id, "\u0410NNA"), "pseudonym.taken");
        membership.Pseudonym.ShouldBe("Zonnebloem");
    }

    [Fact]
    public void RenameMember_Invited_ThrowsNotMember()
    {
        var group = Build.RecruitingGroup();
        var membership = group.Place(Guid.NewGuid(), Build.Now);

        DomainAssert.Throws(() => group.RenameMember(membership.Id, "Zonnebloem"), "membership.not-member");
    }

    // ---- Meetings of a closed group ----

    [Fact]
    public void ScheduleMeeting_ClosedGroup_ThrowsClosed()
    {
        var group = Build.RunningGroup();
        group.Close(Build.Now);

        DomainAssert.Throws(() => group.ScheduleMeeting(new DateTime(2026, 2, 3, 19, 0, 0), 120, null, Build.Now), "group.closed");
    }

    [Fact]
    public void PlanSeries_ClosedGroup_ThrowsClosed()
    {
        var group = Build.RunningGroup();
        group.Close(Build.Now);

        DomainAssert.Throws(() => group.PlanSeries(Build.Weekly(new DateOnly(2026, 2, 3), new TimeOnly(19, 0), count: 4), Build.Now), "group.closed");
    }

    [Fact]
    public void ScheduleMeeting_OpenGroup_BelongsToTheGroup()
    {
        var group = Build.RecruitingGroup();

        var meeting = group.ScheduleMeeting(new DateTime(2026, 2, 3, 19, 0, 0), 120, "Kennismaking", Build.Now);

        meeting.GroupId.ShouldBe(group.Id);
        meeting.SeriesId.ShouldBeNull();
        meeting.Theme.ShouldBe("Kennismaking");
        meeting.Status.ShouldBe(MeetingStatus.Scheduled);
    }
}
