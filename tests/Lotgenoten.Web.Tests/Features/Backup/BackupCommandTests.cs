using Lotgenoten.Web.Features.Backup;
using Microsoft.Data.Sqlite;

namespace Lotgenoten.Web.Tests.Features.Backup;

/// <summary>
/// The documented <c>backup</c> and <c>restore</c> commands on a real SQLite file: a copy with every row, refusals that
/// change nothing (an existing backup file, a target that holds data, a missing argument, a PostgreSQL configuration).
/// (That a restored backup gives every annual figure identically is proven on both databases in the infrastructure
/// tests, BackupRestoreTests.)
/// </summary>
public sealed class BackupCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "lotgenoten-backup-command", Guid.NewGuid().ToString("N"));
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public BackupCommandTests()
    {
        Directory.CreateDirectory(_folder);
    }

    private string PathOf(string name) => Path.Combine(_folder, name);

    private Task<int> RunAsync(params string[] args) => BackupCommand.RunAsync(args, _output, _error, TestContext.Current.CancellationToken);

    private string Database(string name) => $"--ConnectionStrings:Lotgenoten=Data Source={PathOf(name)}";

    private async Task CreateSourceAsync(int rows)
    {
        await using var connection = new SqliteConnection($"Data Source={PathOf("live.db")}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE t (v TEXT NOT NULL); " + string.Concat(Enumerable.Range(0, rows).Select(i => $"INSERT INTO t VALUES ('row {i}');"));
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<long> CountAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM t";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task BackupThenRestore_IntoNewFile_KeepsEveryRowAndRefusesToOverwrite()
    {
        await CreateSourceAsync(rows: 250);

        (await RunAsync("backup", "--to", PathOf("backup.db"), Database("live.db"))).ShouldBe(0, _error.ToString());
        (await CountAsync(PathOf("backup.db"))).ShouldBe(250);

        (await RunAsync("backup", "--to", PathOf("backup.db"), Database("live.db"))).ShouldBe(BackupCommand.ExitRefused);
        _error.ToString().ShouldContain("exists already");

        (await RunAsync("restore", "--from", PathOf("backup.db"), Database("restored.db"))).ShouldBe(0, _error.ToString());
        (await CountAsync(PathOf("restored.db"))).ShouldBe(250);

        (await RunAsync("restore", "--from", PathOf("backup.db"), "--to", PathOf("live.db"), Database("other.db"))).ShouldBe(BackupCommand.ExitRefused);
        _error.ToString().ShouldContain("not empty");
        (await CountAsync(PathOf("live.db"))).ShouldBe(250, "a refused restore leaves the target as it was");
    }

    [Theory]
    [InlineData("backup")]
    [InlineData("restore")]
    [InlineData("restore", "--to", "x.db")]
    [InlineData("backup", "--from", "a.db", "--to", "b.db")]
    public async Task Run_MissingOrWrongArguments_PrintsUsageAndExitsOne(params string[] args)
    {
        (await RunAsync(args)).ShouldBe(BackupCommand.ExitBadArguments);
        _error.ToString().ShouldContain("Usage:");
    }

    [Fact]
    public async Task Restore_MissingBackupFile_IsRefused()
    {
        (await RunAsync("restore", "--from", PathOf("nowhere.db"), Database("restored.db"))).ShouldBe(BackupCommand.ExitRefused);
        File.Exists(PathOf("restored.db")).ShouldBeFalse();
    }

    [Fact]
    public async Task Backup_PostgresConfigured_PointsToPgDump()
    {
        (await RunAsync("backup", "--to", PathOf("b.db"), "--Database:Provider=Postgres")).ShouldBe(BackupCommand.ExitBadArguments);
        _error.ToString().ShouldContain("pg_dump");
        File.Exists(PathOf("b.db")).ShouldBeFalse();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _output.Dispose();
        _error.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleanup.
        }
    }
}
