using System.Collections.Concurrent;
using System.Net;
using Lotgenoten.Web.Features.ReferralApi;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lotgenoten.Web.Tests.Features.ReferralApi;

/// <summary>The API logs client names and referral ids, never a body, an address, a remark or a key.</summary>
public sealed class ReferralApiLoggingTests : IDisposable
{
    private const string SecretEmail = "geheim.adres@voorbeeld.be";
    private const string SecretRemark = "Vertrouwelijke-opmerking-4711";

    private readonly ReferralApiApp _app = new();
    private readonly CapturingLoggerProvider _logs = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _app.Dispose();
        _logs.Dispose();
    }

    [Fact]
    public async Task Post_ValidInvalidAndUnauthorized_LogsNoPersonalDataOrKey()
    {
        using var app = _app.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(_logs).AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace)));
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, ReferralApiApp.HelplineKey);
        using var anonymous = app.CreateClient();
        anonymous.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, "wrong-" + ReferralApiApp.HelplineKey);
        var body = ReferralApiApp.ValidReferral();
        body["email"] = SecretEmail;
        body["contactPreference"] = "Email";
        body["remark"] = SecretRemark;

        using var created = await ReferralApiApp.PostAsync(client, body.ToJsonString(), "log-key", Ct);
        body["email"] = SecretEmail + "\r\nBcc: x@y.be";
        using var invalid = await ReferralApiApp.PostAsync(client, body.ToJsonString(), ct: Ct);
        using var unauthorized = await ReferralApiApp.PostAsync(anonymous, body.ToJsonString(), ct: Ct);

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        unauthorized.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var id = (await ReferralApiTests.ReadObjectAsync(created))["id"]!.GetValue<string>();
        var log = string.Join('\n', _logs.Messages);
        log.ShouldContain($"API client dev-helpline registered referral {id}.");
        log.ShouldContain("API client dev-helpline sent a referral with 1 invalid field(s).");
        log.ShouldContain("A request carried an API key that matches no configured client.");
        log.ShouldNotContain(SecretEmail, Case.Insensitive);
        log.ShouldNotContain(SecretRemark, Case.Insensitive);
        log.ShouldNotContain(ReferralApiApp.HelplineKey);
        log.ShouldNotContain(ApiClientOptions.HashKey(ReferralApiApp.HelplineKey));
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                provider.Messages.Enqueue($"{category}: {formatter(state, exception)} {exception}");
                if (state is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    provider.Messages.Enqueue(string.Join(' ', values.Select(v => $"{v.Key}={v.Value}")));
                }
            }
        }
    }
}
