using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Lotgenoten.Web.Tests.Infrastructure;

/// <summary>
/// The real app in a test host: its own SQLite file in a temp folder, its own key-encryption keys, Development unless
/// told otherwise, and no demo data unless a test asks for it.
/// </summary>
public class LotgenotenWebFactory : WebApplicationFactory<Program>
{
    private readonly string _directory =
        Path.Combine(Path.GetTempPath(), "lotgenoten-web-tests", Guid.NewGuid().ToString("N"));

    public LotgenotenWebFactory(string environment = "Development", IReadOnlyDictionary<string, string?>? settings = null)
    {
        EnvironmentName = environment;
        Settings = settings ?? new Dictionary<string, string?>();
        Directory.CreateDirectory(_directory);
    }

    public string EnvironmentName { get; }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>The folder this host may use; deleted when the factory is disposed.</summary>
    public string TempDirectory => _directory;

    public string DatabasePath => Path.Combine(_directory, "lotgenoten.db");

    /// <summary>A client that does not follow redirects (tests look at them) and keeps cookies.</summary>
    public HttpClient CreateNonRedirectingClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("ConnectionStrings:Lotgenoten", $"Data Source={DatabasePath}");
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("DataProtection:KeyEncryptionKey", RandomKey());
        builder.UseSetting("DataProtection:BlindIndexKey", RandomKey());
        builder.UseSetting("DataProtection:DevelopmentKeyDirectory", Path.Combine(_directory, "keys"));
        builder.UseSetting("Smtp:PickupDirectory", Path.Combine(_directory, "mail-pickup")); // test mails stay in the temp folder
        builder.UseSetting("Retention:Enabled", "false"); // a daily run on a fake clock would add audit events to other tests
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow machine: the temp folder is cleaned up by the OS.
            }
        }
    }

    private static string RandomKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}

/// <summary>A Development host shared by the tests of one class (<c>IClassFixture&lt;DevelopmentApp&gt;</c>).</summary>
public sealed class DevelopmentApp : LotgenotenWebFactory
{
    public DevelopmentApp()
        : base("Development")
    {
    }
}
