namespace Lotgenoten.Web.Features.Participants;

/// <summary>Texts of the participant pages (sign-in, home); see ParticipantTexts.resx.</summary>
public sealed class ParticipantTexts;
