using System.Security.Claims;
using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Web.Tests.Features.Dashboard;

/// <summary>
/// The real app on its own SQLite file with a small world whose dashboard was worked out by hand, on a clock at
/// 29 November 2026 (so "this year" is 1 January – 29 November 2026, compared with 1 January – 29 November 2025).
/// <para>
/// Referrals received in 2026: R1 (10 Jan, partner, abuse images, placed in Alfa, joined, attended), R2 (15 Feb, parent,
/// hands-on offence, placed in Bravo, joined, attended both meetings, completed when Bravo closed), R3 (1 Mar, partner,
/// unknown: waiting), R4 (5 May, sibling, abuse images: declined at intake), R5 (1 Jun, partner, abuse images:
/// unreachable), R6 (10 Jun, friend, sexual feelings: placed in Alfa, withdrawn before joining), R7 (1 Nov, parent,
/// unknown: waiting). Received in 2025: P1 (10 Mar, placed in Alfa, member since April 2025), P3 (20 Jun, received only)
/// and P2 (1 Dec 2025, after the comparison period: waiting). Alfa (capacity 8) is Felix's group; Bravo (capacity 6,
/// closed 1 October 2026) is Fien's.
/// </para>
/// </summary>
public sealed class DashboardWorld : LotgenotenWebFactory, IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    public const string CoordinatorOid = "dash-coordinator";
    public const string FacilitatorOid = "dash-facilitator";
    public const string Facilitator2Oid = "dash-facilitator2";
    public const string LoneFacilitatorOid = "dash-lone-facilitator";
    public const string CounsellorOid = "dash-counsellor";
    public const string FormerOid = "dash-former";
    private const string Staff = "dash-staff";

    public Guid Alfa { get; private set; }

    public Guid Bravo { get; private set; }

    public static ClaimsPrincipal User(string oid, params string[] roles) =>
        new(new ClaimsIdentity(
            [new Claim("oid", oid), new Claim("name", "Test"), .. roles.Select(r => new Claim("roles", r))], "test", "name", "roles"));

    public static ClaimsPrincipal Coordinator => User(CoordinatorOid, AppRoles.Coordinator);

    public static ClaimsPrincipal Facilitator => User(FacilitatorOid, AppRoles.Facilitator);

    public static ClaimsPrincipal Facilitator2 => User(Facilitator2Oid, AppRoles.Facilitator);

    public static ClaimsPrincipal LoneFacilitator => User(LoneFacilitatorOid, AppRoles.Facilitator);

    public IDbContextFactory<LotgenotenDbContext> DbFactory => Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now)));
    }

    public async ValueTask InitializeAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        db.AddRange(Build());
        await db.SaveChangesAsync();
    }

    private static DateTimeOffset At(int year, int month, int day, int hour = 12) => BrusselsTime.ToUtc(new DateTime(year, month, day, hour, 0, 0));

    private List<object> Build()
    {
        var entities = new List<object>();
        var coordinator = StaffMember.Create(CoordinatorOid, "Cora Coördinator", At(2024, 1, 2));
        var felix = StaffMember.Create(FacilitatorOid, "Felix Begeleider", At(2024, 1, 2));
        var fien = StaffMember.Create(Facilitator2Oid, "Fien Begeleider", At(2024, 1, 2));
        var lone = StaffMember.Create(LoneFacilitatorOid, "Lotte Begeleider", At(2024, 1, 2));
        var counsellor = StaffMember.Create(CounsellorOid, "Carl Consulent", At(2024, 1, 2));
        var former = StaffMember.Create(FormerOid, "Oud Collega", At(2024, 1, 2));
        former.Deactivate();
        entities.AddRange([coordinator, felix, fien, lone, counsellor, former]);

        var pseudonyms = 0;
        Referral Receive(DateOnly received, Relation relation, Concern concern, Language language, Region region)
        {
            var referral = Referral.Register(
                new ReferralDetails(received, ReferralChannel.Phone, relation, concern, language, region, FormatPreference.Either,
                    WeeklyAvailability.Of([new(DayOfWeek.Tuesday, DayPart.Evening)]), ContactPreference.Code, true, "2025-01", null),
                Staff, At(received.Year, received.Month, received.Day));
            entities.Add(referral);
            return referral;
        }

        void Intake(Referral referral, DateOnly held, bool suitable = true)
        {
            referral.PlanIntake(At(held.Year, held.Month, held.Day, 10), Staff, At(referral.ReceivedOn.Year, referral.ReceivedOn.Month, referral.ReceivedOn.Day, 13));
            referral.RecordIntake(suitable, held, Staff, At(held.Year, held.Month, held.Day, 11), suitable ? null : DeclineReason.NeedsIndividualSupport);
            if (suitable)
            {
                referral.PutOnWaitingList(Staff, At(held.Year, held.Month, held.Day, 11));
            }
        }

        Membership Place(PeerGroup group, Referral referral, DateTimeOffset at)
        {
            var membership = group.Place(referral.Id, at);
            referral.MarkInvited(group.Id, Staff, at);
            return membership;
        }

        void Join(PeerGroup group, Referral referral, Membership membership, DateTimeOffset at)
        {
            var user = new ParticipantUser { UserName = "u-" + Guid.NewGuid().ToString("N")[..10], Language = "nl" };
            user.NormalizedUserName = user.UserName.ToUpperInvariant();
            entities.Add(user);
            group.Join(membership.Id, user.Id, "Lid " + (char)('A' + pseudonyms++), at);
            referral.MarkJoined(Staff, at);
        }

        PeerGroup NewGroup(string name, int capacity, StaffMember facilitator, DateTimeOffset at)
        {
            var group = PeerGroup.Create(new PeerGroupDetails(name, GroupAudience.MixedRelatives, Language.Nl, GroupFormat.Online, null, null,
                "https://meet.example.org/" + name.ToLowerInvariant(), 1, capacity), at);
            group.AssignFacilitator(facilitator.Id, at);
            entities.Add(group);
            return group;
        }

        Meeting Meet(PeerGroup group, DateOnly on, params (Membership Member, AttendanceStatus Status)[] rows)
        {
            var meeting = group.ScheduleMeeting(on.ToDateTime(new TimeOnly(19, 0)), 120, null, At(on.Year, on.Month, on.Day, 9).AddDays(-7));
            entities.Add(meeting);
            meeting.MarkHeld(meeting.EndsAt);
            foreach (var (member, status) in rows)
            {
                entities.Add(AttendanceRecord.Record(meeting, member, status, Staff, meeting.EndsAt));
            }

            return meeting;
        }

        // 2025: Alfa starts with P1.
        var p1 = Receive(new(2025, 3, 10), Relation.Partner, Concern.AbuseImages, Language.Nl, Region.Antwerp);
        Receive(new(2025, 6, 20), Relation.Parent, Concern.Unknown, Language.Nl, Region.Limburg); // P3
        var p2 = Receive(new(2025, 12, 1), Relation.Partner, Concern.Unknown, Language.Fr, Region.Brussels);
        Intake(p1, new(2025, 3, 20));
        Intake(p2, new(2025, 12, 10));

        var alfa = NewGroup("Alfa", 8, felix, At(2024, 12, 1));
        alfa.StartRecruiting();
        var mp1 = Place(alfa, p1, At(2025, 4, 1));
        Join(alfa, p1, mp1, At(2025, 4, 2));
        alfa.Start(At(2025, 4, 3));
        Meet(alfa, new(2025, 4, 15), (mp1, AttendanceStatus.Present));
        Meet(alfa, new(2025, 5, 13), (mp1, AttendanceStatus.Absent));

        // 2026.
        var r1 = Receive(new(2026, 1, 10), Relation.Partner, Concern.AbuseImages, Language.Nl, Region.Antwerp);
        var r2 = Receive(new(2026, 2, 15), Relation.Parent, Concern.HandsOnOffence, Language.Fr, Region.Brussels);
        var r3 = Receive(new(2026, 3, 1), Relation.Partner, Concern.Unknown, Language.Nl, Region.Antwerp);
        var r4 = Receive(new(2026, 5, 5), Relation.Sibling, Concern.AbuseImages, Language.Nl, Region.Limburg);
        var r5 = Receive(new(2026, 6, 1), Relation.Partner, Concern.AbuseImages, Language.En, Region.OnlineOnly);
        var r6 = Receive(new(2026, 6, 10), Relation.Friend, Concern.SexualFeelingsNoOffence, Language.Nl, Region.Antwerp);
        var r7 = Receive(new(2026, 11, 1), Relation.Parent, Concern.Unknown, Language.Nl, Region.EastFlanders);
        Intake(r1, new(2026, 1, 20));
        Intake(r2, new(2026, 3, 1));
        Intake(r3, new(2026, 3, 10));
        Intake(r4, new(2026, 5, 15), suitable: false);
        r5.MarkUnreachable(Staff, At(2026, 6, 15));
        Intake(r6, new(2026, 6, 20));
        Intake(r7, new(2026, 11, 5));

        var mr1 = Place(alfa, r1, At(2026, 2, 1));
        Join(alfa, r1, mr1, At(2026, 2, 3));
        Meet(alfa, new(2026, 2, 10), (mr1, AttendanceStatus.Present), (mp1, AttendanceStatus.Present));
        Meet(alfa, new(2026, 3, 10), (mr1, AttendanceStatus.Late), (mp1, AttendanceStatus.Absent));
        var cancelled = alfa.ScheduleMeeting(new DateTime(2026, 3, 24, 19, 0, 0), 120, null, At(2026, 3, 1));
        cancelled.Cancel(At(2026, 3, 20));
        entities.Add(cancelled);
        var mr6 = Place(alfa, r6, At(2026, 7, 1));
        mr6.Withdraw(WithdrawalReason.NoLongerNeeded, At(2026, 8, 1));
        r6.Withdraw(WithdrawalReason.NoLongerNeeded, Staff, At(2026, 8, 1));

        var bravo = NewGroup("Bravo", 6, fien, At(2026, 3, 1));
        bravo.StartRecruiting();
        var mr2 = Place(bravo, r2, At(2026, 4, 1));
        Join(bravo, r2, mr2, At(2026, 4, 2));
        bravo.Start(At(2026, 4, 3));
        Meet(bravo, new(2026, 4, 14), (mr2, AttendanceStatus.Present));
        Meet(bravo, new(2026, 4, 28), (mr2, AttendanceStatus.Present));
        bravo.Close(At(2026, 10, 1));

        (Alfa, Bravo) = (alfa.Id, bravo.Id);
        return entities;
    }
}
