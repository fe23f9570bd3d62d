using System.Diagnostics;
using Lotgenoten.Domain.Notes;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Backup;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Figures;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Infrastructure.Tests.Retention;
using Lotgenoten.Infrastructure.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Lotgenoten.Infrastructure.Tests.Backup;

/// <summary>
/// A backup made with the documented command (SQLite's online backup while the app has the database open; pg_dump in
/// its custom format) and restored into an empty database gives every figure of the annual report of every year
/// identically, and the encrypted e-mail addresses and notes open with the same key-encryption key.
/// </summary>
public abstract class BackupRestoreTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private static readonly DateTimeOffset Today = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    protected static readonly int[] Years = [2023, 2024, 2025, 2026];

    private readonly FakeTimeProvider _clock = new(Today);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    /// <summary>Backs the test's database up and restores it into a new, empty database; returns the restored database's settings.</summary>
    protected abstract Task<IEnumerable<KeyValuePair<string, string?>>> BackupAndRestoreAsync(string folder);

    [Fact]
    public async Task Restore_IntoEmptyDatabase_GivesEveryFigureOfEveryYearAndOpensEncryptedFields()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            (await ActivatorUtilities.CreateInstance<DemoDataSeeder>(scope.ServiceProvider).SeedAsync(Ct)).ShouldBeTrue();
        }

        var before = await SnapshotAsync(Host);
        before.Figures.Sum(f => f.ReferralsReceived.Total).ShouldBeGreaterThan(50, "the demo data fills the years compared");
        before.Emails.ShouldNotBeEmpty();
        before.Notes.ShouldNotBeEmpty();

        var folder = Path.Combine(Path.GetTempPath(), "lotgenoten-backup-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var restored = CreateHost(await BackupAndRestoreAsync(folder), services: ConfigureServices);
            var after = await SnapshotAsync(restored);

            for (var i = 0; i < Years.Length; i++)
            {
                before.Figures[i].ShouldEqual(after.Figures[i]);
            }

            after.Emails.ShouldBe(before.Emails);
            after.Notes.ShouldBe(before.Notes);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed record Snapshot(List<PeriodFigures> Figures, List<string> Emails, List<string> Notes);

    private async Task<Snapshot> SnapshotAsync(IHost host)
    {
        var factory = host.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>();
        var protector = host.Services.GetRequiredService<IFieldProtector>();
        await using var db = await factory.CreateDbContextAsync(Ct);
        var figures = new List<PeriodFigures>();
        foreach (var year in Years)
        {
            figures.Add(await FiguresQuery.ComputeAsync(db, FiguresPeriod.Year(year), Ct));
        }

        var emails = (await db.Set<Referral>().AsNoTracking().Where(r => r.EmailCiphertext != null).OrderBy(r => r.Id)
                .Select(r => r.EmailCiphertext!).ToListAsync(Ct))
            .Select(c => protector.Unprotect(ProtectionPurposes.ReferralEmail, c)).ToList();
        var notes = (await db.Set<FacilitatorNote>().AsNoTracking().Where(n => n.TextCiphertext != null).OrderBy(n => n.Id)
                .Select(n => n.TextCiphertext!).ToListAsync(Ct))
            .Select(c => protector.Unprotect(ProtectionPurposes.NoteText, c)).ToList();
        return new Snapshot(figures, emails, notes);
    }
}

public sealed class SqliteBackupRestoreTests(SqliteTestDatabase db) : BackupRestoreTests<SqliteTestDatabase>(db)
{
    protected override async Task<IEnumerable<KeyValuePair<string, string?>>> BackupAndRestoreAsync(string folder)
    {
        var backup = Path.Combine(folder, "lotgenoten-backup.db");
        var restored = Path.Combine(folder, "restored", "lotgenoten.db");

        // Online: the app keeps a reader open on the database while the copy is made.
        await using (var open = new SqliteConnection(Database.ConnectionString))
        {
            await open.OpenAsync(Ct);
            await using var transaction = await open.BeginTransactionAsync(Ct);
            await using var read = open.CreateCommand();
            read.CommandText = "SELECT count(*) FROM \"Referrals\"";
            ((long)(await read.ExecuteScalarAsync(Ct))!).ShouldBeGreaterThan(0);
            await SqliteBackup.BackupAsync(Database.ConnectionString, backup, Ct);
        }

        await Should.ThrowAsync<IOException>(() => SqliteBackup.BackupAsync(Database.ConnectionString, backup, Ct));
        await SqliteBackup.RestoreAsync(backup, $"Data Source={restored}", Ct);
        await Should.ThrowAsync<InvalidOperationException>(() => SqliteBackup.RestoreAsync(backup, $"Data Source={restored}", Ct));

        return [new("Database:Provider", "Sqlite"), new("ConnectionStrings:Lotgenoten", $"Data Source={restored}")];
    }
}

public sealed class PostgresBackupRestoreTests(PostgresTestDatabase db) : BackupRestoreTests<PostgresTestDatabase>(db)
{
    protected override async Task<IEnumerable<KeyValuePair<string, string?>>> BackupAndRestoreAsync(string folder)
    {
        var dump = Path.Combine(folder, "lotgenoten.dump");
        var source = new NpgsqlConnectionStringBuilder(Database.ConnectionString);
        var target = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Database = source.Database + "_restored" };

        // The commands of the README: pg_dump --format=custom, then pg_restore into a new, empty database.
        await RunAsync("pg_dump", source, "--format=custom", "--no-owner", "--file", dump, source.Database!);
        await using (var admin = new NpgsqlConnection(PostgresTestDatabase.AdminConnectionString()))
        {
            await admin.OpenAsync(Ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database}\"", admin);
            await create.ExecuteNonQueryAsync(Ct);
        }

        await RunAsync("pg_restore", source, "--no-owner", "--exit-on-error", "--dbname", target.Database!, dump);
        return [new("Database:Provider", "Postgres"), new("ConnectionStrings:Lotgenoten", target.ToString())];
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        var target = new NpgsqlConnectionStringBuilder(Database.ConnectionString);
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(PostgresTestDatabase.AdminConnectionString());
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{target.Database}_restored\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a PostgreSQL client tool (from LOTGENOTEN_TEST_PG_BIN, the Debian path of version 15, or PATH).</summary>
    private static async Task RunAsync(string tool, NpgsqlConnectionStringBuilder server, params string[] arguments)
    {
        var info = new ProcessStartInfo(ToolPath(tool))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--host=" + server.Host);
        info.ArgumentList.Add("--port=" + server.Port);
        info.ArgumentList.Add("--username=" + server.Username);
        info.ArgumentList.Add("--no-password");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException(tool + " did not start");
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        process.ExitCode.ShouldBe(0, $"{tool} failed: {await error}");
    }

    private static string ToolPath(string tool)
    {
        var folder = Environment.GetEnvironmentVariable("LOTGENOTEN_TEST_PG_BIN");
        if (!string.IsNullOrWhiteSpace(folder) && File.Exists(Path.Combine(folder, tool)))
        {
            return Path.Combine(folder, tool);
        }

        var debian = Path.Combine("/usr/lib/postgresql/15/bin", tool);
        return File.Exists(debian) ? debian : tool;
    }
}
