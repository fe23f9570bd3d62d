namespace Lotgenoten.Infrastructure.Demo;

/// <summary>A demo user that the development sign-in can act as.</summary>
/// <param name="Key">The value of <c>?user=</c> on <c>/dev/signin</c>.</param>
/// <param name="ObjectId">The stable id (the Entra <c>oid</c> claim for staff; the Identity user id for participants).</param>
/// <param name="DisplayName">Shown in the app bar.</param>
/// <param name="Roles">App roles (staff) or <c>Participant</c>.</param>
public sealed record DemoUser(string Key, string ObjectId, string DisplayName, IReadOnlyList<string> Roles)
{
    /// <summary>True for the relative (Identity account), false for staff (Entra-style claims).</summary>
    public bool IsParticipant => Roles.Contains(AppRoles.Participant);
}

/// <summary>The app's roles: the three staff app roles of the Entra registration, and participants.</summary>
public static class AppRoles
{
    public const string Coordinator = "Coordinator";
    public const string Facilitator = "Facilitator";
    public const string Counsellor = "Counsellor";
    public const string Participant = "Participant";

    /// <summary>Any staff role.</summary>
    public static readonly IReadOnlyList<string> Staff = [Coordinator, Facilitator, Counsellor];
}

/// <summary>The demo staff and participant that demo data and the development sign-in share.</summary>
public static class DemoUsers
{
    /// <summary>The demo participant's login name; the README gives the passphrase.</summary>
    public const string ParticipantUserName = "zonnebloem";

    /// <summary>The demo participant's passphrase (demo data only, Development only).</summary>
    public const string ParticipantPassphrase = "zonnige-dinsdag-2026";

    public static readonly DemoUser Coordinator =
        new("coordinator", "7a1c4c7e-0c1d-4b6f-9a51-6b0a3c9e0001", "Hilde Coördinator", [AppRoles.Coordinator]);

    public static readonly DemoUser Facilitator =
        new("facilitator", "7a1c4c7e-0c1d-4b6f-9a51-6b0a3c9e0002", "Pieter Begeleider", [AppRoles.Facilitator]);

    public static readonly DemoUser SecondFacilitator =
        new("facilitator2", "7a1c4c7e-0c1d-4b6f-9a51-6b0a3c9e0003", "Sarah Begeleider", [AppRoles.Facilitator]);

    public static readonly DemoUser Counsellor =
        new("counsellor", "7a1c4c7e-0c1d-4b6f-9a51-6b0a3c9e0004", "Jonas Hulplijn", [AppRoles.Counsellor]);

    public static readonly DemoUser CoordinatorAndFacilitator =
        new("lead", "7a1c4c7e-0c1d-4b6f-9a51-6b0a3c9e0005", "An Coördinator-Begeleider", [AppRoles.Coordinator, AppRoles.Facilitator]);

    public static readonly DemoUser Participant =
        new("participant", "5d1e0f2a-8c3b-4e6d-b7a9-0f1e2d3c0001", "Zonnebloem", [AppRoles.Participant]);

    public static readonly IReadOnlyList<DemoUser> All =
        [Coordinator, Facilitator, SecondFacilitator, Counsellor, CoordinatorAndFacilitator, Participant];

    public static DemoUser? Find(string? key) =>
        All.FirstOrDefault(u => string.Equals(u.Key, key, StringComparison.OrdinalIgnoreCase));
}
