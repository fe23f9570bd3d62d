using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Invitations;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Protection;

namespace Lotgenoten.Infrastructure.Demo;

/// <summary>
/// Today's waiting list, fixed (no randomness) so that the demo always shows the same picture: every relation, concern,
/// language and format, several regions, waits from a few days to well past the 60-day warning (three of them within a
/// week of it), new referrals whose intake is still to plan, planned intakes (one tomorrow), a few relatives invited
/// to a group whose invitation is still open, and a likely duplicate (two open referrals with one e-mail address).
/// </summary>
public sealed partial class DemoDataSeeder
{
    /// <summary>The helpline system's actor name on the demo referral it registered through the API.</summary>
    public const string DemoApiActor = "api:helpline";

    private enum DemoStage
    {
        Received,
        IntakePlanned,
        Waiting,
        Invited,
    }

    private sealed record DemoReferral(
        int DaysAgo, DemoStage Stage, Relation Relation, Concern Concern, Language Language, Region Region, FormatPreference Format,
        int AvailabilityMask, string? Email = null, int? RemarkIndex = null, int? IntakeInDays = null, int IntakeHour = 14,
        string Counsellor = "counsellor", string? PlaceIn = null, int PlacedDaysAgo = 0);

    private const int TueThuEvening = (1 << ((1 * 3) + 2)) | (1 << ((3 * 3) + 2));
    private const int AllEvenings = (1 << 2) | (1 << 5) | (1 << 8) | (1 << 11) | (1 << 14) | (1 << 17) | (1 << 20);
    private const int WeekdayMornings = (1 << 0) | (1 << 3) | (1 << 6) | (1 << 9) | (1 << 12);
    private const int MonWedAfternoonFriMorning = (1 << 1) | (1 << 7) | (1 << 12);
    private const int Weekend = (1 << 18) | (1 << 19) | (1 << 20) | (1 << 15) | (1 << 16);

    private static readonly DemoReferral[] WaitingList =
    [
        // The waiting list proper: from four days to far past the warning.
        new(4, DemoStage.Waiting, Relation.Friend, Concern.Unknown, Language.Nl, Region.Antwerp, FormatPreference.Either, TueThuEvening),
        new(9, DemoStage.Waiting, Relation.Partner, Concern.AbuseImages, Language.Nl, Region.EastFlanders, FormatPreference.InPerson, AllEvenings, "wachtend-1@example.org"),
        new(16, DemoStage.Waiting, Relation.Parent, Concern.HandsOnOffence, Language.Nl, Region.Limburg, FormatPreference.Online, WeekdayMornings, RemarkIndex: 1),
        new(23, DemoStage.Waiting, Relation.ExPartner, Concern.SexualFeelingsNoOffence, Language.Fr, Region.Brussels, FormatPreference.Either, AllEvenings, "attente-1@example.org"),
        new(31, DemoStage.Waiting, Relation.AdultChild, Concern.AbuseImages, Language.En, Region.OnlineOnly, FormatPreference.Online, Weekend),
        new(38, DemoStage.Waiting, Relation.Sibling, Concern.Unknown, Language.Nl, Region.WestFlanders, FormatPreference.InPerson, TueThuEvening, "wachtend-2@example.org"),
        new(45, DemoStage.Waiting, Relation.OtherFamily, Concern.HandsOnOffence, Language.Nl, Region.FlemishBrabant, FormatPreference.Either, MonWedAfternoonFriMorning),
        new(53, DemoStage.Waiting, Relation.Partner, Concern.AbuseImages, Language.Nl, Region.Antwerp, FormatPreference.InPerson, TueThuEvening | WeekdayMornings, RemarkIndex: 2),
        new(56, DemoStage.Waiting, Relation.Other, Concern.SexualFeelingsNoOffence, Language.Fr, Region.Hainaut, FormatPreference.InPerson, AllEvenings),
        new(59, DemoStage.Waiting, Relation.Parent, Concern.AbuseImages, Language.Nl, Region.EastFlanders, FormatPreference.Either, TueThuEvening, "wachtend-3@example.org"),
        new(61, DemoStage.Waiting, Relation.Partner, Concern.HandsOnOffence, Language.Nl, Region.Limburg, FormatPreference.InPerson, AllEvenings, Counsellor: "coordinator"),
        new(74, DemoStage.Waiting, Relation.Friend, Concern.AbuseImages, Language.En, Region.Brussels, FormatPreference.Online, Weekend, "waiting-1@example.org"),
        new(88, DemoStage.Waiting, Relation.Sibling, Concern.SexualFeelingsNoOffence, Language.Fr, Region.Liege, FormatPreference.Either, MonWedAfternoonFriMorning, RemarkIndex: 3),
        new(112, DemoStage.Waiting, Relation.ExPartner, Concern.Unknown, Language.Nl, Region.WestFlanders, FormatPreference.Online, AllEvenings, Counsellor: DemoApiActor),

        // New referrals: the intake is still to plan.
        new(0, DemoStage.Received, Relation.Partner, Concern.AbuseImages, Language.Nl, Region.Antwerp, FormatPreference.Either, TueThuEvening, "nieuw-1@example.org", RemarkIndex: 0),
        new(1, DemoStage.Received, Relation.Parent, Concern.Unknown, Language.Fr, Region.Namur, FormatPreference.Online, AllEvenings),
        new(2, DemoStage.Received, Relation.AdultChild, Concern.HandsOnOffence, Language.Nl, Region.FlemishBrabant, FormatPreference.InPerson, WeekdayMornings, Counsellor: DemoApiActor),

        // Planned intakes: one tomorrow; one relative gave the same address as someone already waiting (a likely duplicate).
        new(3, DemoStage.IntakePlanned, Relation.Partner, Concern.SexualFeelingsNoOffence, Language.Nl, Region.EastFlanders, FormatPreference.Either, AllEvenings, IntakeInDays: 1),
        new(6, DemoStage.IntakePlanned, Relation.OtherFamily, Concern.AbuseImages, Language.Nl, Region.Limburg, FormatPreference.Online, TueThuEvening, "wachtend-2@example.org", IntakeInDays: 3, IntakeHour: 10),
        new(12, DemoStage.IntakePlanned, Relation.Friend, Concern.HandsOnOffence, Language.En, Region.Brussels, FormatPreference.Either, Weekend, IntakeInDays: 5, IntakeHour: 19),

        // Invited to a group, invitation still open.
        new(40, DemoStage.Invited, Relation.Parent, Concern.AbuseImages, Language.Nl, Region.Antwerp, FormatPreference.Online, AllEvenings, "uitgenodigd-1@example.org", PlaceIn: "Ouders online (woensdag)", PlacedDaysAgo: 3),
        new(64, DemoStage.Invited, Relation.Parent, Concern.HandsOnOffence, Language.Nl, Region.OnlineOnly, FormatPreference.Either, AllEvenings, PlaceIn: "Ouders online (woensdag)", PlacedDaysAgo: 1),
        new(50, DemoStage.Invited, Relation.Sibling, Concern.Unknown, Language.Fr, Region.Brussels, FormatPreference.InPerson, TueThuEvening, PlaceIn: "Groupe de parole Bruxelles", PlacedDaysAgo: 2),
    ];

    /// <summary>Adds today's fixed waiting list (after the years of history, so that nothing here is placed or closed by it).</summary>
    private void CreateWaitingList()
    {
        var coordinator = Actor("coordinator");
        foreach (var demo in WaitingList)
        {
            var receivedOn = _today.AddDays(-demo.DaysAgo);
            var registeredAt = At(receivedOn, 10);
            var registeredBy = demo.Counsellor.StartsWith("api:", StringComparison.Ordinal) ? demo.Counsellor : Actor(demo.Counsellor);
            var referral = Referral.Register(
                new ReferralDetails(
                    receivedOn,
                    demo.Counsellor == DemoApiActor ? ReferralChannel.Website : ReferralChannel.Phone,
                    demo.Relation,
                    demo.Concern,
                    demo.Language,
                    demo.Region,
                    demo.Format,
                    new WeeklyAvailability(demo.AvailabilityMask),
                    demo.Email is null ? ContactPreference.Code : ContactPreference.Email,
                    ConsentGiven: true,
                    PrivacyNoticeVersion: "2026-01",
                    CounsellorRemark: demo.RemarkIndex is { } remark ? Remarks[remark] : null),
                registeredBy,
                registeredAt < _now ? registeredAt : _now);
            if (demo.Email is { } address)
            {
                referral.SetEmail(
                    _protector.Protect(ProtectionPurposes.ReferralEmail, address),
                    _protector.BlindIndex(ProtectionPurposes.ReferralEmail, address));
            }

            _audit.Add(AuditEvent.Record(registeredBy, AuditKind.ReferralRegistered, "Referral", referral.Id.ToString(), referral.RegisteredAt));
            if (demo.Stage == DemoStage.IntakePlanned)
            {
                referral.PlanIntake(At(_today.AddDays(demo.IntakeInDays ?? 1), demo.IntakeHour), coordinator, At(receivedOn.AddDays(1), 11),
                    _staff["coordinator"].Id);
            }
            else if (demo.Stage is DemoStage.Waiting or DemoStage.Invited)
            {
                // The intake a couple of days after the referral (a week or so for the older ones), held by the coordinator.
                var intakeOn = receivedOn.AddDays(Math.Clamp(demo.DaysAgo / 4, 2, 8));
                referral.PlanIntake(At(intakeOn, 14), coordinator, At(receivedOn.AddDays(1), 11), _staff["coordinator"].Id);
                referral.RecordIntake(suitable: true, intakeOn, coordinator, At(intakeOn, 16));
                referral.PutOnWaitingList(coordinator, At(intakeOn, 16, 5));
            }

            if (demo.PlaceIn is { } groupName)
            {
                PlaceForDemo(referral, _groups.First(g => g.Name == groupName), _today.AddDays(-demo.PlacedDaysAgo),
                    demo.Email is null ? InvitationDelivery.Handover : InvitationDelivery.Email);
            }

            _referrals.Add(referral);
        }
    }

    /// <summary>Places a waiting referral in a group with an open invitation (as the placement service would).</summary>
    private void PlaceForDemo(Referral referral, PeerGroup group, DateOnly placedOn, InvitationDelivery delivery)
    {
        var coordinator = Actor("coordinator");
        var placedAt = At(placedOn, 9, 30);
        var membership = group.Place(referral.Id, placedAt);
        referral.MarkInvited(group.Id, coordinator, placedAt);
        var invitation = Invitation.Create(
            referral.Id, group.Id, membership.Id, HashOfRandomCode(), HashOfRandomCode(), delivery, coordinator, placedAt);
        _invitations.Add(invitation);
        _audit.Add(AuditEvent.Record(coordinator, AuditKind.ReferralPlaced, "Referral", referral.Id.ToString(), placedAt, group.Id));
        _audit.Add(AuditEvent.Record(coordinator, AuditKind.InvitationSent, "Invitation", invitation.Id.ToString(), placedAt, group.Id));
    }
}
