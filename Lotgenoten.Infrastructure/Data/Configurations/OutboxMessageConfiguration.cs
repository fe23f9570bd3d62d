using Lotgenoten.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lotgenoten.Infrastructure.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Kind).HasMaxLength(OutboxMessage.KindMaxLength).IsRequired();
        builder.Property(m => m.RecipientCiphertext).HasMaxLength(OutboxMessage.RecipientCiphertextMaxLength);
        builder.Property(m => m.Subject).HasMaxLength(OutboxMessage.SubjectMaxLength);
        builder.Property(m => m.TextBodyCiphertext).HasMaxLength(OutboxMessage.TextBodyCiphertextMaxLength);
        builder.Property(m => m.CalendarMethod).HasConversion<string>().HasMaxLength(ConfigurationExtensions.EnumNameMaxLength);
        builder.Property(m => m.Status).StoredAsName();
        builder.Property(m => m.LastError).HasMaxLength(OutboxMessage.ErrorMaxLength);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.Ignore(m => m.IsErased);

        // The dispatcher's query (due messages) and the failed-messages page.
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
    }
}
