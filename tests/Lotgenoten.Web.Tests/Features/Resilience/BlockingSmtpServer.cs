using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Lotgenoten.Web.Tests.Features.Resilience;

/// <summary>Where <see cref="BlockingSmtpServer"/> stops answering, so that a test can kill its client at that moment.</summary>
public enum SmtpBlock
{
    /// <summary>Answers everything: a plain SMTP server.</summary>
    None,

    /// <summary>Accepts the connection and never greets: the client has claimed a mail and sent nothing yet.</summary>
    BeforeGreeting,

    /// <summary>Receives the whole message and never answers its end (no 250): the server has it, the client does not know.</summary>
    AfterData,
}

/// <summary>
/// A minimal SMTP server (RFC 5321 without extensions) on loopback that records every message it received in full
/// (with its Message-Id) and can stop answering at a chosen moment (<see cref="Block"/>), signalling <see cref="Blocked"/>.
/// </summary>
public sealed class BlockingSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<TcpClient> _clients = [];
    private readonly Task _accepting;
    private TaskCompletionSource _blocked = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public BlockingSmtpServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Where the next session stops answering (for one session only; then the server answers normally again).</summary>
    public SmtpBlock Block { get; private set; }

    /// <summary>Messages received in full, as (recipient, Message-Id), in order; a blocked AfterData message is included.</summary>
    public ConcurrentQueue<(string To, string MessageId)> Received { get; } = new();

    /// <summary>Completes when a session reached the blocking point.</summary>
    public Task Blocked => _blocked.Task;

    public void BlockNext(SmtpBlock block)
    {
        _blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Block = block;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _clients.Add(client);
            _ = Task.Run(() => SessionAsync(client));
        }
    }

    private async Task SessionAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
            if (TakeBlock(SmtpBlock.BeforeGreeting))
            {
                _blocked.TrySetResult();
                await Task.Delay(Timeout.Infinite, _stop.Token);
            }

            await writer.WriteLineAsync("220 localhost test SMTP");
            string? to = null;
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var command = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (command)
                {
                    case "EHLO":
                    case "HELO":
                        await writer.WriteLineAsync("250 localhost");
                        break;
                    case "MAIL":
                        to = null;
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT":
                        to = line[(line.IndexOf('<', StringComparison.Ordinal) + 1)..line.LastIndexOf('>')];
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var messageId = "";
                        while (await reader.ReadLineAsync(_stop.Token) is { } data && data != ".")
                        {
                            if (data.StartsWith("Message-Id:", StringComparison.OrdinalIgnoreCase))
                            {
                                messageId = data["Message-Id:".Length..].Trim();
                            }
                        }

                        Received.Enqueue((to ?? "", messageId));
                        if (TakeBlock(SmtpBlock.AfterData))
                        {
                            _blocked.TrySetResult();
                            await Task.Delay(Timeout.Infinite, _stop.Token);
                        }

                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 OK"); // RSET, NOOP
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The client went away (killed) or the server stops.
        }
        finally
        {
            client.Dispose();
        }
    }

    private bool TakeBlock(SmtpBlock point)
    {
        lock (_clients)
        {
            if (Block != point)
            {
                return false;
            }

            Block = SmtpBlock.None;
            return true;
        }
    }
}
