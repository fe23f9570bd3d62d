using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Lotgenoten.Infrastructure.Data;

/// <summary>Works out the connection string of the configured provider.</summary>
internal static class DatabaseConnection
{
    /// <summary>
    /// The PostgreSQL connection string as configured, or the SQLite one with its file made absolute under the content
    /// root (default <see cref="DatabaseOptions.DefaultSqliteFile"/>) and its folder created.
    /// </summary>
    public static string Resolve(DatabaseProvider provider, IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        if (provider == DatabaseProvider.Postgres)
        {
            return string.IsNullOrWhiteSpace(configured)
                ? throw new InvalidOperationException(MissingPostgresConnectionString)
                : configured;
        }

        var sqlite = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(configured) ? $"Data Source={DatabaseOptions.DefaultSqliteFile}" : configured);
        if (IsFile(sqlite))
        {
            if (!Path.IsPathRooted(sqlite.DataSource))
            {
                sqlite.DataSource = Path.GetFullPath(Path.Combine(environment.ContentRootPath, sqlite.DataSource));
            }

            var folder = Path.GetDirectoryName(sqlite.DataSource);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        return sqlite.ToString();
    }

    internal const string MissingPostgresConnectionString =
        "Database:Provider is Postgres but ConnectionStrings:Lotgenoten is not set " +
        "(for example \"Host=db;Database=lotgenoten;Username=lotgenoten;Password=...\").";

    private static bool IsFile(SqliteConnectionStringBuilder sqlite) =>
        sqlite.Mode != SqliteOpenMode.Memory
        && !string.IsNullOrEmpty(sqlite.DataSource)
        && !string.Equals(sqlite.DataSource, ":memory:", StringComparison.Ordinal)
        && !sqlite.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
}
