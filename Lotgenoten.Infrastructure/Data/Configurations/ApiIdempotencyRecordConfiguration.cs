using Lotgenoten.Infrastructure.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lotgenoten.Infrastructure.Data.Configurations;

internal sealed class ApiIdempotencyRecordConfiguration : IEntityTypeConfiguration<ApiIdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<ApiIdempotencyRecord> builder)
    {
        builder.ToTable("ApiIdempotencyRecords");

        // The key is the client's own: two clients may use the same key without meeting each other.
        builder.HasKey(r => new { r.ClientId, r.Key });
        builder.Property(r => r.ClientId).HasMaxLength(ApiIdempotencyRecord.ClientIdMaxLength);
        builder.Property(r => r.Key).HasMaxLength(ApiIdempotencyRecord.KeyMaxLength);
        builder.Property(r => r.Operation).HasMaxLength(100).IsRequired();
        builder.Property(r => r.RequestHash).HasMaxLength(ApiIdempotencyRecord.RequestHashLength).IsRequired();
        builder.HasIndex(r => r.CreatedAt);
    }
}
