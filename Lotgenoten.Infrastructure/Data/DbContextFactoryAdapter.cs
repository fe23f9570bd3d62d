using Microsoft.EntityFrameworkCore;

namespace Lotgenoten.Infrastructure.Data;

/// <summary>Hands out the configured provider's context as the <see cref="LotgenotenDbContext"/> base type.</summary>
internal sealed class DbContextFactoryAdapter<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<LotgenotenDbContext>
    where TContext : LotgenotenDbContext
{
    public LotgenotenDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<LotgenotenDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
