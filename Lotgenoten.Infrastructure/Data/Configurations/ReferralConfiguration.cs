using Lotgenoten.Domain.Referrals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lotgenoten.Infrastructure.Data.Configurations;

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> builder)
    {
        builder.ToTable("Referrals");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Reference).HasMaxLength(Referral.ReferenceLength).IsRequired();
        builder.HasIndex(r => r.Reference).IsUnique();
        builder.Property(r => r.Channel).StoredAsName();
        builder.Property(r => r.Relation).StoredAsName();
        builder.Property(r => r.Concern).StoredAsName();
        builder.Property(r => r.Language).StoredAsName();
        builder.Property(r => r.Region).StoredAsName();
        builder.Property(r => r.Format).StoredAsName();
        builder.Property(r => r.ContactPreference).StoredAsName();
        builder.Property(r => r.Status).StoredAsName();
        builder.Property(r => r.WithdrawalReason).HasConversion<string>().HasMaxLength(ConfigurationExtensions.EnumNameMaxLength);
        builder.Property(r => r.DeclineReason).HasConversion<string>().HasMaxLength(ConfigurationExtensions.EnumNameMaxLength);
        builder.Property(r => r.Availability)
            .HasConversion(a => a.Mask, mask => new WeeklyAvailability(mask));
        builder.Property(r => r.EmailCiphertext).HasMaxLength(Referral.EmailCiphertextMaxLength);
        builder.Property(r => r.EmailBlindIndex).HasMaxLength(Referral.BlindIndexMaxLength);
        builder.Property(r => r.PrivacyNoticeVersion).HasMaxLength(Referral.NoticeVersionMaxLength).IsRequired();
        builder.Property(r => r.CounsellorRemark).HasMaxLength(Referral.RemarkMaxLength);
        builder.Property(r => r.RegisteredBy).HasMaxLength(Referral.ActorMaxLength).IsRequired();
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Ignore(r => r.IsClosed);
        builder.Ignore(r => r.NextStatuses);

        builder.HasMany(r => r.History)
            .WithOne()
            .HasForeignKey(h => h.ReferralId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasIndex(r => r.Status);
        builder.HasIndex(r => r.ReceivedOn);
        builder.HasIndex(r => r.RegisteredBy);
        builder.HasIndex(r => r.EmailBlindIndex);
    }
}

internal sealed class ReferralStatusChangeConfiguration : IEntityTypeConfiguration<ReferralStatusChange>
{
    public void Configure(EntityTypeBuilder<ReferralStatusChange> builder)
    {
        builder.ToTable("ReferralStatusChanges");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.From).HasConversion<string>().HasMaxLength(ConfigurationExtensions.EnumNameMaxLength);
        builder.Property(h => h.To).StoredAsName();
        builder.Property(h => h.ChangedBy).HasMaxLength(ReferralStatusChange.ByMaxLength).IsRequired();
        builder.Property(h => h.Note).HasMaxLength(ReferralStatusChange.NoteMaxLength);
        builder.HasIndex(h => new { h.ReferralId, h.ChangedAt });
    }
}
