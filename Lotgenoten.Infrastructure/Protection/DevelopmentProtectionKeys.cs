using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Infrastructure.Protection;

/// <summary>
/// Development only: fills in a key that is not configured from a file outside the repository, generating it the first
/// time (mode 600). Other environments must configure their keys; the validator then stops start-up.
/// </summary>
internal sealed class DevelopmentProtectionKeys(IHostEnvironment environment, ILogger<DevelopmentProtectionKeys> logger)
    : IPostConfigureOptions<DataProtectionKeyOptions>
{
    internal const string KeyEncryptionKeyFile = "key-encryption-key";
    internal const string BlindIndexKeyFile = "blind-index-key";

    public void PostConfigure(string? name, DataProtectionKeyOptions options)
    {
        if (!environment.IsDevelopment())
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(options.KeyEncryptionKey))
        {
            options.KeyEncryptionKey = LoadOrCreate(Directory(options), KeyEncryptionKeyFile);
        }

        if (string.IsNullOrWhiteSpace(options.BlindIndexKey))
        {
            options.BlindIndexKey = LoadOrCreate(Directory(options), BlindIndexKeyFile);
        }
    }

    internal static string DefaultDirectory()
    {
        var localData = Environment.GetFolderPath(
            Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return string.IsNullOrEmpty(localData)
            ? throw new InvalidOperationException(
                "No local application data folder to keep the development keys in; set DataProtection:DevelopmentKeyDirectory " +
                "(outside the repository) or configure DataProtection:KeyEncryptionKey and DataProtection:BlindIndexKey.")
            : Path.Combine(localData, "Lotgenoten");
    }

    private static string Directory(DataProtectionKeyOptions options) =>
        string.IsNullOrWhiteSpace(options.DevelopmentKeyDirectory) ? DefaultDirectory() : options.DevelopmentKeyDirectory;

    private string LoadOrCreate(string directory, string fileName)
    {
        var path = Path.Combine(directory, fileName);
        if (File.Exists(path))
        {
            ProtectionLog.DevelopmentKeyLoaded(logger, fileName, path);
            return File.ReadAllText(path).Trim();
        }

        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        // Write a private temporary file, then move it in place without overwriting: two processes starting at once
        // end up with the same key.
        var temporary = Path.Combine(directory, $"{fileName}.{Guid.NewGuid():N}.tmp");
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(DataProtectionKeyOptions.KeyLength));
        using (var writer = new StreamWriter(temporary, fileOptions))
        {
            writer.Write(key);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            ProtectionLog.DevelopmentKeyLoaded(logger, fileName, path);
            return File.ReadAllText(path).Trim();
        }

        ProtectionLog.DevelopmentKeyGenerated(logger, fileName, path);
        return key;
    }
}
