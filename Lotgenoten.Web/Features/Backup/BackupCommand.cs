using Lotgenoten.Infrastructure.Backup;
using Microsoft.Data.Sqlite;

namespace Lotgenoten.Web.Features.Backup;

/// <summary>
/// <c>dotnet Lotgenoten.Web.dll backup --to PATH</c> and <c>restore --from PATH [--to PATH]</c>: SQLite's online backup
/// of the configured database, and its restore into an empty database (by default the configured one, which must not
/// exist or be empty). PostgreSQL is backed up with pg_dump and restored with pg_restore (README, "Backups"). Reads the
/// app's own configuration (environment variables and <c>--Key=value</c> arguments override). Exit codes: 0 done,
/// 1 bad arguments or a PostgreSQL configuration, 2 refused (the backup file exists, the target is not empty, the
/// source is missing).
/// </summary>
public static class BackupCommand
{
    public const int ExitBadArguments = 1;

    public const int ExitRefused = 2;

    private const string Usage = """
        Usage: backup --to PATH                 a consistent copy of the configured SQLite database, while the app runs
               restore --from PATH [--to PATH]  into an empty database (default: the configured one); stop the app first
        """;

    /// <summary>True when the first argument is <c>backup</c> or <c>restore</c>.</summary>
    public static bool IsRequested(string[] args) =>
        args is { Length: > 0 } && (string.Equals(args[0], "backup", StringComparison.OrdinalIgnoreCase)
                                    || string.Equals(args[0], "restore", StringComparison.OrdinalIgnoreCase));

    /// <summary>Runs the command; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var restore = string.Equals(args[0], "restore", StringComparison.OrdinalIgnoreCase);
        string? from = null, to = null;
        var rest = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--from" when i + 1 < args.Length:
                    from = args[++i];
                    break;
                case "--to" when i + 1 < args.Length:
                    to = args[++i];
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        if ((restore && string.IsNullOrWhiteSpace(from)) || (!restore && string.IsNullOrWhiteSpace(to)) || (!restore && from is not null))
        {
            await error.WriteLineAsync(Usage);
            return ExitBadArguments;
        }

        var builder = WebApplication.CreateBuilder(rest.ToArray());
        if (!string.Equals(builder.Configuration["Database:Provider"] ?? "Sqlite", "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            await error.WriteLineAsync(
                "The database is PostgreSQL: back it up with pg_dump --format=custom and restore it with pg_restore into an empty database (README, \"Backups\").");
            return ExitBadArguments;
        }

        var configured = SqliteBackup.ConfiguredConnectionString(builder.Configuration, builder.Environment);
        try
        {
            if (restore)
            {
                var target = to is null ? configured : new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(to) }.ToString();
                await SqliteBackup.RestoreAsync(from!, target, ct);
                await output.WriteLineAsync($"Restored {from} into {new SqliteConnectionStringBuilder(target).DataSource}.");
            }
            else
            {
                await SqliteBackup.BackupAsync(configured, to!, ct);
                await output.WriteLineAsync($"Backed up {new SqliteConnectionStringBuilder(configured).DataSource} to {to} (integrity checked).");
            }

            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or InvalidDataException or SqliteException)
        {
            await error.WriteLineAsync(e.Message);
            return ExitRefused;
        }
    }
}
