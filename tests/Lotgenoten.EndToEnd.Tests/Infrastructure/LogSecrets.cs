using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Lotgenoten.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Every secret value of the end-to-end run — what the tests type or receive (pseudonyms, login names, passphrases,
/// e-mail addresses, messages, note texts, invitation codes and link tokens, feed tokens) and the demo data's
/// (pseudonyms, the demo participant's login, the feed tokens) — and the check that none of them, and no e-mail
/// address at all, appears in the app's log (request addresses included: the app logs them at Debug in this run, see
/// <see cref="WebAppProcess"/>). <see cref="BrowserTest"/> runs the check at the end of every test and
/// <see cref="AppFixture"/> once more after the app stopped; a failure names the kind of value, the test that
/// registered it and the log line with the value masked, never the value itself.
/// Page objects register what they type and read (<c>RedeemPage</c>, <c>ParticipantPages</c>, <c>PlacementDialog</c>, …);
/// a test that fills a field itself registers the value with <see cref="Register"/>.
/// </summary>
public static partial class LogSecrets
{
    /// <summary>Values shorter than this are not checked (a one-letter "secret" would match everywhere).</summary>
    public const int MinimumLength = 3;

    private static readonly ConcurrentDictionary<string, Secret> Secrets = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>(line number, secret) pairs already reported, so that one leak fails one test, not every test after it.</summary>
    private static readonly ConcurrentDictionary<(int Line, string Value), bool> Reported = new();

    /// <summary>How many values are registered (for the harness test).</summary>
    public static int Count => Secrets.Count;

    /// <summary>Registers <paramref name="value"/> as a secret of the given kind and returns it unchanged.</summary>
    public static string Register(string value, string kind)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        if (trimmed.Length >= MinimumLength)
        {
            var test = TestContext.Current.Test?.TestDisplayName ?? "the harness";
            Secrets.TryAdd(trimmed, new Secret(trimmed, kind, test, Pattern(trimmed)));
        }

        return value;
    }

    /// <summary>Registers the token of a capability link (its last path segment) and returns the link unchanged.</summary>
    public static string RegisterLink(string link, string kind)
    {
        ArgumentNullException.ThrowIfNull(link);
        var token = link.TrimEnd('/').Split('/').Last();
        Register(token.EndsWith(".ics", StringComparison.OrdinalIgnoreCase) ? token[..^4] : token, kind);
        return link;
    }

    /// <summary>
    /// Every leak in <paramref name="log"/>: its line number, the value found (<c>@</c> for an e-mail address) and a
    /// message that says what leaked and where, with every secret in the line masked. Empty when the log is clean.
    /// </summary>
    public static IReadOnlyList<(int Line, string Value, string Message)> FindLeaks(string log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var secrets = Secrets.Values.ToList();
        var leaks = new List<(int, string, string)>();
        var lines = log.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            foreach (var secret in secrets.Where(s => s.Pattern.IsMatch(line)))
            {
                leaks.Add((i + 1, secret.Value, $"line {i + 1}: a {secret.Kind} (registered by {secret.Test}): {Mask(line, secrets)}"));
            }

            if (EmailAddress().IsMatch(line))
            {
                leaks.Add((i + 1, "@", $"line {i + 1}: an e-mail address: {Mask(line, secrets)}"));
            }
        }

        return leaks;
    }

    /// <summary>The leaks of the app's log that no earlier call reported (one leak fails one test, not every test after it).</summary>
    public static IReadOnlyList<string> FindNewLeaks(string log) =>
        FindLeaks(log).Where(leak => Reported.TryAdd((leak.Line, leak.Value), true)).Select(leak => leak.Message).ToList();

    /// <summary>Fails when <paramref name="log"/> holds a registered secret or an e-mail address not reported before.</summary>
    public static void AssertNoNewLeaks(string log, string logPath)
    {
        var leaks = FindNewLeaks(log);
        if (leaks.Count > 0)
        {
            throw new LogLeakException(
                $"The app's log ({logPath}) contains personal data or a secret ({leaks.Count}):\n" + string.Join('\n', leaks.Take(20)));
        }
    }

    /// <summary>The line with every registered secret and every e-mail address replaced by <c>[kind]</c>.</summary>
    public static string Mask(string line, IEnumerable<Secret> secrets)
    {
        ArgumentNullException.ThrowIfNull(line);
        var masked = EmailAddress().Replace(line, "[e-mail address]");
        foreach (var secret in secrets ?? [])
        {
            masked = secret.Pattern.Replace(masked, $"[{secret.Kind}]");
        }

        return masked.Trim();
    }

    /// <summary>
    /// The value as a whole word (so that the pseudonym "Ster" does not match "Register"), case-insensitive, in any of
    /// the forms an address or a log line would give it: as typed, percent-encoded, or with '+' for spaces.
    /// </summary>
    private static Regex Pattern(string value)
    {
        var forms = new[] { value, Uri.EscapeDataString(value), value.Replace(' ', '+') }
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(Regex.Escape);
        var alternatives = string.Join('|', forms);
        var builder = new StringBuilder();
        builder.Append(@"(?<![\p{L}\p{N}])(?:").Append(alternatives).Append(@")(?![\p{L}\p{N}])");
        return new Regex(builder.ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailAddress();

    public sealed record Secret(string Value, string Kind, string Test, Regex Pattern);
}

/// <summary>A secret or personal value reached the app's log.</summary>
public sealed class LogLeakException(string message) : Exception(message);
