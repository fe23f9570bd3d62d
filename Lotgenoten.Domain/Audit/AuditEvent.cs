using Lotgenoten.Domain.Common;

namespace Lotgenoten.Domain.Audit;

/// <summary>What kind of action an audit event records.</summary>
public enum AuditKind
{
    NoteRead,
    NoteWritten,
    NoteFlagged,
    EmailRevealed,
    ConcernTaken,
    ConcernHandled,
    ReferralPlaced,
    InvitationSent,
    InvitationRedeemed,
    GroupCreated,
    GroupStatusChanged,
    FacilitatorAssigned,
    FacilitatorRemoved,
    AttendanceChangedAfterClose,
    ParticipantErased,
    DataExported,
    FiguresExported,
    FeedTokenRotated,
    RetentionRun,
    InvitationReissued,
    InvitationRevoked,
    ReferralRegistered,
    AttendanceRegisterClosed,
    CheckInDone,
    AuditLogViewed,
    ConcernRead,
}

/// <summary>
/// Who did what to which record, and when; never the content. Audit events are only ever added:
/// no code path but the retention job removes them.
/// </summary>
public sealed class AuditEvent
{
    public const int ActorMaxLength = 64;
    public const int EntityTypeMaxLength = 50;
    public const int EntityIdMaxLength = 64;

    private AuditEvent()
    {
        ActorId = string.Empty;
        EntityType = string.Empty;
        EntityId = string.Empty;
    }

    public Guid Id { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>The actor's id (staff object id, participant account id, "system"); never a name.</summary>
    public string ActorId { get; private set; }

    public AuditKind Kind { get; private set; }

    public string EntityType { get; private set; }

    public string EntityId { get; private set; }

    /// <summary>Optional related group, for filtering.</summary>
    public Guid? GroupId { get; private set; }

    public static AuditEvent Record(string actorId, AuditKind kind, string entityType, string entityId, DateTimeOffset now, Guid? groupId = null)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("audit.kind.invalid", "The audit event has no valid kind.");
        }

        return new AuditEvent
        {
            Id = Ids.New(now),
            OccurredAt = now,
            ActorId = Text.Required(actorId, ActorMaxLength, "audit.actor"),
            Kind = kind,
            EntityType = Text.Required(entityType, EntityTypeMaxLength, "audit.entity-type"),
            EntityId = Text.Required(entityId, EntityIdMaxLength, "audit.entity-id"),
            GroupId = groupId,
        };
    }
}
