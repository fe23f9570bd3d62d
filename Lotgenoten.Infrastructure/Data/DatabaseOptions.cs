using System.ComponentModel.DataAnnotations;

namespace Lotgenoten.Infrastructure.Data;

/// <summary>The database engine behind <see cref="LotgenotenDbContext"/>.</summary>
public enum DatabaseProvider
{
    /// <summary>A SQLite file: the default, for development and small installations.</summary>
    Sqlite,

    /// <summary>PostgreSQL: for production.</summary>
    Postgres,
}

/// <summary>Configuration section <c>Database</c>; the connection string is <c>ConnectionStrings:Lotgenoten</c>.</summary>
public sealed class DatabaseOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Database";

    /// <summary>The name under <c>ConnectionStrings</c>.</summary>
    public const string ConnectionStringName = "Lotgenoten";

    /// <summary>
    /// The SQLite file used when no connection string is configured, relative to the content root.
    /// A relative SQLite <c>Data Source</c> is always taken relative to the content root.
    /// </summary>
    public const string DefaultSqliteFile = "App_Data/lotgenoten.db";

    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    [EnumDataType(typeof(DatabaseProvider))]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations at start-up (default true; production may turn it off and migrate by script).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
