using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Lotgenoten.Infrastructure.Data;

/// <summary>The SQLite flavour of <see cref="LotgenotenDbContext"/>; owns the migrations in <c>Data/Migrations/Sqlite</c>.</summary>
public sealed class SqliteLotgenotenDbContext(DbContextOptions<SqliteLotgenotenDbContext> options)
    : LotgenotenDbContext(options)
{
    /// <summary>
    /// SQLite has no date-time-with-offset type, and EF Core cannot compare or order DateTimeOffset stored as text there.
    /// Every instant we store is UTC, so the binary form (ticks with the offset) sorts and compares correctly in SQL.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without starting the web app (<c>scripts/add-migration.sh</c>).</summary>
public sealed class SqliteLotgenotenDbContextDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLotgenotenDbContext>
{
    /// <inheritdoc />
    public SqliteLotgenotenDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteLotgenotenDbContext>()
            .UseSqlite("Data Source=lotgenoten-design-time.db")
            .UseApplicationServiceProvider(DesignTimeServices.Instance)
            .Options);
}
