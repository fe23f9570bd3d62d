using Lotgenoten.Domain.Calendars;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lotgenoten.Infrastructure.Data.Configurations;

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> builder)
    {
        builder.ToTable("CalendarFeeds");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.OwnerKind).StoredAsName();
        builder.Property(f => f.OwnerId).HasMaxLength(CalendarFeed.OwnerIdMaxLength).IsRequired();
        builder.Property(f => f.TokenHash).HasMaxLength(CalendarFeedToken.HashLength).IsRequired();
        builder.Property(f => f.Version).IsConcurrencyToken();
        builder.Ignore(f => f.IsActive);

        // One feed row per owner (rotating replaces its hash), so at most one active feed per owner.
        builder.HasIndex(f => new { f.OwnerKind, f.OwnerId }).IsUnique();
        builder.HasIndex(f => f.TokenHash).IsUnique();
    }
}
