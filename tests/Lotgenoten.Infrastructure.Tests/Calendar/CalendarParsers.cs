using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lotgenoten.Infrastructure.Tests.Calendar;

/// <summary>
/// iCalendar parsers that no one here wrote, run as child processes inside the test run: ical.js (Mozilla's, used by
/// Thunderbird; <c>tests/js/ical-check.mjs</c>) and python3-icalendar with dateutil (<c>tests/python/ical_check.py</c>).
/// Both answer the same JSON (<see cref="ParsedCalendar"/>): every component and property as the parser decoded it, and
/// the occurrences it expands, with UTC instants from the file's own VTIMEZONE. Self-contained (System.* only) so that
/// other test projects can link this file. Settings: <c>LOTGENOTEN_TEST_NODE_MODULES</c> (default tests/js/node_modules),
/// <c>LOTGENOTEN_TEST_NODE</c> (default node on PATH), <c>LOTGENOTEN_TEST_PYTHON</c> (default /usr/bin/python3).
/// A missing tool fails the test with what to install (./test.sh installs everything).
/// </summary>
public static class CalendarParsers
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Both parsers, for theories and loops.</summary>
    public static IReadOnlyList<string> Names { get; } = ["ical.js", "python-icalendar"];

    /// <summary>Parses with the named parser (<see cref="Names"/>).</summary>
    public static async Task<ParsedCalendar> ParseAsync(string parser, byte[] ics, int maxOccurrences = 500) =>
        (await ParseManyAsync(parser, [ics], maxOccurrences))[0];

    /// <summary>Parses several objects in one run of the named parser (one process start instead of many); results in order.</summary>
    public static Task<IReadOnlyList<ParsedCalendar>> ParseManyAsync(string parser, IReadOnlyList<byte[]> documents, int maxOccurrences = 500) => parser switch
    {
        "ical.js" => IcalJsAsync(documents, maxOccurrences),
        "python-icalendar" => PythonAsync(documents, maxOccurrences),
        _ => throw new ArgumentOutOfRangeException(nameof(parser), parser, "Unknown parser."),
    };

    /// <summary>Parses with ical.js (node).</summary>
    public static async Task<ParsedCalendar> IcalJsAsync(byte[] ics, int maxOccurrences = 500) => (await IcalJsAsync([ics], maxOccurrences))[0];

    /// <summary>Parses with python3-icalendar (and dateutil for the expansion).</summary>
    public static async Task<ParsedCalendar> PythonAsync(byte[] ics, int maxOccurrences = 500) => (await PythonAsync([ics], maxOccurrences))[0];

    /// <summary>Parses several objects with ical.js (node), in one process.</summary>
    public static Task<IReadOnlyList<ParsedCalendar>> IcalJsAsync(IReadOnlyList<byte[]> documents, int maxOccurrences = 500)
    {
        var modules = Environment.GetEnvironmentVariable("LOTGENOTEN_TEST_NODE_MODULES") is { Length: > 0 } m
            ? m
            : Path.Combine(RepositoryRoot(), "tests", "js", "node_modules");
        if (!File.Exists(Path.Combine(modules, "ical.js", "dist", "ical.js")))
        {
            throw new InvalidOperationException(
                $"ical.js is not installed in {modules}: run `npm ci` in tests/js (./test.sh does), or set LOTGENOTEN_TEST_NODE_MODULES.");
        }

        var node = Environment.GetEnvironmentVariable("LOTGENOTEN_TEST_NODE") is { Length: > 0 } n ? n : "node";
        var script = Path.Combine(RepositoryRoot(), "tests", "js", "ical-check.mjs");
        return RunAsync(node, script, documents, maxOccurrences, new() { ["LOTGENOTEN_TEST_NODE_MODULES"] = modules },
            "node (Debian package nodejs; ./test.sh installs it) or set LOTGENOTEN_TEST_NODE");
    }

    /// <summary>Parses several objects with python3-icalendar (and dateutil for the expansion), in one process.</summary>
    public static Task<IReadOnlyList<ParsedCalendar>> PythonAsync(IReadOnlyList<byte[]> documents, int maxOccurrences = 500)
    {
        var python = Environment.GetEnvironmentVariable("LOTGENOTEN_TEST_PYTHON") is { Length: > 0 } p ? p : "/usr/bin/python3";
        var script = Path.Combine(RepositoryRoot(), "tests", "python", "ical_check.py");
        return RunAsync(python, script, documents, maxOccurrences, [],
            "python3 with python3-icalendar (Debian: apt-get install python3-icalendar; ./test.sh installs it), or set LOTGENOTEN_TEST_PYTHON");
    }

    /// <summary>The folder that holds Lotgenoten.sln, found upwards from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lotgenoten.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Lotgenoten.sln above {AppContext.BaseDirectory}.");
    }

    private static async Task<IReadOnlyList<ParsedCalendar>> RunAsync(
        string executable, string script, IReadOnlyList<byte[]> documents, int maxOccurrences, Dictionary<string, string> environment, string install)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Count == 0)
        {
            return [];
        }

        var files = new List<string>();
        try
        {
            foreach (var document in documents)
            {
                var file = Path.Combine(Path.GetTempPath(), $"lotgenoten-{Guid.NewGuid():N}.ics");
                files.Add(file);
                await File.WriteAllBytesAsync(file, document);
            }

            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            start.ArgumentList.Add(script);
            start.ArgumentList.Add("--max");
            start.ArgumentList.Add(maxOccurrences.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var file in files)
            {
                start.ArgumentList.Add(file);
            }

            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }

            Process process;
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException($"Cannot run {executable} ({e.Message}): install {install}.", e);
            }

            using (process)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
                var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
                var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
                await process.WaitForExitAsync(timeout.Token);
                var output = await stdout;
                var errors = await stderr;
                if (process.ExitCode != 0)
                {
                    var hint = errors.Contains("No module named", StringComparison.Ordinal) || errors.Contains("Cannot find", StringComparison.Ordinal)
                        ? $" Install {install}."
                        : string.Empty;
                    throw new InvalidOperationException($"{Path.GetFileName(executable)} {Path.GetFileName(script)} failed ({process.ExitCode}):{hint}\n{errors}");
                }

                return files.Count == 1
                    ? [JsonSerializer.Deserialize<ParsedCalendar>(output, Json) ?? throw new InvalidOperationException($"{executable} printed no calendar.")]
                    : JsonSerializer.Deserialize<List<ParsedCalendar>>(output, Json) ?? throw new InvalidOperationException($"{executable} printed no calendars.");
            }
        }
        finally
        {
            foreach (var file in files)
            {
                File.Delete(file);
            }
        }
    }
}

/// <summary>What a parser understood: the VCALENDAR tree and the expanded occurrences.</summary>
public sealed record ParsedCalendar(string Parser, ParsedComponent Root, IReadOnlyList<ParsedOccurrence> Occurrences)
{
    /// <summary>Every component of a name, at any depth.</summary>
    public IReadOnlyList<ParsedComponent> All(string name) => Root.Descendants().Where(c => c.Name == name).ToList();

    /// <summary>Every property in the whole object, at any depth.</summary>
    public IReadOnlyList<ParsedProperty> AllProperties() => Root.Descendants().SelectMany(c => c.Properties).ToList();
}

/// <summary>One component with its own properties and sub-components.</summary>
public sealed record ParsedComponent(string Name, IReadOnlyList<ParsedProperty> Properties, IReadOnlyList<ParsedComponent> Components)
{
    public IEnumerable<ParsedComponent> Descendants() => Components.SelectMany(c => c.Descendants()).Prepend(this);

    /// <summary>The properties of a name (this component only).</summary>
    public IReadOnlyList<ParsedProperty> Named(string name) => Properties.Where(p => p.Name == name).ToList();

    /// <summary>The first value of the one property of that name; null when absent; throws when there are several.</summary>
    public string? Value(string name) => Named(name).SingleOrDefault()?.Values.FirstOrDefault();
}

/// <summary>One property as decoded (text unescaped).</summary>
public sealed record ParsedProperty(string Name, IReadOnlyDictionary<string, string> Parameters, IReadOnlyList<string?> Values);

/// <summary>One occurrence: wall-clock start/end in <see cref="Tzid"/>, and the UTC instants the file's VTIMEZONE gives.</summary>
public sealed record ParsedOccurrence(
    string Uid,
    string? RecurrenceId,
    string Start,
    string End,
    string? Tzid,
    string StartUtc,
    string EndUtc,
    string? Summary,
    string? Location,
    string? Status,
    [property: JsonPropertyName("sequence")] string? Sequence);
