using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Lotgenoten.Web.Tests.Features.Resilience;

/// <summary>Keeps every log entry of one host (category, event id, message) so that a test can wait for an event.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, int EventId, string Message)> _entries = new();

    public IReadOnlyCollection<(string Category, int EventId, string Message)> Entries => _entries;

    public int Count(int eventId) => _entries.Count(e => e.EventId == eventId);

    /// <summary>Waits (real time, at most <paramref name="timeout"/>) until event <paramref name="eventId"/> was logged at least <paramref name="count"/> times.</summary>
    public async Task<bool> WaitForAsync(int eventId, int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew(); // real time on purpose: the app's clock may be a fake one
        while (Count(eventId) < count)
        {
            if (watch.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(20, cancellationToken);
        }

        return true;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider._entries.Enqueue((category, eventId.Id, formatter(state, exception)));
    }
}
