using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Lotgenoten.Bench.Circuits;
using Microsoft.Extensions.Logging;

// The circuit load client of issue 9 (measurements 3 and 4). See bench/README.md and bench/circuits.sh.
//   memory  --base URL [--n 500] [--user coordinator] [--page /wachtlijst] [--minimal /_bench/leeg]
//   latency --base URL [--n 500] [--user facilitator] [--ids-file F] [--seconds 30] [--server-pid PID]
var options = Options.Parse(args);
ThreadPool.SetMinThreads(Math.Max(32, Environment.ProcessorCount * 8), 32);
using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new StderrLoggerProvider()).SetMinimumLevel(LogLevel.Warning));
using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(options.Int("timeout-minutes", 20)));
var baseUri = new Uri(options.Get("base", "http://127.0.0.1:5183/").TrimEnd('/') + "/");

return options.Mode switch
{
    "memory" => await Memory.RunAsync(baseUri, options, loggerFactory, cts.Token),
    "latency" => await Latency.RunAsync(baseUri, options, loggerFactory, cts.Token),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Lotgenoten.Bench.Circuits memory|latency --base http://127.0.0.1:5183 [--n 500] …");
    return 2;
}

/// <summary>A signed-in user: one cookie jar and one HttpClient shared by all of that user's circuits.</summary>
internal sealed class Session : IDisposable
{
    private Session(CookieContainer cookies, HttpClient http)
    {
        Cookies = cookies;
        Http = http;
    }

    public CookieContainer Cookies { get; }

    public HttpClient Http { get; }

    public static async Task<Session> SignInAsync(Uri baseUri, string user, CancellationToken ct)
    {
        var cookies = new CookieContainer();
        var handler = new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false, MaxConnectionsPerServer = 64 };
        var http = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(2) };
        using var response = await http.GetAsync(new Uri(baseUri, $"dev/signin?user={Uri.EscapeDataString(user)}"), ct);
        if ((int)response.StatusCode is not (302 or 303) || cookies.GetCookies(baseUri).Count == 0)
        {
            throw new InvalidOperationException($"dev sign-in as {user} answered {(int)response.StatusCode} without a cookie");
        }

        return new Session(cookies, http);
    }

    public void Dispose() => Http.Dispose();
}

/// <summary>What <c>GET /_bench/heap</c> answers.</summary>
internal sealed record Heap(long HeapBytes, int Circuits, long WorkingSetBytes);

internal static class Circuits
{
    /// <summary>Opens <paramref name="n"/> circuits on <paramref name="pathOf"/>(i), a few at a time, each settled.</summary>
    public static async Task<List<CircuitClient>> OpenAsync(
        Uri baseUri, Session session, int n, Func<int, string> pathOf, ILoggerFactory loggerFactory, CancellationToken ct, int parallel = 6)
    {
        var circuits = new CircuitClient[n];
        var failures = 0;
        string? firstError = null;
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (i, token) =>
        {
            // Up to three attempts: on a machine shared with others a negotiate can expire before its WebSocket opens.
            CircuitClient circuit;
            for (var attempt = 1; ; attempt++)
            {
                circuit = new CircuitClient(baseUri, pathOf(i), session.Cookies, session.Http, loggerFactory);
                try
                {
                    await circuit.StartAsync(token);
                    await circuit.SettleAsync(TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(60), token);
                    break;
                }
                catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or HttpRequestException or IOException or AggregateException)
                {
                    await circuit.DisposeAsync();
                    if (attempt == 3)
                    {
                        Interlocked.Increment(ref failures);
                        Interlocked.CompareExchange(ref firstError, ex.Message, null);
                        break;
                    }
                }
            }

            circuits[i] = circuit;
        });
        if (failures > 0)
        {
            throw new InvalidOperationException($"{failures} of {n} circuits failed to open; first: {firstError}");
        }

        return [.. circuits];
    }

    public static async Task CloseAsync(IEnumerable<CircuitClient> circuits, CancellationToken ct) =>
        await Parallel.ForEachAsync(circuits, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (c, _) => await c.DisposeAsync());

    public static async Task<Heap> HeapAsync(Uri baseUri, HttpClient http, CancellationToken ct) =>
        await http.GetFromJsonAsync<Heap>(new Uri(baseUri, "_bench/heap"), ct)
        ?? throw new InvalidOperationException("no answer from /_bench/heap (is Bench__Diagnostics=true?)");

    /// <summary>Polls the heap endpoint until the server holds no more than <paramref name="circuits"/> circuits.</summary>
    public static async Task<Heap> HeapWhenAtMostAsync(Uri baseUri, HttpClient http, int circuits, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var heap = await HeapAsync(baseUri, http, ct);
            if (heap.Circuits <= circuits || attempt == 60)
            {
                return heap;
            }

            await Task.Delay(1000, ct);
        }
    }
}

/// <summary>Measurement 3: managed heap per circuit on the waiting list and on the minimal page.</summary>
internal static class Memory
{
    public static async Task<int> RunAsync(Uri baseUri, Options options, ILoggerFactory loggerFactory, CancellationToken ct)
    {
        var n = options.Int("n", 500);
        var page = options.Get("page", "/wachtlijst");
        var minimal = options.Get("minimal", "/_bench/leeg");
        using var session = await Session.SignInAsync(baseUri, options.Get("user", "coordinator"), ct);

        // Warm up both pages (JIT, caches, MudBlazor's statics), so that the first circuit does not carry them.
        foreach (var path in new[] { minimal, page })
        {
            var warm = await Circuits.OpenAsync(baseUri, session, 3, _ => path, loggerFactory, ct);
            await Circuits.CloseAsync(warm, ct);
        }

        var results = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var path in new[] { minimal, page })
        {
            var before = await Circuits.HeapWhenAtMostAsync(baseUri, session.Http, 0, ct);
            var started = Stopwatch.GetTimestamp();
            var circuits = await Circuits.OpenAsync(baseUri, session, n, _ => path, loggerFactory, ct);
            var opened = Stopwatch.GetElapsedTime(started);
            var with = await Circuits.HeapAsync(baseUri, session.Http, ct);
            var perCircuitKb = (with.HeapBytes - before.HeapBytes) / (double)n / 1024;
            results[path] = perCircuitKb;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"INFO {path}: {n} circuits opened in {opened.TotalSeconds:F1} s; server circuits {before.Circuits} -> {with.Circuits}; " +
                $"heap {before.HeapBytes / 1048576.0:F1} -> {with.HeapBytes / 1048576.0:F1} MB; working set {with.WorkingSetBytes / 1048576.0:F0} MB; " +
                $"{perCircuitKb:F0} KB per circuit; batches per circuit {circuits.Average(c => c.Batches):F1}, " +
                $"bytes per circuit {circuits.Average(c => c.BatchBytes):F0}, JS calls per circuit {circuits.Average(c => c.JsCalls):F1}"));
            if (with.Circuits - before.Circuits != n)
            {
                Console.WriteLine($"INFO warning: the server counts {with.Circuits - before.Circuits} new circuits, not {n}");
            }

            await Circuits.CloseAsync(circuits, ct);
        }

        var waiting = results[page];
        var ratio = waiting / results[minimal];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT circuit-kb-minimal {results[minimal]:F0} info"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT circuit-kb-waitinglist {waiting:F0} target 1024 {(waiting <= 1024 ? "PASS" : "MISS")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT circuit-ratio-waitinglist-minimal {ratio:F2} target 4 {(ratio <= 4 ? "PASS" : "MISS")}"));
        return 0;
    }
}

/// <summary>Measurement 4: clicks on attendance registers, from DispatchBrowserEvent to the batch that shows it.</summary>
internal static partial class Latency
{
    public static async Task<int> RunAsync(Uri baseUri, Options options, ILoggerFactory loggerFactory, CancellationToken ct)
    {
        var n = options.Int("n", 500);
        var seconds = options.Int("seconds", 30);
        var warmup = options.Int("warmup", 5);
        using var session = await Session.SignInAsync(baseUri, options.Get("user", "facilitator"), ct);
        var registers = options.Has("ids-file")
            ? ReadIds(await File.ReadAllTextAsync(options.Get("ids-file", string.Empty), ct))
            : await FindOpenRegistersAsync(baseUri, session, ct);
        if (registers.Count == 0)
        {
            Console.Error.WriteLine("no attendance register to click on");
            return 1;
        }

        Console.WriteLine($"INFO {registers.Count} registers; {n} circuits");
        var circuits = await Circuits.OpenAsync(baseUri, session, n, i => registers[i % registers.Count], loggerFactory, ct);

        // Circuit i takes row (i / registers) of its register: no two circuits click the same member.
        var plans = new List<(CircuitClient Circuit, int Present, int Absent)>();
        for (var i = 0; i < n; i++)
        {
            var buttons = Latest(circuits[i].Buttons);
            var present = buttons.Where(b => b.Attribute("data-testid") == "mark-Present").ToList();
            var absent = buttons.Where(b => b.Attribute("data-testid") == "mark-Absent").ToList();
            var row = i / registers.Count;
            if (row >= present.Count || row >= absent.Count || present[row].Attributes.ContainsKey("disabled"))
            {
                Console.Error.WriteLine($"circuit {i}: no enabled row {row} on {registers[i % registers.Count].Length} (present buttons: {present.Count}); more circuits than members?");
                return 1;
            }

            plans.Add((circuits[i], present[row].ComponentId, absent[row].ComponentId));
        }

        var samples = new ConcurrentBag<double>();
        var timeouts = 0;
        var skipped = 0;
        var self = Process.GetCurrentProcess();
        Process? server = options.Has("server-pid") ? Process.GetProcessById(options.Int("server-pid", 0)) : null;
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (warmup * Stopwatch.Frequency);
        var measureTo = measureFrom + (seconds * Stopwatch.Frequency);
        TimeSpan cpuSelf = default, cpuServer = default;
        var cpuProbe = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(warmup), ct);
            self.Refresh();
            server?.Refresh();
            var s0 = self.TotalProcessorTime;
            var v0 = server?.TotalProcessorTime ?? TimeSpan.Zero;
            await Task.Delay(TimeSpan.FromSeconds(seconds), ct);
            self.Refresh();
            server?.Refresh();
            cpuSelf = self.TotalProcessorTime - s0;
            cpuServer = (server?.TotalProcessorTime ?? TimeSpan.Zero) - v0;
        }, ct);

        var random = new Random(9);
        var phases = plans.Select(_ => random.NextDouble()).ToList();
        await Task.WhenAll(plans.Select(async (plan, i) =>
        {
            var target = PressedIs(plan.Circuit, plan.Present) ? plan.Absent : plan.Present;
            var next = start + (long)(phases[i] * Stopwatch.Frequency);
            while (next < measureTo)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, ct);
                }

                var sentAt = Stopwatch.GetTimestamp();
                var component = target;
                try
                {
                    var took = await plan.Circuit.ClickAsync(plan.Circuit.ClickHandlerOf(component),
                        (buttons, changes) => changes.Any(c => c.ComponentId == component && c.Name == "aria-pressed" && c.Value == "true")
                            || buttons.Any(b => b.ComponentId == component && b.Attribute("aria-pressed") == "true"),
                        TimeSpan.FromSeconds(10), ct);
                    if (sentAt >= measureFrom && sentAt < measureTo)
                    {
                        samples.Add(took.TotalMilliseconds);
                    }
                }
                catch (TimeoutException)
                {
                    if (sentAt >= measureFrom)
                    {
                        Interlocked.Increment(ref timeouts);
                    }
                }

                target = target == plan.Present ? plan.Absent : plan.Present;
                next += Stopwatch.Frequency;
                while (next < Stopwatch.GetTimestamp())
                {
                    next += Stopwatch.Frequency; // the click took longer than its second: skip a beat, as a person would wait
                    Interlocked.Increment(ref skipped);
                }
            }
        }));
        await cpuProbe;

        var errors = circuits.Count(c => c.Error is not null);
        await Circuits.CloseAsync(circuits, ct);
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0)
        {
            Console.Error.WriteLine($"no click was reflected (timeouts {timeouts}, circuit errors {errors})");
            return 1;
        }

        double P(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        var p95 = P(0.95);
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"INFO clicks {sorted.Length} in {seconds} s ({sorted.Length / (double)seconds:F0}/s); timeouts {timeouts}; skipped beats {skipped}; circuit errors {errors}"));
        Console.WriteLine(string.Create(inv, $"INFO client CPU {cpuSelf.TotalSeconds / seconds:F2} cores, server CPU {cpuServer.TotalSeconds / seconds:F2} cores (of {Environment.ProcessorCount})"));
        Console.WriteLine(string.Create(inv, $"RESULT register-click-p50-ms {P(0.50):F1} info"));
        Console.WriteLine(string.Create(inv, $"RESULT register-click-p99-ms {P(0.99):F1} info"));
        Console.WriteLine(string.Create(inv, $"RESULT register-click-p95-ms {p95:F1} target 200 {(p95 <= 200 && timeouts == 0 ? "PASS" : "MISS")}"));
        return 0;
    }

    private static bool PressedIs(CircuitClient circuit, int component) =>
        Latest(circuit.Buttons).FirstOrDefault(b => b.ComponentId == component)?.Attribute("aria-pressed") == "true";

    /// <summary>The latest rendering of each button component, in the order the components first appeared.</summary>
    private static List<RenderedButton> Latest(IReadOnlyList<RenderedButton> buttons)
    {
        var order = new List<int>();
        var latest = new Dictionary<int, RenderedButton>();
        foreach (var button in buttons)
        {
            if (!latest.ContainsKey(button.ComponentId))
            {
                order.Add(button.ComponentId);
            }

            latest[button.ComponentId] = button;
        }

        return [.. order.Select(id => latest[id])];
    }

    /// <summary>Register paths from an ids file: "/groepen/{g}/bijeenkomsten/{m}" anywhere, else two GUIDs a line.</summary>
    public static List<string> ReadIds(string text)
    {
        var paths = RegisterPath().Matches(text).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToList();
        if (paths.Count > 0)
        {
            return paths;
        }

        return [.. text.Split('\n')
            .Select(line => Guid().Matches(line))
            .Where(m => m.Count >= 2)
            .Select(m => $"/groepen/{m[0].Value}/bijeenkomsten/{m[1].Value}")];
    }

    /// <summary>Without an ids file: every register the user can take, found through /groepen and the group pages.</summary>
    private static async Task<List<string>> FindOpenRegistersAsync(Uri baseUri, Session session, CancellationToken ct)
    {
        HashSet<string> groups = new(StringComparer.Ordinal);
        foreach (var page in new[] { string.Empty, "groepen" })
        {
            groups.UnionWith(GroupPath().Matches(await session.Http.GetStringAsync(new Uri(baseUri, page), ct)).Select(m => m.Value));
        }

        HashSet<string> meetings = new(StringComparer.Ordinal);
        foreach (var page in groups.SelectMany(g => new[] { g, g + "/planning" }))
        {
            using var response = await session.Http.GetAsync(new Uri(baseUri, page.TrimStart('/')), ct);
            if (response.IsSuccessStatusCode)
            {
                meetings.UnionWith(RegisterPath().Matches(await response.Content.ReadAsStringAsync(ct)).Select(m => m.Value));
            }
        }

        List<string> registers = [];
        foreach (var meeting in meetings.Order(StringComparer.Ordinal))
        {
            var html = await session.Http.GetStringAsync(new Uri(baseUri, meeting.TrimStart('/')), ct);
            if (EnabledMark().IsMatch(html))
            {
                registers.Add(meeting);
            }
        }

        return registers;
    }

    [GeneratedRegex(@"/groepen/[0-9a-fA-F-]{36}/bijeenkomsten/[0-9a-fA-F-]{36}")]
    private static partial Regex RegisterPath();

    [GeneratedRegex(@"/groepen/[0-9a-fA-F-]{36}")]
    private static partial Regex GroupPath();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex(@"<button(?![^>]*\sdisabled)[^>]*data-testid=""mark-Present""")]
    private static partial Regex EnabledMark();
}

/// <summary>"mode --key value …".</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public string Mode { get; private set; } = string.Empty;

    public static Options Parse(string[] args)
    {
        var options = new Options { Mode = args.Length > 0 ? args[0] : string.Empty };
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            options._values[args[i].TrimStart('-')] = args[i + 1];
        }

        return options;
    }

    public bool Has(string key) => _values.ContainsKey(key);

    public string Get(string key, string fallback) => _values.GetValueOrDefault(key, fallback);

    public int Int(string key, int fallback) => _values.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
}

/// <summary>Warnings of the SignalR client to stderr (a binding error means the protocol changed).</summary>
internal sealed class StderrLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new StderrLogger(categoryName);

    public void Dispose()
    {
    }

    private sealed class StderrLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Console.Error.WriteLine($"{logLevel} {category}: {formatter(state, exception)} {exception?.Message}");
    }
}
