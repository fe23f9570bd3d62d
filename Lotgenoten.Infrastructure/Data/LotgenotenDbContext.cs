using Lotgenoten.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Lotgenoten.Infrastructure.Data;

/// <summary>
/// The one database of the portal: the domain, participants' Identity accounts and the Data Protection key ring.
/// Each provider has a derived context (<c>SqliteLotgenotenDbContext</c>, <c>PostgresLotgenotenDbContext</c>) that owns
/// its own set of migrations; code everywhere else uses this base type.
/// </summary>
public abstract class LotgenotenDbContext : IdentityDbContext<ParticipantUser>, IDataProtectionKeyContext
{
    protected LotgenotenDbContext(DbContextOptions options) : base(options)
    {
    }

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LotgenotenDbContext).Assembly);
    }
}
