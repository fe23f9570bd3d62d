using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Web.Features.ReferralApi;

/// <summary>
/// One API client with a key (configuration section <c>ApiClients</c>, a list): its name, the lower-case hex SHA-256
/// of its key (the key itself is never configured), and its scopes.
/// </summary>
public sealed class ApiClientOptions
{
    public const string Section = "ApiClients";

    /// <summary>The development keys: accepted in Development only, refused at start-up everywhere else.</summary>
    public static readonly IReadOnlyList<string> DevelopmentKeys = ["dev-helpline-key", "dev-report-key"];

    public string Name { get; set; } = string.Empty;

    public string KeyHash { get; set; } = string.Empty;

    public List<string> Scopes { get; set; } = [];

    /// <summary>The lower-case hex SHA-256 of a key's UTF-8 bytes, as <see cref="KeyHash"/> holds it.</summary>
    public static string HashKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>Reads the section; outside Development refuses a configured hash of a development key.</summary>
    internal static List<ApiClientOptions> Read(IConfiguration configuration, IHostEnvironment environment)
    {
        var clients = configuration.GetSection(Section).Get<List<ApiClientOptions>>() ?? [];
        if (!environment.IsDevelopment())
        {
            var devHashes = DevelopmentKeys.Select(HashKey).ToHashSet(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < clients.Count; i++)
            {
                if (devHashes.Contains(clients[i].KeyHash?.Trim() ?? string.Empty))
                {
                    throw new InvalidOperationException(
                        $"{Section}:{i}:KeyHash is the hash of a development key in the '{environment.EnvironmentName}' environment. " +
                        "The development keys are public; configure a key of your own (its SHA-256) outside Development.");
                }
            }
        }

        return clients;
    }
}

/// <summary>All configured API clients (validated at start-up).</summary>
public sealed class ApiClientsOptions
{
    public List<ApiClientOptions> Clients { get; } = [];
}

/// <summary>Checks the <c>ApiClients</c> section at start-up: valid unique names, well-formed hashes, known scopes.</summary>
internal sealed class ApiClientsOptionsValidator : IValidateOptions<ApiClientsOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiClientsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var hashes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Clients.Count; i++)
        {
            var client = options.Clients[i];
            var at = $"{ApiClientOptions.Section}:{i}";
            if (!ApiClient.IsValidName(client.Name))
            {
                failures.Add($"{at}:Name must be 1–{ApiClient.NameMaxLength} letters, digits, '.', '_' or '-'.");
            }
            else if (!names.Add(client.Name))
            {
                failures.Add($"{at}:Name '{client.Name}' is configured twice.");
            }

            if (client.KeyHash is not { Length: 64 } hash || !hash.All(char.IsAsciiHexDigitLower))
            {
                failures.Add($"{at}:KeyHash must be the lower-case hex SHA-256 of the key (64 characters).");
            }
            else if (!hashes.Add(hash))
            {
                failures.Add($"{at}:KeyHash is used by two clients.");
            }

            if (client.Scopes.Count == 0 || client.Scopes.Any(s => !ApiScopes.All.Contains(s, StringComparer.Ordinal)))
            {
                failures.Add($"{at}:Scopes must hold one or more of: {string.Join(", ", ApiScopes.All)}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
