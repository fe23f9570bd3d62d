using System.Security.Claims;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Notes;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Infrastructure.Protection;
using Microsoft.EntityFrameworkCore;

namespace Lotgenoten.Web.Tests.Features.Notes;

/// <summary>
/// Two groups with their facilitators, members and a held meeting each, for the notes and safeguarding tests:
/// "Partners Gent" (Pieter and Sarah; members Zonnebloem and Regenboog) and "Ouders Brugge" (Jan).
/// </summary>
public sealed class NotesWorld
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 20, 45, 0, TimeSpan.Zero); // a Tuesday, 21:45 in Brussels

    public const string PieterOid = "pieter-oid";
    public const string SarahOid = "sarah-oid";
    public const string JanOid = "jan-oid";
    public const string CoordinatorOid = "coordinator-oid";
    public const string CounsellorOid = "counsellor-oid";

    public Guid GroupId { get; private set; }

    public Guid OtherGroupId { get; private set; }

    public Guid MeetingId { get; private set; }

    public Guid OtherMeetingId { get; private set; }

    public Guid ZonnebloemId { get; private set; }

    public Guid RegenboogId { get; private set; }

    public Guid PieterStaffId { get; private set; }

    public static ClaimsPrincipal Pieter => Staff(PieterOid, "Pieter Begeleider", AppRoles.Facilitator);

    public static ClaimsPrincipal Sarah => Staff(SarahOid, "Sarah Begeleider", AppRoles.Facilitator);

    /// <summary>Facilitates only the other group.</summary>
    public static ClaimsPrincipal Jan => Staff(JanOid, "Jan Begeleider", AppRoles.Facilitator);

    public static ClaimsPrincipal Coordinator => Staff(CoordinatorOid, "Hilde Coördinator", AppRoles.Coordinator);

    public static ClaimsPrincipal Counsellor => Staff(CounsellorOid, "Jonas Hulplijn", AppRoles.Counsellor);

    /// <summary>A signed-in relative (participant cookie: Identity's claim types).</summary>
    public static ClaimsPrincipal Participant => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, "participant-1"), new Claim(ClaimTypes.Name, "zonnebloem"), new Claim(ClaimTypes.Role, AppRoles.Participant)],
        "Identity.Application"));

    public static ClaimsPrincipal Anonymous => new(new ClaimsIdentity());

    public static ClaimsPrincipal Staff(string oid, string name, params string[] roles) =>
        new(new ClaimsIdentity(
            [new Claim("oid", oid), new Claim("name", name), .. roles.Select(r => new Claim("roles", r))], "test", "name", "roles"));

    public async Task SeedAsync(LotgenotenDbContext db, CancellationToken ct)
    {
        var created = Now.AddDays(-60);
        var pieter = StaffMember.Create(PieterOid, "Pieter Begeleider", created);
        var sarah = StaffMember.Create(SarahOid, "Sarah Begeleider", created);
        var jan = StaffMember.Create(JanOid, "Jan Begeleider", created);
        var hilde = StaffMember.Create(CoordinatorOid, "Hilde Coördinator", created);
        db.AddRange(pieter, sarah, jan, hilde);
        PieterStaffId = pieter.Id;

        var gent = NewGroup("Partners Gent", created, pieter.Id, sarah.Id);
        var brugge = NewGroup("Ouders Brugge", created, jan.Id);
        db.AddRange(gent, brugge);
        GroupId = gent.Id;
        OtherGroupId = brugge.Id;

        ZonnebloemId = AddMember(db, gent, "Zonnebloem", created);
        RegenboogId = AddMember(db, gent, "Regenboog", created);
        AddMember(db, brugge, "Vlinder", created);

        var meeting = gent.ScheduleMeeting(new DateTime(2026, 11, 24, 19, 0, 0), 120, "Grenzen stellen", created);
        var other = brugge.ScheduleMeeting(new DateTime(2026, 11, 24, 19, 0, 0), 120, null, created);
        db.AddRange(meeting, other);
        MeetingId = meeting.Id;
        OtherMeetingId = other.Id;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Stores a note as the app does (text protected with the note purpose), without any audit event.</summary>
    public static async Task<Guid> AddNoteAsync(
        LotgenotenDbContext db, IFieldProtector protector, Guid groupId, Guid meetingId, Guid? membershipId, string text, CancellationToken ct)
    {
        var ciphertext = protector.Protect(ProtectionPurposes.NoteText, text);
        var note = membershipId is { } member
            ? FacilitatorNote.MemberNote(groupId, member, meetingId, ciphertext, PieterOid, Now.AddMinutes(-30))
            : FacilitatorNote.SessionNote(groupId, meetingId, ciphertext, PieterOid, Now.AddMinutes(-30));
        note.Finish(Now.AddMinutes(-29));
        db.Add(note);
        await db.SaveChangesAsync(ct);
        return note.Id;
    }

    private static PeerGroup NewGroup(string name, DateTimeOffset now, params Guid[] facilitators)
    {
        var group = PeerGroup.Create(
            new PeerGroupDetails(name, GroupAudience.Partners, Language.Nl, GroupFormat.InPerson, Region.EastFlanders, "Kouter 1, 9000 Gent", null, 2, 10), now);
        foreach (var facilitator in facilitators)
        {
            group.AssignFacilitator(facilitator, now);
        }

        group.StartRecruiting();
        return group;
    }

    private static Guid AddMember(LotgenotenDbContext db, PeerGroup group, string pseudonym, DateTimeOffset now)
    {
        var referral = Referral.Register(
            new ReferralDetails(new DateOnly(2026, 9, 1), ReferralChannel.Phone, Relation.Partner, Concern.Unknown, Language.Nl, Region.EastFlanders,
                FormatPreference.Either, WeeklyAvailability.None, ContactPreference.Code, true, "2026-01", null),
            CounsellorOid, now);
        db.Add(referral);
        var membership = group.Place(referral.Id, now);
        var participant = new ParticipantUser { Id = Guid.NewGuid().ToString(), UserName = pseudonym.ToLowerInvariant() };
        db.Users.Add(participant);
        group.Join(membership.Id, participant.Id, pseudonym, now.AddDays(1));
        return membership.Id;
    }
}
