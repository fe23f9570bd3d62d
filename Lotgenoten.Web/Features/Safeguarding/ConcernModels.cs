using Lotgenoten.Domain.Notes;

namespace Lotgenoten.Web.Features.Safeguarding;

/// <summary>Texts of the safeguarding queue; see SafeguardingTexts.resx.</summary>
public sealed class SafeguardingTexts;

/// <summary>One concern in the queue: no content, only who raised it when, in which group, and where it stands.</summary>
public sealed record ConcernRow(
    Guid Id,
    Guid GroupId,
    string GroupName,
    NoteKind NoteKind,
    DateTimeOffset RaisedAt,
    string RaisedByName,
    ConcernStatus Status,
    string? TakenByName,
    DateTimeOffset? TakenAt,
    string? HandledByName,
    DateTimeOffset? HandledAt,
    int Version);

/// <summary>A page of handled concerns, newest first.</summary>
public sealed record HandledConcernPage(IReadOnlyList<ConcernRow> Rows, int Total);

/// <summary>
/// One concern opened by a coordinator: the flagged note's text (the read is audited), the meeting and member it is
/// about, and what was done once handled.
/// </summary>
public sealed record ConcernDetail(
    ConcernRow Concern,
    string NoteText,
    bool NoteErased,
    DateOnly? MeetingDate,
    string? MemberPseudonym,
    string? ActionText,
    bool TakenByMe);

/// <summary>The outcome of taking or handling a concern.</summary>
public sealed record ConcernResult(bool Succeeded, bool Conflict, string? Error, int Version)
{
    public static ConcernResult Ok(int version) => new(true, false, null, version);

    public static ConcernResult Failed(string error) => new(false, false, error, 0);

    public static ConcernResult Conflicted(string error) => new(false, true, error, 0);
}
