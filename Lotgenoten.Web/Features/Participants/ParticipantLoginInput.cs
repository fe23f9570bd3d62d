namespace Lotgenoten.Web.Features.Participants;

/// <summary>The participant sign-in form: a login name and a passphrase, nothing else.</summary>
public sealed class ParticipantLoginInput
{
    public const int MaxLength = 256;

    public string? UserName { get; set; }

    public string? Passphrase { get; set; }
}
