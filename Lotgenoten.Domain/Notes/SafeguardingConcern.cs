using Lotgenoten.Domain.Common;

namespace Lotgenoten.Domain.Notes;

public enum ConcernStatus
{
    Open,

    /// <summary>A coordinator took it.</summary>
    InProgress,
    Handled,
}

/// <summary>
/// A note flagged because a child may be at risk. It waits in the coordinators' queue until one takes it, records what
/// was done (protected, like a note) and closes it. Retention never deletes an open concern.
/// </summary>
public sealed class SafeguardingConcern
{
    public const int ActorMaxLength = 64;

    private SafeguardingConcern()
    {
        RaisedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid NoteId { get; private set; }

    public Guid GroupId { get; private set; }

    public DateTimeOffset RaisedAt { get; private set; }

    public string RaisedBy { get; private set; }

    public ConcernStatus Status { get; private set; }

    public string? TakenBy { get; private set; }

    public DateTimeOffset? TakenAt { get; private set; }

    public string? HandledBy { get; private set; }

    public DateTimeOffset? HandledAt { get; private set; }

    /// <summary>What was done, protected; required to close.</summary>
    public string? ActionCiphertext { get; private set; }

    public int Version { get; private set; }

    public bool IsOpen => Status != ConcernStatus.Handled;

    internal static SafeguardingConcern Raise(FacilitatorNote note, string by, DateTimeOffset now) => new()
    {
        Id = Ids.New(now),
        NoteId = note.Id,
        GroupId = note.GroupId,
        RaisedAt = now,
        RaisedBy = Text.Required(by, ActorMaxLength, "concern.by"),
        Status = ConcernStatus.Open,
    };

    public void Take(string by, DateTimeOffset now)
    {
        if (Status != ConcernStatus.Open)
        {
            throw new DomainException("concern.transition", $"A concern cannot be taken from {Status}.");
        }

        TakenBy = Text.Required(by, ActorMaxLength, "concern.by");
        TakenAt = now;
        Status = ConcernStatus.InProgress;
        Version++;
    }

    public void Handle(string actionCiphertext, string by, DateTimeOffset now)
    {
        if (Status == ConcernStatus.Handled)
        {
            throw new DomainException("concern.transition", "The concern is already handled.");
        }

        if (string.IsNullOrEmpty(actionCiphertext))
        {
            throw new DomainException("concern.action.required", "Record what was done before closing the concern.");
        }

        var actor = Text.Required(by, ActorMaxLength, "concern.by");
        if (Status == ConcernStatus.Open)
        {
            TakenBy = actor;
            TakenAt = now;
        }

        ActionCiphertext = actionCiphertext;
        HandledBy = actor;
        HandledAt = now;
        Status = ConcernStatus.Handled;
        Version++;
    }
}
