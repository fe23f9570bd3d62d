namespace Lotgenoten.Web.Features.Invitations;

/// <summary>
/// The list of common passwords shipped with the app (<c>common-passphrases.txt</c>, an embedded resource; its header
/// names the sources). A passphrase in it is refused, whatever its case. Loaded once, on first use.
/// </summary>
public static class CommonPassphrases
{
    private const string ResourceName = "Lotgenoten.Web.Features.Invitations.common-passphrases.txt";

    private static readonly Lazy<HashSet<string>> List = new(Load);

    /// <summary>How many entries the list has.</summary>
    public static int Count => List.Value.Count;

    /// <summary>Whether <paramref name="passphrase"/> is on the list, compared case-insensitively (leading and trailing spaces ignored).</summary>
    public static bool Contains(string? passphrase) =>
        !string.IsNullOrWhiteSpace(passphrase) && List.Value.Contains(passphrase.Trim());

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPassphrases).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var entries = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                entries.Add(line);
            }
        }

        return entries;
    }
}
