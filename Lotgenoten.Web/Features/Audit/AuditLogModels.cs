using Lotgenoten.Domain.Audit;

namespace Lotgenoten.Web.Features.Audit;

/// <summary>Texts of the audit log page; see AuditTexts.resx.</summary>
public sealed class AuditTexts;

/// <summary>
/// What the audit log shows: a period (Brussels dates, both inclusive), kinds, one actor, one group, one entity type, and
/// the page. Sorted by time, newest first unless <see cref="Ascending"/>.
/// </summary>
public sealed record AuditLogQuery(
    int Page,
    int PageSize,
    DateOnly? From = null,
    DateOnly? To = null,
    IReadOnlyCollection<AuditKind>? Kinds = null,
    string? ActorId = null,
    Guid? GroupId = null,
    string? EntityType = null,
    bool Ascending = false)
{
    public const int MaxPageSize = 100;
}

/// <summary>Who an actor id stands for.</summary>
public enum AuditActorKind
{
    /// <summary>A member of staff in the directory: shown by name.</summary>
    Staff,

    /// <summary>A participant's account: shown as "participant", never by pseudonym.</summary>
    Participant,

    /// <summary>The portal itself (retention, background work).</summary>
    System,

    /// <summary>An id the portal no longer knows (an erased account, an API client): shown as the raw id.</summary>
    Unknown,
}

/// <summary>One audit event as the log shows it: who, when, what kind, which record. There is no content to show.</summary>
/// <param name="WhenLocal">The Brussels wall-clock time of <paramref name="OccurredAt"/>.</param>
/// <param name="ActorName">The staff member's name, "participant", "system", or the raw id.</param>
/// <param name="ShortId">The record's id shortened for display (a GUID's last eight characters).</param>
/// <param name="Link">The coordinator's page of the record, when one exists.</param>
public sealed record AuditLogRow(
    Guid Id,
    DateTimeOffset OccurredAt,
    DateTime WhenLocal,
    string ActorId,
    AuditActorKind ActorKind,
    string ActorName,
    AuditKind Kind,
    string EntityType,
    string EntityId,
    string ShortId,
    string? Link,
    Guid? GroupId,
    string? GroupName);

/// <summary>One page of the log, the number of events that match, and a message when the filters are not valid.</summary>
public sealed record AuditLogResult(IReadOnlyList<AuditLogRow> Rows, int Total, string? Error = null);

/// <summary>A member of staff to filter by (the event stores the object id).</summary>
public sealed record AuditActorChoice(string ActorId, string Name);

/// <summary>A group to filter by.</summary>
public sealed record AuditGroupChoice(Guid Id, string Name);

/// <summary>What the filters offer, and how long events are kept.</summary>
public sealed record AuditLogChoices(
    IReadOnlyList<AuditActorChoice> Actors,
    IReadOnlyList<AuditGroupChoice> Groups,
    IReadOnlyList<string> EntityTypes,
    int KeptMonths);
