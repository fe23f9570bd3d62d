using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;

namespace Lotgenoten.Domain.Referrals;

/// <summary>What matching knows of a referral: who they are to the person of concern, and what they can and want.</summary>
public sealed record MatchProfile(
    Relation Relation,
    Language Language,
    Region Region,
    FormatPreference Format,
    WeeklyAvailability Availability);

/// <summary>
/// What matching knows of a group. <see cref="Slots"/> are the weekday × part-of-day slots of its planned meetings
/// (empty when nothing is planned yet); <see cref="FreePlaces"/> is the maximum size minus the open places.
/// </summary>
public sealed record GroupProfile(
    Guid Id,
    string Name,
    GroupAudience Audience,
    Language Language,
    GroupFormat Format,
    Region? Region,
    GroupStatus Status,
    int FreePlaces,
    IReadOnlyCollection<AvailabilitySlot> Slots);

/// <summary>Why a group fits (or does not fit) a referral.</summary>
public enum MatchReasonKind
{
    /// <summary>The group is for exactly this kind of relative.</summary>
    AudienceMatches,

    /// <summary>A group for mixed relatives: it takes everyone, but is less specific.</summary>
    AudienceMixed,

    /// <summary>Hard: the group is for another kind of relative.</summary>
    AudienceDiffers,

    LanguageMatches,

    /// <summary>Hard: the group speaks another language.</summary>
    LanguageDiffers,

    FormatMatches,

    /// <summary>Hard: the relative wants in person and the group is online, or the other way round.</summary>
    FormatDiffers,

    /// <summary>An in-person group in the relative's region.</summary>
    SameRegion,

    /// <summary>An in-person group in another region (or the relative asked for online only).</summary>
    OtherRegion,

    /// <summary>An online group: no travel.</summary>
    OnlineGroup,

    /// <summary>Every planned meeting falls in a slot the relative is available.</summary>
    SlotFits,

    /// <summary>Nothing planned yet, or the relative gave no availability: check by hand.</summary>
    SlotUnknown,

    /// <summary>At least one planned meeting falls outside the relative's availability.</summary>
    SlotOutsideAvailability,

    /// <summary>Places left (<see cref="MatchReason.Count"/>).</summary>
    PlacesFree,

    /// <summary>Hard: no place left.</summary>
    Full,

    /// <summary>Hard: the group is closed.</summary>
    Closed,

    /// <summary>The group has started: the relative joins a group under way.</summary>
    AlreadyRunning,
}

/// <summary>One reason, with its count where it has one (free places).</summary>
public readonly record struct MatchReason(MatchReasonKind Kind, int? Count = null)
{
    /// <summary>A reason that counts against the group (a concern, or a rule that excludes it).</summary>
    public bool IsConcern => Kind is MatchReasonKind.AudienceMixed or MatchReasonKind.AudienceDiffers or MatchReasonKind.LanguageDiffers
        or MatchReasonKind.FormatDiffers or MatchReasonKind.OtherRegion or MatchReasonKind.SlotUnknown
        or MatchReasonKind.SlotOutsideAvailability or MatchReasonKind.Full or MatchReasonKind.Closed or MatchReasonKind.AlreadyRunning;

    /// <summary>A rule that excludes the group.</summary>
    public bool IsExcluding => Kind is MatchReasonKind.AudienceDiffers or MatchReasonKind.LanguageDiffers or MatchReasonKind.FormatDiffers
        or MatchReasonKind.Full or MatchReasonKind.Closed;
}

/// <summary>How well one group fits one referral: whether it fits at all, a score to order by, and the reasons.</summary>
public sealed record GroupMatch(GroupProfile Group, bool Fits, int Score, IReadOnlyList<MatchReason> Reasons)
{
    /// <summary>How many rules exclude the group (0 when it fits).</summary>
    public int ExcludedBy => Reasons.Count(r => r.IsExcluding);
}

/// <summary>
/// The matching rules, pure. Hard rules (a group that breaks one does not fit): the language is the same; the audience
/// takes the relation (partners ← partner and ex-partner, parents ← parent, adult children ← adult child, mixed relatives
/// ← anyone); an in-person preference needs an in-person group and an online one an online group (either takes both);
/// the group has a free place and is not closed. Soft rules order the groups that fit, in this order of weight: the
/// region (an in-person group in the same region, then an online group, then elsewhere; a relative who asked for
/// "online only" prefers online groups), the meeting slot inside the availability (then unknown, then outside), the
/// status (recruiting, then planned, then running) and the free places. Ties go by name, then id.
/// </summary>
public static class GroupMatcher
{
    public const int RegionBest = 40;
    public const int RegionOnline = 20;
    public const int SlotFitsScore = 30;
    public const int SlotUnknownScore = 15;
    public const int RecruitingScore = 10;
    public const int PlannedScore = 5;

    /// <summary>Free places count up to this many (so that status weighs more than room).</summary>
    public const int PlacesCap = 4;

    /// <summary>Whether a group for <paramref name="audience"/> takes a relative with <paramref name="relation"/>.</summary>
    public static bool AudienceTakes(GroupAudience audience, Relation relation) => audience switch
    {
        GroupAudience.Partners => relation is Relation.Partner or Relation.ExPartner,
        GroupAudience.Parents => relation == Relation.Parent,
        GroupAudience.AdultChildren => relation == Relation.AdultChild,
        GroupAudience.MixedRelatives => true,
        _ => false,
    };

    /// <summary>Whether a relative with format preference <paramref name="preference"/> can join a group of <paramref name="format"/>.</summary>
    public static bool FormatTakes(FormatPreference preference, GroupFormat format) => preference switch
    {
        FormatPreference.InPerson => format == GroupFormat.InPerson,
        FormatPreference.Online => format == GroupFormat.Online,
        FormatPreference.Either => true,
        _ => false,
    };

    /// <summary>The audiences that take <paramref name="relation"/> (for narrowing a query before matching).</summary>
    public static IReadOnlyList<GroupAudience> AudiencesFor(Relation relation) =>
        Enum.GetValues<GroupAudience>().Where(a => AudienceTakes(a, relation)).ToList();

    /// <summary>The relations <paramref name="audience"/> takes.</summary>
    public static IReadOnlyList<Relation> RelationsFor(GroupAudience audience) =>
        Enum.GetValues<Relation>().Where(r => AudienceTakes(audience, r)).ToList();

    /// <summary>The format preferences that accept <paramref name="format"/>.</summary>
    public static IReadOnlyList<FormatPreference> PreferencesFor(GroupFormat format) =>
        Enum.GetValues<FormatPreference>().Where(p => FormatTakes(p, format)).ToList();

    /// <summary>How <paramref name="group"/> fits <paramref name="referral"/>.</summary>
    public static GroupMatch Match(MatchProfile referral, GroupProfile group)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(group);
        var reasons = new List<MatchReason>();
        var score = 0;

        reasons.Add(new(
            !AudienceTakes(group.Audience, referral.Relation) ? MatchReasonKind.AudienceDiffers
            : group.Audience == GroupAudience.MixedRelatives ? MatchReasonKind.AudienceMixed
            : MatchReasonKind.AudienceMatches));
        reasons.Add(new(group.Language == referral.Language ? MatchReasonKind.LanguageMatches : MatchReasonKind.LanguageDiffers));
        reasons.Add(new(FormatTakes(referral.Format, group.Format) ? MatchReasonKind.FormatMatches : MatchReasonKind.FormatDiffers));

        if (group.Format == GroupFormat.Online)
        {
            reasons.Add(new(MatchReasonKind.OnlineGroup));
            score += referral.Region == Region.OnlineOnly ? RegionBest : RegionOnline;
        }
        else if (referral.Region != Region.OnlineOnly && group.Region == referral.Region)
        {
            reasons.Add(new(MatchReasonKind.SameRegion));
            score += RegionBest;
        }
        else
        {
            reasons.Add(new(MatchReasonKind.OtherRegion));
        }

        var slots = group.Slots ?? [];
        if (slots.Count == 0 || referral.Availability.IsEmpty)
        {
            reasons.Add(new(MatchReasonKind.SlotUnknown));
            score += SlotUnknownScore;
        }
        else if (slots.All(referral.Availability.Contains))
        {
            reasons.Add(new(MatchReasonKind.SlotFits));
            score += SlotFitsScore;
        }
        else
        {
            reasons.Add(new(MatchReasonKind.SlotOutsideAvailability));
        }

        if (group.FreePlaces > 0)
        {
            reasons.Add(new(MatchReasonKind.PlacesFree, group.FreePlaces));
            score += Math.Min(group.FreePlaces, PlacesCap);
        }
        else
        {
            reasons.Add(new(MatchReasonKind.Full));
        }

        switch (group.Status)
        {
            case GroupStatus.Recruiting:
                score += RecruitingScore;
                break;
            case GroupStatus.Planned:
                score += PlannedScore;
                break;
            case GroupStatus.Running:
                reasons.Add(new(MatchReasonKind.AlreadyRunning));
                break;
            default:
                reasons.Add(new(MatchReasonKind.Closed));
                break;
        }

        var fits = !reasons.Any(r => r.IsExcluding);
        return new GroupMatch(group, fits, score, reasons);
    }

    /// <summary>Every group matched, best first: those that fit, then the rest by how few rules exclude them; ties by score, name, id.</summary>
    public static IReadOnlyList<GroupMatch> Rank(MatchProfile referral, IEnumerable<GroupProfile> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        return groups.Select(g => Match(referral, g))
            .OrderBy(m => m.ExcludedBy)
            .ThenByDescending(m => m.Score)
            .ThenBy(m => m.Group.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(m => m.Group.Name, StringComparer.Ordinal)
            .ThenBy(m => m.Group.Id)
            .ToList();
    }

    /// <summary>The groups that fit, best first.</summary>
    public static IReadOnlyList<GroupMatch> Fitting(MatchProfile referral, IEnumerable<GroupProfile> groups) =>
        Rank(referral, groups).Where(m => m.Fits).ToList();
}
