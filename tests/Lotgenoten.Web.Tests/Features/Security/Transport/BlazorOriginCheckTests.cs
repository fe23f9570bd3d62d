using System.Net;
using System.Net.WebSockets;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Lotgenoten.Web.Tests.Features.Security.Transport;

/// <summary>
/// Cross-site WebSocket hijacking, for real: the app on Kestrel, a signed-in visitor's cookies, and a <see cref="ClientWebSocket"/> that sends the
/// <c>Origin</c> a browser would send. The app's own origin (and a configured proxy origin) opens Blazor's circuit socket;
/// another site, another port of the same host and <c>Origin: null</c> are refused with 403, and so are SignalR's
/// negotiate and long-polling requests. A request without <c>Origin</c> passes: no browser sends a WebSocket handshake
/// or a cross-origin request without it, so only a non-browser client (with no visitor's cookies) can leave it out.
/// </summary>
public sealed class BlazorOriginCheckTests : IClassFixture<BlazorOriginCheckTests.KestrelApp>
{
    private const string ProxyOrigin = "https://portal.lotgenoten.example";

    private readonly KestrelApp _app;

    public BlazorOriginCheckTests(KestrelApp app) => _app = app;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string OwnOrigin => _app.Address.GetLeftPart(UriPartial.Authority);

    [Fact]
    public async Task WebSocket_OwnOrigin_Opens()
    {
        (await ConnectAsync(OwnOrigin)).ShouldBe(HttpStatusCode.SwitchingProtocols);
    }

    [Fact]
    public async Task WebSocket_ConfiguredProxyOrigin_Opens()
    {
        (await ConnectAsync(ProxyOrigin)).ShouldBe(HttpStatusCode.SwitchingProtocols);
    }

    [Fact]
    public async Task WebSocket_NoOrigin_Opens()
    {
        (await ConnectAsync(origin: null)).ShouldBe(HttpStatusCode.SwitchingProtocols);
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("null")]
    [InlineData("http://127.0.0.1:1")]
    [InlineData("https://portal.lotgenoten.example.evil.example")]
    public async Task WebSocket_OtherOrigin_Refused(string origin)
    {
        (await ConnectAsync(origin)).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task WebSocket_SameHostOtherScheme_Refused()
    {
        (await ConnectAsync(OwnOrigin.Replace("http://", "https://", StringComparison.Ordinal))).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Negotiate_OwnOriginThenLongPollingFromOtherOrigin_OnlyOwnAnswered()
    {
        using var handler = new HttpClientHandler { CookieContainer = _app.Cookies, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = _app.Address };

        using var own = await NegotiateAsync(http, OwnOrigin);
        using var other = await NegotiateAsync(http, "https://evil.example");

        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = System.Text.Json.JsonDocument.Parse(await own.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("connectionToken").GetString();
        token.ShouldNotBeNullOrEmpty();
        other.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var poll = new HttpRequestMessage(HttpMethod.Get, new Uri($"/_blazor?id={token}", UriKind.Relative));
        poll.Headers.Add("Origin", "https://evil.example");
        using var polled = await http.SendAsync(poll, Ct);
        polled.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private async Task<HttpResponseMessage> NegotiateAsync(HttpClient http, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/_blazor/negotiate?negotiateVersion=1", UriKind.Relative));
        request.Headers.Add("Origin", origin);
        return await http.SendAsync(request, Ct);
    }

    /// <summary>Opens <c>ws://…/_blazor</c> with the given <c>Origin</c> (none when null) and returns the handshake's status.</summary>
    private async Task<HttpStatusCode> ConnectAsync(string? origin)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.Cookies = _app.Cookies; // a signed-in visitor: what a hijacking page would ride on
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        var uri = new UriBuilder(_app.Address) { Scheme = "ws", Path = "/_blazor" }.Uri;
        try
        {
            await socket.ConnectAsync(uri, Ct);
            socket.State.ShouldBe(WebSocketState.Open);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, Ct);
        }
        catch (WebSocketException)
        {
            socket.State.ShouldNotBe(WebSocketState.Open);
        }

        return socket.HttpStatusCode;
    }

    /// <summary>The app on a real Kestrel socket (loopback, a free port), with one extra allowed origin.</summary>
    public sealed class KestrelApp : LotgenotenWebFactory
    {
        public KestrelApp()
            : base(settings: new Dictionary<string, string?> { ["Security:Blazor:AllowedOrigins:0"] = ProxyOrigin })
        {
            UseKestrel(0);
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            Address = new Uri(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)));

            // The circuit hub, like every page, is for signed-in users: the visitor is signed in (development sign-in).
            using var handler = new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false };
            using var http = new HttpClient(handler) { BaseAddress = Address };
            using var signIn = http.GetAsync(new Uri("/dev/signin?user=coordinator", UriKind.Relative)).GetAwaiter().GetResult();
            signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        public Uri Address { get; }

        /// <summary>The signed-in visitor's cookies.</summary>
        public CookieContainer Cookies { get; } = new();
    }
}
