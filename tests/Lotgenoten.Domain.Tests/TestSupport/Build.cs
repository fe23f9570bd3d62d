using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Referrals;

namespace Lotgenoten.Domain.Tests.TestSupport;

/// <summary>Valid domain objects to start a test from; each test changes only what it is about.</summary>
internal static class Build
{
    /// <summary>A Monday morning in winter (Brussels = UTC+1): 2026-01-05 10:00 local.</summary>
    public static readonly DateTimeOffset Now = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public const string Actor = "staff-0001";

    public static ReferralDetails ReferralDetails(
        DateOnly? receivedOn = null,
        bool consent = true,
        string? noticeVersion = "2026-01",
        string? remark = null,
        ContactPreference contact = ContactPreference.Email) =>
        new(
            receivedOn ?? new DateOnly(2025, 12, 15),
            ReferralChannel.Phone,
            Relation.Partner,
            Concern.AbuseImages,
            Language.Nl,
            Region.Antwerp,
            FormatPreference.Either,
            WeeklyAvailability.Of([new AvailabilitySlot(DayOfWeek.Tuesday, DayPart.Evening)]),
            contact,
            consent,
            noticeVersion,
            remark);

    public static Referral Referral(DateTimeOffset? now = null, DateOnly? receivedOn = null) =>
        Domain.Referrals.Referral.Register(ReferralDetails(receivedOn), Actor, now ?? Now);

    /// <summary>A referral walked along the lifecycle to <paramref name="status"/>, one hour per step after <see cref="Now"/>.</summary>
    public static Referral ReferralIn(ReferralStatus status)
    {
        var r = Referral();
        var t = Now;
        DateTimeOffset Next() => t = t.AddHours(1);
        var heldOn = BrusselsTime.Today(Now);
        switch (status)
        {
            case ReferralStatus.Received:
                return r;
            case ReferralStatus.Withdrawn:
                r.Withdraw(WithdrawalReason.Other, Actor, Next());
                return r;
            case ReferralStatus.Unreachable:
                r.MarkUnreachable(Actor, Next());
                return r;
            case ReferralStatus.Declined:
                r.PlanIntake(Now.AddDays(1), Actor, Next());
                r.RecordIntake(false, heldOn, Actor, Next());
                return r;
        }

        Action[] steps =
        [
            () => r.PlanIntake(Now.AddDays(1), Actor, Next()),
            () => r.RecordIntake(true, heldOn, Actor, Next()),
            () => r.PutOnWaitingList(Actor, Next()),
            () => r.MarkInvited(Guid.NewGuid(), Actor, Next()),
            () => r.MarkJoined(Actor, Next()),
            () => r.MarkActive(Actor, Next()),
            () => r.Complete(Actor, Next()),
        ];
        foreach (var step in steps)
        {
            if (r.Status == status)
            {
                break;
            }

            step();
        }

        return r;
    }

    public static PeerGroupDetails GroupDetails(
        int minimum = 3,
        int maximum = 10,
        GroupFormat format = GroupFormat.InPerson,
        string? address = "Kerkstraat 1\n2000 Antwerpen",
        string? link = null,
        string name = "Partners Antwerpen 2026") =>
        new(name, GroupAudience.Partners, Language.Nl, format, Region.Antwerp, address, link, minimum, maximum);

    public static PeerGroup Group(int minimum = 3, int maximum = 10) =>
        PeerGroup.Create(GroupDetails(minimum, maximum), Now);

    public static PeerGroup RecruitingGroup(int minimum = 2, int maximum = 10)
    {
        var group = Group(minimum, maximum);
        group.AssignFacilitator(Guid.NewGuid(), Now);
        group.StartRecruiting();
        return group;
    }

    /// <summary>Places a new referral and lets it join under <paramref name="pseudonym"/>.</summary>
    public static Membership JoinedMember(PeerGroup group, string pseudonym, DateTimeOffset? at = null)
    {
        var when = at ?? Now;
        var membership = group.Place(Guid.NewGuid(), when);
        group.Join(membership.Id, "participant-" + Guid.NewGuid().ToString("N"), pseudonym, when);
        return membership;
    }

    public static PeerGroup RunningGroup(params string[] pseudonyms)
    {
        var group = RecruitingGroup(minimum: 1);
        foreach (var p in pseudonyms.Length == 0 ? ["Zonnebloem"] : pseudonyms)
        {
            JoinedMember(group, p);
        }

        group.Start(Now);
        return group;
    }

    public static Meeting Meeting(PeerGroup group, DateTime startLocal, int durationMinutes = 120, DateTimeOffset? now = null) =>
        group.ScheduleMeeting(startLocal, durationMinutes, null, now ?? Now);

    public static SeriesPlan Weekly(DateOnly first, TimeOnly time, int? count = null, DateOnly? until = null, DateOnly[]? skipped = null) =>
        new(RecurrencePattern.Weekly, first, time, 120, count, until, skipped);
}

internal static class DomainAssert
{
    /// <summary>Asserts that <paramref name="action"/> breaks a rule with exactly the code <paramref name="code"/>.</summary>
    public static DomainException Throws(Action action, string code)
    {
        var ex = Should.Throw<DomainException>(action);
        ex.Code.ShouldBe(code);
        return ex;
    }

    public static DomainException Throws(Func<object?> action, string code) => Throws(() => { _ = action(); }, code);
}
