using Lotgenoten.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Lotgenoten.Infrastructure.Backup;

/// <summary>
/// Backup and restore of the SQLite database with SQLite's online backup API: a consistent copy of a database the app
/// is still using (readers and writers carry on; a write during the copy makes SQLite restart the copy, so the file is
/// always one committed state). PostgreSQL is backed up with its own tools (<c>pg_dump</c>/<c>pg_restore</c>, README).
/// The backup holds ciphertext only: the key-encryption key that opens it is kept elsewhere and is not in the file.
/// </summary>
public static class SqliteBackup
{
    /// <summary>The SQLite connection string the app would use with this configuration (the file made absolute).</summary>
    public static string ConfiguredConnectionString(IConfiguration configuration, IHostEnvironment environment) =>
        DatabaseConnection.Resolve(DatabaseProvider.Sqlite, configuration, environment);

    /// <summary>Copies the database into a new file. Refuses to overwrite a file, and checks the copy's integrity.</summary>
    public static async Task BackupAsync(string sourceConnectionString, string destinationPath, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        if (File.Exists(destinationPath))
        {
            throw new IOException($"The backup file {destinationPath} exists already; choose a new name.");
        }

        var source = new SqliteConnectionStringBuilder(sourceConnectionString) { Mode = SqliteOpenMode.ReadOnly };
        if (!File.Exists(source.DataSource))
        {
            throw new FileNotFoundException("The database to back up does not exist.", source.DataSource);
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(destinationPath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        await CopyAsync(source.ToString(), Create(destinationPath), ct);
    }

    /// <summary>
    /// Restores a backup into an empty database (a new file, or one without any table). Refuses a database that holds
    /// anything, so a restore can never mix two states or overwrite the live data by mistake.
    /// </summary>
    public static async Task RestoreAsync(string backupPath, string targetConnectionString, CancellationToken ct)
    {
        if (!File.Exists(backupPath))
        {
            throw new FileNotFoundException("The backup file does not exist.", backupPath);
        }

        var target = new SqliteConnectionStringBuilder(targetConnectionString);
        if (File.Exists(target.DataSource) && await TableCountAsync(target.ToString(), ct) > 0)
        {
            throw new InvalidOperationException("The database to restore into is not empty; restore into a new file.");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(target.DataSource));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var source = new SqliteConnectionStringBuilder { DataSource = backupPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        await CopyAsync(source.ToString(), Create(target.DataSource), ct);
    }

    private static string Create(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();

    private static async Task CopyAsync(string sourceConnectionString, string destinationConnectionString, CancellationToken ct)
    {
        await using var source = new SqliteConnection(sourceConnectionString);
        await source.OpenAsync(ct);
        await using var destination = new SqliteConnection(destinationConnectionString);
        await destination.OpenAsync(ct);
        source.BackupDatabase(destination);

        await using var check = destination.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        var result = (string?)await check.ExecuteScalarAsync(ct);
        if (!string.Equals(result, "ok", StringComparison.Ordinal))
        {
            throw new InvalidDataException("The copy failed SQLite's integrity check: " + result);
        }
    }

    private static async Task<long> TableCountAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
        return (long)(await command.ExecuteScalarAsync(ct) ?? 0L);
    }
}
