namespace Lotgenoten.Web.Features.Outbox;

/// <summary>Texts of the failed-messages page; see OutboxTexts.resx.</summary>
public sealed class OutboxTexts;
