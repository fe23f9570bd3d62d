using System.Security.Cryptography;
using Lotgenoten.Infrastructure.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Lotgenoten.Web.Tests.Infrastructure;

/// <summary>
/// The real app in a test host: its own database (a SQLite file in a temp folder, or with
/// <c>LOTGENOTEN_WEB_TESTS_DATABASE=Postgres</c> a fresh database on the server of <c>LOTGENOTEN_TEST_POSTGRES</c>, dropped
/// on dispose; see <see cref="WebTestDatabase"/>), its own key-encryption keys, Development unless told otherwise, and no
/// demo data unless a test asks for it.
/// </summary>
public class LotgenotenWebFactory : WebApplicationFactory<Program>
{
    private readonly string _directory =
        Path.Combine(Path.GetTempPath(), "lotgenoten-web-tests", Guid.NewGuid().ToString("N"));

    private readonly bool _ownsDatabase;

    /// <param name="environment">The host environment.</param>
    /// <param name="settings">Configuration that wins over the factory's own (a test may even point at another database).</param>
    /// <param name="provider">
    /// Only for tests that are about one provider (a race on each, a file on disk): the provider of this host's own
    /// database; by default <see cref="WebTestDatabase.DefaultProvider"/>.
    /// </param>
    /// <param name="database">A database shared with other hosts (two runs of the app); the caller disposes it.</param>
    public LotgenotenWebFactory(
        string environment = "Development",
        IReadOnlyDictionary<string, string?>? settings = null,
        DatabaseProvider? provider = null,
        WebTestDatabase? database = null)
    {
        EnvironmentName = environment;
        Settings = settings ?? new Dictionary<string, string?>();
        Directory.CreateDirectory(_directory);
        _ownsDatabase = database is null;
        Database = database ?? WebTestDatabase.Create(provider, _directory);
    }

    public string EnvironmentName { get; }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>The folder this host may use; deleted when the factory is disposed.</summary>
    public string TempDirectory => _directory;

    /// <summary>This host's database: its provider, its connection string, and contexts or connections on it from outside the app.</summary>
    public WebTestDatabase Database { get; }

    /// <summary>The provider of this host's database, for the few tests that really differ by provider (say why there).</summary>
    public DatabaseProvider Provider => Database.Provider;

    /// <summary>A client that does not follow redirects (tests look at them) and keeps cookies.</summary>
    public HttpClient CreateNonRedirectingClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        foreach (var (key, value) in Database.Settings)
        {
            builder.UseSetting(key, value);
        }

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
            if (_ownsDatabase)
            {
                Database.Dispose();
            }
            else
            {
                Database.ClearPool();
            }

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
