namespace Lotgenoten.Domain.Common;

/// <summary>Identifiers: version 7 GUIDs (time-ordered, so indexes stay compact), never guessable sequence numbers.</summary>
public static class Ids
{
    public static Guid New(DateTimeOffset now) => Guid.CreateVersion7(now);
}
