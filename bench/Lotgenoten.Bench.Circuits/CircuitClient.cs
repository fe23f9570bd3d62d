using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lotgenoten.Bench.Circuits;

/// <summary>
/// One Blazor Server circuit, opened the way blazor.web.js (.NET 10) opens it: GET the prerendered page, connect to
/// <c>/_blazor</c> with "blazorpack", <c>StartCircuit</c> with no initial components, answer the renderer's attach call,
/// then <c>UpdateRootComponents</c> with the page's server markers and persisted state. Every render batch is read
/// (buttons and attribute changes) and acknowledged with <c>OnRenderCompleted</c>; every JS interop call is answered
/// with a harmless success (null, or a fresh JS object reference when one is asked for).
/// </summary>
internal sealed partial class CircuitClient : IAsyncDisposable
{
    private const string ClickArgs =
        "{\"detail\":1,\"screenX\":0,\"screenY\":0,\"clientX\":0,\"clientY\":0,\"offsetX\":0,\"offsetY\":0,\"pageX\":0,\"pageY\":0," +
        "\"movementX\":0,\"movementY\":0,\"button\":0,\"buttons\":0,\"ctrlKey\":false,\"shiftKey\":false,\"altKey\":false,\"metaKey\":false,\"type\":\"click\"}";

    private static long s_jsObjectIds;

    private readonly Uri _baseUri;
    private readonly Uri _pageUri;
    private readonly CookieContainer _cookies;
    private readonly HttpClient _http;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly Dictionary<int, ulong> _clickHandlers = [];
    private readonly TaskCompletionSource _attached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<RenderedButton> _buttons = [];
    private readonly Lock _gate = new();
    private HubConnection? _hub;
    private string? _secret;
    private long _lastBatchTicks;
    private long _interopMethodsId;
    private long _callIds;
    private Func<IReadOnlyList<RenderedButton>, IReadOnlyList<AttributeChange>, bool>? _watch;
    private TaskCompletionSource<long>? _watchDone;

    public CircuitClient(Uri baseUri, string path, CookieContainer cookies, HttpClient http, ILoggerFactory? loggerFactory)
    {
        _http = http;
        _baseUri = baseUri;
        _pageUri = new Uri(baseUri, path);
        _cookies = cookies;
        _loggerFactory = loggerFactory;
    }

    public int Batches { get; private set; }

    public long BatchBytes { get; private set; }

    public int JsCalls { get; private set; }

    public string? Error { get; private set; }

    /// <summary>Buttons seen in prepended frames so far, in render order (a later entry wins for the same component).</summary>
    public IReadOnlyList<RenderedButton> Buttons
    {
        get
        {
            lock (_gate)
            {
                return [.. _buttons];
            }
        }
    }

    /// <summary>The current click handler of the button rendered by component <paramref name="componentId"/>.</summary>
    public ulong ClickHandlerOf(int componentId)
    {
        lock (_gate)
        {
            return _clickHandlers.GetValueOrDefault(componentId);
        }
    }

    public async Task StartAsync(CancellationToken ct)
    {
        using var response = await _http.GetAsync(_pageUri, ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {_pageUri.AbsolutePath} answered {(int)response.StatusCode}");
        }

        var markers = PageMarkers.Parse(await response.Content.ReadAsStringAsync(ct));
        if (markers.Markers.Count == 0)
        {
            throw new InvalidOperationException($"GET {_pageUri.AbsolutePath}: no interactive server markers (not signed in?)");
        }

        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(_baseUri, "_blazor"), HttpTransportType.WebSockets, options =>
            {
                options.Cookies = _cookies;
                options.Headers["Origin"] = _baseUri.GetLeftPart(UriPartial.Authority);
            });
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        if (_loggerFactory is not null)
        {
            builder.Services.AddSingleton(_loggerFactory);
        }

        var hub = builder.Build();
        hub.ServerTimeout = TimeSpan.FromMinutes(5);
        hub.HandshakeTimeout = TimeSpan.FromMinutes(2);
        _hub = hub;

        hub.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        hub.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], (args, _) => OnBeginInvokeJSAsync(args), this);
        hub.On<string>("JS.Error", error => Error ??= error);
        hub.On("JS.AttachComponent", [typeof(int), typeof(string)], (_, _) => Task.CompletedTask, this);
        hub.On("JS.EndInvokeDotNet", [typeof(string), typeof(bool), typeof(string)], (_, _) => Task.CompletedTask, this);
        hub.On("JS.EndUpdateRootComponents", [typeof(long)], (_, _) => Task.CompletedTask, this);
        hub.On("JS.EndLocationChanging", [typeof(int), typeof(bool)], (_, _) => Task.CompletedTask, this);

        await hub.StartAsync(ct);
        _secret = await hub.InvokeAsync<string?>("StartCircuit", _baseUri.ToString(), _pageUri.ToString(), "[]", markers.ApplicationState, ct);
        if (string.IsNullOrEmpty(_secret))
        {
            throw new InvalidOperationException("StartCircuit refused: " + Error);
        }

        // blazor.web.js adds the root components once the server's renderer has attached its interop methods.
        await Task.WhenAny(_attached.Task, Task.Delay(TimeSpan.FromSeconds(10), ct));
        await hub.SendAsync("UpdateRootComponents", markers.AddOperations(), markers.ApplicationState, ct);
    }

    /// <summary>Waits until a render batch arrived and then none for <paramref name="quiet"/> (the page settled).</summary>
    public async Task SettleAsync(TimeSpan quiet, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            ct.ThrowIfCancellationRequested();
            if (Error is not null)
            {
                throw new InvalidOperationException("circuit error: " + Error);
            }

            var last = Interlocked.Read(ref _lastBatchTicks);
            if (last != 0 && Stopwatch.GetElapsedTime(last) >= quiet)
            {
                return;
            }

            await Task.Delay(50, ct);
        }

        throw new TimeoutException($"the page did not settle within {timeout.TotalSeconds} s (batches: {Batches}, error: {Error})");
    }

    /// <summary>
    /// Dispatches a click on <paramref name="handlerId"/> and completes with the Stopwatch ticks from sending it to the
    /// first render batch for which <paramref name="reflects"/> is true.
    /// </summary>
    public async Task<TimeSpan> ClickAsync(ulong handlerId, Func<IReadOnlyList<RenderedButton>, IReadOnlyList<AttributeChange>, bool> reflects, TimeSpan timeout, CancellationToken ct)
    {
        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _watch = reflects;
            _watchDone = done;
        }

        var descriptor = string.Create(CultureInfo.InvariantCulture, $$"""{"eventHandlerId":{{handlerId}},"eventName":"click","eventFieldInfo":null}""");
        var callId = Interlocked.Increment(ref _callIds).ToString(CultureInfo.InvariantCulture);
        var started = Stopwatch.GetTimestamp();
        // blazor.web.js (.NET 8+) dispatches through the renderer's interop object, not the hub's DispatchBrowserEvent.
        await _hub!.SendAsync("BeginInvokeDotNetFromJS", callId, null, "DispatchEventAsync", _interopMethodsId, $"[{descriptor},{ClickArgs}]", ct);
        var finished = await done.Task.WaitAsync(timeout, ct);
        return Stopwatch.GetElapsedTime(started, finished);
    }

    private async Task OnRenderBatchAsync(long batchId, byte[] data)
    {
        var received = Stopwatch.GetTimestamp();
        Batches++;
        BatchBytes += data.Length;
        try
        {
            List<RenderedButton> buttons = [];
            List<AttributeChange> changes = [];
            RenderBatchReader.Read(data, buttons, changes, out _);
            lock (_gate)
            {
                _buttons.AddRange(buttons);
                foreach (var button in buttons)
                {
                    if (button.ClickHandlerId != 0)
                    {
                        _clickHandlers[button.ComponentId] = button.ClickHandlerId;
                    }
                }

                foreach (var change in changes)
                {
                    if (change.Name == "onclick" && change.EventHandlerId != 0 && _clickHandlers.ContainsKey(change.ComponentId))
                    {
                        _clickHandlers[change.ComponentId] = change.EventHandlerId;
                    }
                }
                if (_watch is { } watch && watch(buttons, changes))
                {
                    _watchDone!.TrySetResult(received);
                    _watch = null;
                }
            }
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            Error ??= "unreadable render batch: " + ex.Message;
        }

        Interlocked.Exchange(ref _lastBatchTicks, Stopwatch.GetTimestamp());
        await _hub!.SendAsync("OnRenderCompleted", batchId, null);
    }

    private async Task OnBeginInvokeJSAsync(object?[] args)
    {
        JsCalls++;
        var handle = (long)args[0]!;
        var identifier = (string?)args[1];
        if (identifier is not null && identifier.Contains("attachWebRendererInterop", StringComparison.Ordinal))
        {
            // (rendererId, interopMethods, …): events go to interopMethods.DispatchEventAsync, as in blazor.web.js.
            var reference = DotNetObject().Match((string?)args[2] ?? string.Empty);
            if (reference.Success)
            {
                _interopMethodsId = long.Parse(reference.Groups["id"].Value, CultureInfo.InvariantCulture);
            }

            _attached.TrySetResult();
        }

        if (Environment.GetEnvironmentVariable("BENCH_TRACE_JS") == "1")
        {
            await Console.Error.WriteLineAsync($"js {handle} {identifier} resultType={args[3]}");
        }

        if (handle == 0)
        {
            return;
        }

        // JSCallResultType.JSObjectReference = 1: the caller wants a reference it will call methods on later.
        var result = (int)args[3]! == 1
            ? string.Create(CultureInfo.InvariantCulture, $$"""{"__jsObjectId":{{Interlocked.Increment(ref s_jsObjectIds)}}}""")
            : "null";
        await _hub!.SendAsync("EndInvokeJSFromDotNet", handle, true, string.Create(CultureInfo.InvariantCulture, $"[{handle},true,{result}]"));
    }

    public async ValueTask DisposeAsync()
    {
        if (_hub is null)
        {
            return;
        }

        // What blazor.web.js does on unload: tell the server to drop the circuit now rather than keep it for reconnection.
        if (_secret is not null)
        {
            try
            {
                using var form = new FormUrlEncodedContent([new KeyValuePair<string, string>("circuitId", _secret)]);
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseUri, "_blazor/disconnect")) { Content = form };
                request.Headers.Add("Origin", _baseUri.GetLeftPart(UriPartial.Authority));
                using var _ = await _http.SendAsync(request);
            }
            catch (HttpRequestException)
            {
                // the app went away; nothing to release
            }
        }

        await _hub.DisposeAsync();
        _hub = null;
    }

    [GeneratedRegex("\"__dotNetObject\":(?<id>\\d+)")]
    private static partial Regex DotNetObject();
}
