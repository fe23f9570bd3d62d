using Microsoft.Extensions.Options;

namespace Lotgenoten.Infrastructure.Protection;

/// <summary>Stops start-up when a key is missing or malformed; the messages name the setting, never its value.</summary>
internal sealed class DataProtectionKeyOptionsValidator : IValidateOptions<DataProtectionKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, DataProtectionKeyOptions options)
    {
        var failures = new List<string>();
        Check(options.KeyEncryptionKey, "DataProtection:KeyEncryptionKey", failures);
        Check(options.BlindIndexKey, "DataProtection:BlindIndexKey", failures);
        for (var i = 0; i < options.RetiredKeyEncryptionKeys.Count; i++)
        {
            Check(options.RetiredKeyEncryptionKeys[i], $"DataProtection:RetiredKeyEncryptionKeys:{i}", failures);
        }

        if (failures.Count == 0
            && string.Equals(options.KeyEncryptionKey!.Trim(), options.BlindIndexKey!.Trim(), StringComparison.Ordinal))
        {
            failures.Add("DataProtection:KeyEncryptionKey and DataProtection:BlindIndexKey must be different keys.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(string? value, string setting, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add(
                $"{setting} is not configured. Outside Development it is required: set it to the base64 of " +
                $"{DataProtectionKeyOptions.KeyLength} random bytes (for example the output of `openssl rand -base64 32`), " +
                $"from a secret store or the environment variable {setting.Replace(":", "__", StringComparison.Ordinal)}. " +
                "Keep it out of the database and its backups.");
        }
        else if (ProtectionKeys.TryDecode(value) is null)
        {
            failures.Add(
                $"{setting} is malformed: expected the base64 of exactly {DataProtectionKeyOptions.KeyLength} bytes " +
                "(for example the output of `openssl rand -base64 32`).");
        }
    }
}
