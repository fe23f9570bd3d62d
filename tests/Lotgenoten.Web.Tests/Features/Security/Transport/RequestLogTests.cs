using System.Collections.Concurrent;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Lotgenoten.Web.Tests.Features.Security.Transport;

/// <summary>
/// The app's request log (Security/RequestLog) writes every address with capability values masked, and ASP.NET Core's
/// own request log, which writes raw URLs, stays off even when configuration asks for it.
/// </summary>
public sealed class RequestLogTests : IClassFixture<RequestLogTests.LoggingApp>
{
    private readonly LoggingApp _app;

    public RequestLogTests(LoggingApp app) => _app = app;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/calendar/geheim-feed-token-123.ics", "geheim-feed-token-123", "HTTP GET /calendar/{token}.ics answered 404")]
    [InlineData("/uitnodiging/GEHEIM-CODE-77", "GEHEIM-CODE-77", "HTTP GET /uitnodiging/{Token} answered 200")]
    [InlineData("/tot-ziens?code=geheim-789&culture=fr", "geheim-789", "HTTP GET /tot-ziens?code={code}&culture=fr answered 200")]
    public async Task Get_CapabilityInAddress_LoggedMasked(string address, string secret, string expected)
    {
        using var client = _app.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri(address, UriKind.Relative), Ct);

        await WaitForLineAsync("Lotgenoten.Web.Requests: " + expected + " in ");
        _app.Log.Lines.ShouldNotContain(l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Get_AnyAddress_AspNetCoresRawRequestLogStaysOff()
    {
        using var client = _app.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri("/tot-ziens?naam=iets", UriKind.Relative), Ct);

        await WaitForLineAsync("Lotgenoten.Web.Requests: HTTP GET /tot-ziens?naam=iets answered 200");
        _app.Log.Lines.ShouldNotContain(l => l.StartsWith("Microsoft.AspNetCore.Hosting.Diagnostics:", StringComparison.Ordinal));
        _app.Log.Lines.ShouldContain(l => l.StartsWith("Microsoft.AspNetCore.Routing", StringComparison.Ordinal), "ASP.NET Core logs at Information here");
    }

    /// <summary>Waits until a line starting with <paramref name="start"/> was logged (it is written as the answer completes).</summary>
    private async Task WaitForLineAsync(string start)
    {
        for (var attempt = 0; attempt < 50 && !_app.Log.Lines.Any(l => l.StartsWith(start, StringComparison.Ordinal)); attempt++)
        {
            await Task.Delay(100, Ct);
        }

        _app.Log.Lines.ShouldContain(l => l.StartsWith(start, StringComparison.Ordinal), string.Join('\n', _app.Log.Lines.TakeLast(20)));
    }

    /// <summary>A Development host that logs as the end-to-end run does, into memory.</summary>
    public sealed class LoggingApp : LotgenotenWebFactory
    {
        public LoggingApp()
            : base(settings: new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
                ["Logging:LogLevel:Lotgenoten"] = "Debug",
            })
        {
        }

        public CapturingLog Log { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Log));
        }
    }

    /// <summary>Every message as "category: text".</summary>
    public sealed class CapturingLog : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category}: {formatter(state, exception)}");
        }
    }
}
