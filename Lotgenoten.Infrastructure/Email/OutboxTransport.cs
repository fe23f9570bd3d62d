using MailKit.Net.Smtp;
using MimeKit;

namespace Lotgenoten.Infrastructure.Email;

/// <summary>Where a dispatcher pass hands its messages: an SMTP connection, or the pickup folder.</summary>
internal interface IOutboxTransport : IAsyncDisposable
{
    Task SendAsync(Guid outboxId, MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>One SMTP connection for a pass, opened on the first message and opened again after an error.</summary>
internal sealed class SmtpOutboxTransport(SmtpOptions options) : IOutboxTransport
{
    private SmtpClient? client;

    public async Task SendAsync(Guid outboxId, MimeMessage message, CancellationToken cancellationToken)
    {
        try
        {
            if (client is not { IsConnected: true })
            {
                client?.Dispose();
                client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
                await client.ConnectAsync(options.Host ?? "", options.Port, options.SecureSocketOptions, cancellationToken);
                if (!string.IsNullOrEmpty(options.UserName))
                {
                    await client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
                }
            }

            await client.SendAsync(message, cancellationToken);
        }
        catch
        {
            // Start the next message on a fresh connection, whatever state this one was left in.
            client?.Dispose();
            client = null;
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (client is { IsConnected: true })
        {
            try
            {
                await client.DisconnectAsync(quit: true);
            }
            catch (Exception ex) when (ex is IOException or MailKit.ProtocolException or System.Net.Sockets.SocketException or OperationCanceledException)
            {
                // The messages were sent; a failed QUIT changes nothing.
            }
        }

        client?.Dispose();
        client = null;
    }
}

/// <summary>
/// Development without an SMTP server: each message becomes <c>{outbox id}.eml</c> in the pickup folder (written to a
/// temporary name, then moved), so a resend replaces the same file and nothing leaves the machine.
/// </summary>
internal sealed class PickupOutboxTransport(string directory) : IOutboxTransport
{
    public async Task SendAsync(Guid outboxId, MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var final = Path.Combine(directory, $"{outboxId:D}.eml");
        var temporary = final + ".tmp";
        await message.WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, final, overwrite: true);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
