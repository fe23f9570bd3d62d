using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Lotgenoten.Infrastructure.Data;

/// <summary>The PostgreSQL flavour of <see cref="LotgenotenDbContext"/>; owns the migrations in <c>Data/Migrations/Postgres</c>.</summary>
public sealed class PostgresLotgenotenDbContext(DbContextOptions<PostgresLotgenotenDbContext> options)
    : LotgenotenDbContext(options);

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model without a server (<c>scripts/add-migration.sh</c>).</summary>
public sealed class PostgresLotgenotenDbContextDesignTimeFactory : IDesignTimeDbContextFactory<PostgresLotgenotenDbContext>
{
    /// <inheritdoc />
    public PostgresLotgenotenDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresLotgenotenDbContext>()
            .UseNpgsql("Host=localhost;Database=lotgenoten_design_time")
            .UseApplicationServiceProvider(DesignTimeServices.Instance)
            .Options);
}
