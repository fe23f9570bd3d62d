using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Infrastructure.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Infrastructure.Tests.Protection;

/// <summary>Where the keys come from, and what happens when they are missing.</summary>
public sealed class DataProtectionKeyOptionsTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "lotgenoten-tests", Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IEnumerable<KeyValuePair<string, string?>> Settings(string? kek, string? blindIndexKey) =>
    [
        new("DataProtection:KeyEncryptionKey", kek),
        new("DataProtection:BlindIndexKey", blindIndexKey),
        new("DataProtection:DevelopmentKeyDirectory", Path.Combine(folder, "keys")),
        new("Database:MigrateOnStartup", "false"),
        new("ConnectionStrings:Lotgenoten", $"Data Source={Path.Combine(folder, "db.sqlite")}"),
    ];

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task StartUp_OutsideDevelopmentWithoutKeys_StopsNamingTheSettings(string environment)
    {
        using var host = TestHost.Build(settings: Settings(null, null), environment: environment);

        var error = await Should.ThrowAsync<OptionsValidationException>(() => host.Services.InitializeDatabaseAsync(Ct));
        error.Message.ShouldContain("DataProtection:KeyEncryptionKey is not configured");
        error.Message.ShouldContain("DataProtection:BlindIndexKey is not configured");
        await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync(Ct));
        Directory.Exists(Path.Combine(folder, "keys")).ShouldBeFalse("keys are generated in Development only");
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAECAwQFBgcICQoLDA0ODw==")] // 16 bytes
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIj")] // 36 bytes
    public async Task StartUp_MalformedKeyEncryptionKey_StopsWithoutShowingIt(string kek)
    {
        using var host = TestHost.Build(settings: Settings(kek, TestKeys.BlindIndexKey), environment: "Production");

        var error = await Should.ThrowAsync<OptionsValidationException>(() => host.Services.InitializeDatabaseAsync(Ct));
        error.Message.ShouldContain("DataProtection:KeyEncryptionKey is malformed");
        error.Message.ShouldNotContain(kek);
    }

    [Fact]
    public void StartUp_MalformedKeyInDevelopment_IsNotReplaced()
    {
        using var host = TestHost.Build(settings: Settings("short", null), environment: "Development");
        Should.Throw<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<DataProtectionKeyOptions>>().Value)
            .Message.ShouldContain("DataProtection:KeyEncryptionKey is malformed");
    }

    [Fact]
    public void StartUp_SameKeyForBothPurposes_Stops()
    {
        using var host = TestHost.Build(settings: Settings(TestKeys.KeyEncryptionKey, TestKeys.KeyEncryptionKey), environment: "Production");
        Should.Throw<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<DataProtectionKeyOptions>>().Value)
            .Message.ShouldContain("must be different");
    }

    [Fact]
    public async Task StartUp_InDevelopmentWithoutKeys_GeneratesThemOnceOutsideTheRepository()
    {
        var log = new CapturingLoggerProvider();
        string kek, blindIndexKey;
        using (var host = TestHost.Build(settings: Settings(null, null), environment: "Development", logger: log))
        {
            await host.Services.InitializeDatabaseAsync(Ct);
            var options = host.Services.GetRequiredService<IOptions<DataProtectionKeyOptions>>().Value;
            kek = options.KeyEncryptionKey!;
            blindIndexKey = options.BlindIndexKey!;
        }

        var kekFile = Path.Combine(folder, "keys", "key-encryption-key");
        File.ReadAllText(kekFile).ShouldBe(kek);
        File.ReadAllText(Path.Combine(folder, "keys", "blind-index-key")).ShouldBe(blindIndexKey);
        Convert.FromBase64String(kek).Length.ShouldBe(32);
        kek.ShouldNotBe(blindIndexKey);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(kekFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        log.AllText.ShouldContain("generated one and stored it in " + kekFile);
        log.AllText.ShouldNotContain(kek);
        log.AllText.ShouldNotContain(blindIndexKey);

        // The next start reads the same keys.
        var again = new CapturingLoggerProvider();
        using (var host = TestHost.Build(settings: Settings(null, null), environment: "Development", logger: again))
        {
            host.Services.GetRequiredService<IOptions<DataProtectionKeyOptions>>().Value.KeyEncryptionKey.ShouldBe(kek);
        }

        again.AllText.ShouldContain("using the key-encryption-key stored in " + kekFile);
        again.AllText.ShouldNotContain("generated");
        Directory.GetFiles(Path.Combine(folder, "keys")).Length.ShouldBe(2);
    }

    [Fact]
    public void DefaultDevelopmentKeyDirectory_IsUnderLocalApplicationData()
    {
        var directory = DevelopmentProtectionKeys.DefaultDirectory();
        directory.ShouldStartWith(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify));
        directory.ShouldEndWith("Lotgenoten");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
