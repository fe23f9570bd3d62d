using System.Text;
using Lotgenoten.Infrastructure.Calendar;
using MimeKit;

namespace Lotgenoten.Infrastructure.Email;

/// <summary>Builds the MIME message of an outbox message.</summary>
internal static class OutboxMime
{
    public const string AttachmentName = "invite.ics";

    /// <summary>
    /// A neutral From, exactly one To, <c>Message-Id: &lt;{outbox id}@{sender domain}&gt;</c> and <c>Date</c> = the time it
    /// was enqueued, so that a resend after a crash between sending and marking is the same message (receivers and
    /// mail servers drop duplicates by Message-Id). Without an invite: one text/plain part. With one: multipart/mixed
    /// holding multipart/alternative (text/plain, then text/calendar; method=…; charset=utf-8 inline) and the same
    /// calendar as the attachment <c>invite.ics</c>, the shape Outlook and Gmail send and expect.
    /// </summary>
    public static MimeMessage Build(OutboxMessage message, string recipient, string textBody, SmtpOptions options)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        mime.To.Add(new MailboxAddress("", recipient));
        mime.Subject = message.Subject ?? "";
        mime.Date = message.CreatedAt;
        mime.MessageId = MessageId(message.Id, options.FromAddress);

        var text = new TextPart("plain") { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        text.SetText(Encoding.UTF8, textBody);
        if (message.CalendarContent is not { Length: > 0 } calendar || message.CalendarMethod is not { } method)
        {
            mime.Body = text;
            return mime;
        }

        var methodName = MethodName(method);
        var inline = new MimePart("text", "calendar")
        {
            Content = new MimeContent(new MemoryStream(calendar, writable: false)),
            ContentTransferEncoding = ContentEncoding.Base64,
        };
        inline.ContentType.Parameters.Add("method", methodName);
        inline.ContentType.Charset = "utf-8";

        var attachment = new MimePart("application", "ics")
        {
            Content = new MimeContent(new MemoryStream(calendar, writable: false)),
            ContentTransferEncoding = ContentEncoding.Base64,
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            FileName = AttachmentName,
        };

        var alternative = new MultipartAlternative { text, inline };
        mime.Body = new Multipart("mixed") { alternative, attachment };
        return mime;
    }

    /// <summary>The Message-Id of an outbox message (without angle brackets): stable across resends.</summary>
    public static string MessageId(Guid id, string fromAddress)
    {
        var at = fromAddress.LastIndexOf('@');
        var domain = at >= 0 && at < fromAddress.Length - 1 ? fromAddress[(at + 1)..] : "lotgenoten.invalid";
        return $"{id:D}@{domain}";
    }

    public static string MethodName(CalendarMethod method) => method switch
    {
        CalendarMethod.Request => "REQUEST",
        CalendarMethod.Cancel => "CANCEL",
        CalendarMethod.Publish => "PUBLISH",
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };
}
