namespace Lotgenoten.Domain.Referrals;

/// <summary>One step in a referral's history: who moved it from which status to which, and when. Never changed afterwards.</summary>
public sealed class ReferralStatusChange
{
    public const int ByMaxLength = 64;
    public const int NoteMaxLength = 200;

    private ReferralStatusChange()
    {
        ChangedBy = string.Empty;
    }

    internal ReferralStatusChange(Guid id, Guid referralId, ReferralStatus? from, ReferralStatus to, string changedBy, DateTimeOffset at, string? note)
    {
        Id = id;
        ReferralId = referralId;
        From = from;
        To = to;
        ChangedBy = changedBy;
        ChangedAt = at;
        Note = note;
    }

    public Guid Id { get; private set; }

    public Guid ReferralId { get; private set; }

    /// <summary>Null for the first entry (registration).</summary>
    public ReferralStatus? From { get; private set; }

    public ReferralStatus To { get; private set; }

    /// <summary>The actor's id (a staff object id, "api:&lt;client&gt;", or "system"); never a name.</summary>
    public string ChangedBy { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    /// <summary>A short, content-free note such as a withdrawal reason code.</summary>
    public string? Note { get; private set; }
}
