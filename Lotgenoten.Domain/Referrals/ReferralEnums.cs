namespace Lotgenoten.Domain.Referrals;

/// <summary>How the referral reached the helpline.</summary>
public enum ReferralChannel
{
    Phone,
    Email,
    Chat,
    Professional,
    Website,
    Other,
}

/// <summary>The relative's relation to the person of concern.</summary>
public enum Relation
{
    Partner,
    ExPartner,
    Parent,
    AdultChild,
    Sibling,
    OtherFamily,
    Friend,
    Other,
}

/// <summary>What the relative is worried about in the person of concern.</summary>
public enum Concern
{
    HandsOnOffence,

    /// <summary>(Potential) downloader of sexual abuse images of minors.</summary>
    AbuseImages,
    SexualFeelingsNoOffence,
    Unknown,
}

/// <summary>Whether the relative wants to meet in person, online, or either.</summary>
public enum FormatPreference
{
    InPerson,
    Online,
    Either,
}

/// <summary>How the relative prefers to receive the invitation.</summary>
public enum ContactPreference
{
    /// <summary>An e-mail with the invitation link.</summary>
    Email,

    /// <summary>A code that the counsellor hands over (by phone or chat); nothing is sent.</summary>
    Code,
}

/// <summary>Why a relative withdrew (a referral or a membership).</summary>
public enum WithdrawalReason
{
    NoLongerNeeded,
    FoundOtherHelp,
    PracticalReasons,
    PrivacyConcerns,
    GroupNotSuitable,
    NoSuitableGroup,
    Other,
}

/// <summary>Why an intake found a group not the right help (for now).</summary>
public enum DeclineReason
{
    /// <summary>Individual support (counselling, therapy) fits better first.</summary>
    NeedsIndividualSupport,

    /// <summary>Not a relative the groups are for.</summary>
    OutsideTargetGroup,

    /// <summary>Not (yet) ready to talk in a group.</summary>
    NotReadyForGroup,

    /// <summary>An acute crisis that needs other help first.</summary>
    Crisis,
    Other,
}

/// <summary>A referral's place in its lifecycle.</summary>
public enum ReferralStatus
{
    Received,
    IntakePlanned,
    IntakeDone,
    Waiting,
    Invited,
    Joined,
    Active,
    Completed,

    /// <summary>Found not suitable at intake.</summary>
    Declined,
    Withdrawn,
    Unreachable,
}
