namespace Lotgenoten.Domain.Groups;

/// <summary>Who a group is for.</summary>
public enum GroupAudience
{
    Partners,
    Parents,
    MixedRelatives,
    AdultChildren,
}

/// <summary>Where a group meets.</summary>
public enum GroupFormat
{
    InPerson,
    Online,
}

/// <summary>A group's lifecycle: planned, recruiting members, running its meetings, closed.</summary>
public enum GroupStatus
{
    Planned,
    Recruiting,
    Running,
    Closed,
}

/// <summary>A participant's membership of one group.</summary>
public enum MembershipStatus
{
    /// <summary>Placed: an invitation was sent, the account is not created yet.</summary>
    Invited,

    /// <summary>The relative created their pseudonymous account.</summary>
    Joined,

    /// <summary>Attended at least one meeting.</summary>
    Active,

    /// <summary>Was a member when the group closed.</summary>
    Completed,

    /// <summary>Left, or the invitation was withdrawn.</summary>
    Withdrawn,
}
