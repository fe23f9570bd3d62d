using Lotgenoten.Domain.Common;

namespace Lotgenoten.Domain.Notes;

public enum NoteKind
{
    /// <summary>About a meeting as a whole.</summary>
    Session,

    /// <summary>About one member.</summary>
    Member,
}

/// <summary>
/// A facilitator's note: a session note per meeting or a note about one member. The text is held only as ciphertext
/// (encryption is the infrastructure's job); every read and write is audited by the service that does it.
/// A draft is saved as the facilitator types, so a dropped connection loses nothing.
/// </summary>
public sealed class FacilitatorNote
{
    /// <summary>The longest note text in characters (kept well below a SignalR message of 32 KB).</summary>
    public const int TextMaxLength = 8000;
    public const int CiphertextMaxLength = 65536;
    public const int AuthorMaxLength = 64;

    private FacilitatorNote()
    {
        AuthorId = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid GroupId { get; private set; }

    public NoteKind Kind { get; private set; }

    /// <summary>The meeting (required for a session note, optional for a member note).</summary>
    public Guid? MeetingId { get; private set; }

    /// <summary>The member a member note is about.</summary>
    public Guid? MembershipId { get; private set; }

    /// <summary>The protected text; null once erased by retention.</summary>
    public string? TextCiphertext { get; private set; }

    public bool IsDraft { get; private set; }

    public string AuthorId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public bool IsSafeguardingConcern { get; private set; }

    public DateTimeOffset? ErasedAt { get; private set; }

    public int Version { get; private set; }

    public static FacilitatorNote SessionNote(Guid groupId, Guid meetingId, string ciphertext, string authorId, DateTimeOffset now) =>
        Create(groupId, NoteKind.Session, meetingId, null, ciphertext, authorId, now);

    public static FacilitatorNote MemberNote(Guid groupId, Guid membershipId, Guid? meetingId, string ciphertext, string authorId, DateTimeOffset now) =>
        Create(groupId, NoteKind.Member, meetingId, membershipId, ciphertext, authorId, now);

    /// <summary>Saves new text; stays a draft until <see cref="Finish"/>. The caller passes the version it saw.</summary>
    public void Update(string ciphertext, int expectedVersion, DateTimeOffset now)
    {
        EnsureNotErased();
        if (expectedVersion != Version)
        {
            throw new DomainException("note.conflict", "Someone else changed this note.");
        }

        TextCiphertext = CheckCiphertext(ciphertext);
        UpdatedAt = now;
        Version++;
    }

    public void Finish(DateTimeOffset now)
    {
        EnsureNotErased();
        IsDraft = false;
        UpdatedAt = now;
        Version++;
    }

    /// <summary>Flags the note because a child may be at risk; returns the concern for the coordinators' queue.</summary>
    public SafeguardingConcern FlagSafeguarding(string by, DateTimeOffset now)
    {
        EnsureNotErased();
        if (IsSafeguardingConcern)
        {
            throw new DomainException("note.concern.duplicate", "This note is already flagged.");
        }

        var concern = SafeguardingConcern.Raise(this, by, now);
        IsSafeguardingConcern = true;
        Version++;
        return concern;
    }

    /// <summary>Retention: the text goes, the row (and its audit trail) stays. Erasing twice changes nothing.</summary>
    public bool Erase(DateTimeOffset now)
    {
        if (ErasedAt is not null)
        {
            return false;
        }

        TextCiphertext = null;
        ErasedAt = now;
        Version++;
        return true;
    }

    private static FacilitatorNote Create(Guid groupId, NoteKind kind, Guid? meetingId, Guid? membershipId, string ciphertext, string authorId, DateTimeOffset now) => new()
    {
        Id = Ids.New(now),
        GroupId = groupId,
        Kind = kind,
        MeetingId = meetingId,
        MembershipId = membershipId,
        TextCiphertext = CheckCiphertext(ciphertext),
        IsDraft = true,
        AuthorId = Text.Required(authorId, AuthorMaxLength, "note.author"),
        CreatedAt = now,
        UpdatedAt = now,
    };

    private static string CheckCiphertext(string ciphertext)
    {
        if (string.IsNullOrEmpty(ciphertext) || ciphertext.Length > CiphertextMaxLength)
        {
            throw new DomainException("note.text.invalid", "The protected note text is empty or too long.");
        }

        return ciphertext;
    }

    private void EnsureNotErased()
    {
        if (ErasedAt is not null)
        {
            throw new DomainException("note.erased", "The note was erased.");
        }
    }
}
