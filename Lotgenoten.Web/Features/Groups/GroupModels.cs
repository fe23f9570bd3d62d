using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;

namespace Lotgenoten.Web.Features.Groups;

/// <summary>Which groups the list shows: one page, optionally filtered by status and language, and searched by name.</summary>
public sealed record GroupQuery(int Page, int PageSize, GroupStatus? Status = null, Language? Language = null, string? Search = null)
{
    public const int MaxPageSize = 50;
}

/// <summary>A facilitator by display name.</summary>
public sealed record FacilitatorView(Guid StaffMemberId, string DisplayName);

/// <summary>One row of the group list.</summary>
public sealed record GroupRow(
    Guid Id,
    string Name,
    GroupStatus Status,
    GroupAudience Audience,
    Language Language,
    GroupFormat Format,
    int Members,
    int Invited,
    int Capacity,
    DateTime? NextMeetingLocal,
    IReadOnlyList<FacilitatorView> Facilitators);

/// <summary>One page of the group list, with the number of groups that match in all.</summary>
public sealed record GroupPage(IReadOnlyList<GroupRow> Rows, int Total, bool CanEdit);

/// <summary>Members of a group by status: counts only (no pseudonyms here).</summary>
public sealed record MemberCounts(int Invited, int Joined, int Active, int Completed, int Withdrawn)
{
    public int Members => Joined + Active;
}

/// <summary>A group as its detail page shows it; <see cref="Version"/> goes back with every change.</summary>
public sealed record GroupDetailView(
    Guid Id,
    string Name,
    GroupAudience Audience,
    Language Language,
    GroupFormat Format,
    Region? Region,
    string? Address,
    string? OnlineLink,
    int MinimumToStart,
    int MaximumSize,
    GroupStatus Status,
    DateOnly? StartedOn,
    DateOnly? ClosedOn,
    int Version,
    MemberCounts Members,
    DateTime? NextMeetingLocal,
    IReadOnlyList<FacilitatorView> Facilitators,
    bool CanEdit);

/// <summary>A status move a coordinator can make.</summary>
public enum GroupStatusAction
{
    StartRecruiting,
    Start,
    Close,
}

/// <summary>
/// What a change did: succeeded (with the new id when one was created), failed with a message in the user's language
/// (and, when it belongs to a field, that field's message), or conflicted with someone else's change.
/// </summary>
public sealed record GroupResult(bool Succeeded, string? Error, IReadOnlyDictionary<string, string> FieldErrors, bool Conflict, Guid? Id)
{
    private static readonly IReadOnlyDictionary<string, string> NoFields = new Dictionary<string, string>();

    public static GroupResult Ok(Guid id) => new(true, null, NoFields, false, id);

    public static GroupResult Failed(string error) => new(false, error, NoFields, false, null);

    public static GroupResult Invalid(string error, IReadOnlyDictionary<string, string> fields) => new(false, error, fields, false, null);

    public static GroupResult Conflicted(string error) => new(false, error, NoFields, true, null);
}
