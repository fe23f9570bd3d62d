using Lotgenoten.Web.Features.Account;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Identity.Web;

namespace Lotgenoten.Web.Tests.Features.Account.Oidc;

/// <summary>
/// The app as in production (environment Production, no development sign-in, secure cookies on https://localhost) with
/// its own Microsoft.Identity.Web set-up, configured only through the <c>AzureAd</c> section to use
/// <see cref="TestOpenIdProvider"/> over HTTPS (HTTPS metadata stays required).
/// </summary>
internal sealed class StaffOidcApp : LotgenotenWebFactory
{
    public static readonly Uri BaseAddress = new("https://localhost/");

    private readonly TestOpenIdProvider _provider;

    public StaffOidcApp(TestOpenIdProvider provider)
        : base("Production", new Dictionary<string, string?>
        {
            ["AzureAd:Instance"] = provider.Instance.ToString(),
            ["AzureAd:TenantId"] = TestOpenIdProvider.TenantId,
            ["AzureAd:ClientId"] = TestOpenIdProvider.ClientId,
            ["AzureAd:ClientSecret"] = TestOpenIdProvider.ClientSecret,
        })
    {
        _provider = provider;
        ClientOptions.BaseAddress = BaseAddress;
    }

    /// <summary>What the app logged at Warning and above (shown when a step fails).</summary>
    public WarningLog Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Log));

        // The one thing the test adds: trust for the provider's self-signed certificate, in the OpenID Connect handler's
        // back channel (a Configure, so that it is in place before the handler's post-configuration builds the channel)
        // and in the HttpClients of Microsoft.Identity.Web (its Entra issuer validator reads the metadata again).
        builder.ConfigureTestServices(services =>
        {
            services.Configure<OpenIdConnectOptions>(
                AuthSchemes.StaffOpenIdConnect, oidc => oidc.BackchannelHttpHandler = _provider.CreateTrustingHandler());
            services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(_provider.CreateTrustingHandler));
            services.Configure<AadIssuerValidatorOptions>(issuer => issuer.HttpClientName = "TestOpenIdProvider");
        });
    }
}

/// <summary>Keeps the app's warnings and errors, with their exceptions, so that a failed step says why.</summary>
internal sealed class WarningLog : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _entries = new();

    public IReadOnlyCollection<string> Entries => _entries;

    public override string ToString() => string.Join(Environment.NewLine, _entries);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
