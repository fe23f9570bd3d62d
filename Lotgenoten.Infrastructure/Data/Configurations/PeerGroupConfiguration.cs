using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lotgenoten.Infrastructure.Data.Configurations;

internal sealed class PeerGroupConfiguration : IEntityTypeConfiguration<PeerGroup>
{
    public void Configure(EntityTypeBuilder<PeerGroup> builder)
    {
        builder.ToTable("PeerGroups");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.Name).HasMaxLength(PeerGroup.NameMaxLength).IsRequired();
        builder.Property(g => g.Audience).StoredAsName();
        builder.Property(g => g.Language).StoredAsName();
        builder.Property(g => g.Format).StoredAsName();
        builder.Property(g => g.Region).HasConversion<string>().HasMaxLength(ConfigurationExtensions.EnumNameMaxLength);
        builder.Property(g => g.Status).StoredAsName();
        builder.Property(g => g.Address).HasMaxLength(PeerGroup.AddressMaxLength);
        builder.Property(g => g.OnlineLink).HasMaxLength(PeerGroup.OnlineLinkMaxLength);
        builder.Property(g => g.Version).IsConcurrencyToken();
        builder.Ignore(g => g.OpenPlaces);
        builder.Ignore(g => g.IsFull);

        builder.HasMany(g => g.Facilitators).WithOne().HasForeignKey(f => f.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(g => g.Facilitators).HasField("_facilitators").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(g => g.Memberships).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(g => g.Memberships).HasField("_memberships").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasIndex(g => g.Status);
    }
}

internal sealed class GroupFacilitatorConfiguration : IEntityTypeConfiguration<GroupFacilitator>
{
    public void Configure(EntityTypeBuilder<GroupFacilitator> builder)
    {
        builder.ToTable("GroupFacilitators");
        builder.HasKey(f => new { f.GroupId, f.StaffMemberId });
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(f => f.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(f => f.StaffMemberId);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.ToTable("Memberships");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.ParticipantId).HasMaxLength(Membership.ParticipantIdMaxLength);
        builder.Property(m => m.Pseudonym).HasMaxLength(Pseudonym.MaxLength * 4);
        builder.Property(m => m.PseudonymSkeleton).HasMaxLength(Pseudonym.MaxLength * 4);
        builder.Property(m => m.Status).StoredAsName();
        builder.Property(m => m.EndReason).HasConversion<string>().HasMaxLength(ConfigurationExtensions.EnumNameMaxLength);
        builder.Property(m => m.CheckInDoneBy).HasMaxLength(Membership.ParticipantIdMaxLength);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.Ignore(m => m.IsOpen);
        builder.Ignore(m => m.IsMember);

        builder.HasOne<Referral>().WithMany().HasForeignKey(m => m.ReferralId).OnDelete(DeleteBehavior.Restrict);

        // Deleting a participant's account can never delete their membership: it unlinks it (the figures hold).
        builder.HasOne<ParticipantUser>().WithMany().HasForeignKey(m => m.ParticipantId).OnDelete(DeleteBehavior.SetNull);

        builder.HasIndex(m => new { m.GroupId, m.Status });
        builder.HasIndex(m => new { m.GroupId, m.PseudonymSkeleton });
        builder.HasIndex(m => m.ReferralId);
        builder.HasIndex(m => m.ParticipantId);
    }
}
