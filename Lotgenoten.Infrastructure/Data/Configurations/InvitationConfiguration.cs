using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Invitations;
using Lotgenoten.Domain.Referrals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lotgenoten.Infrastructure.Data.Configurations;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.ToTable("Invitations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.CodeHash).HasMaxLength(Invitation.CodeHashMaxLength).IsRequired();
        builder.Property(i => i.LinkTokenHash).HasMaxLength(Invitation.CodeHashMaxLength).IsRequired();
        builder.Property(i => i.Delivery).StoredAsName();
        builder.Property(i => i.CreatedBy).HasMaxLength(Invitation.ActorMaxLength).IsRequired();
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasOne<Referral>().WithMany().HasForeignKey(i => i.ReferralId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PeerGroup>().WithMany().HasForeignKey(i => i.GroupId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Membership>().WithMany().HasForeignKey(i => i.MembershipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => i.CodeHash).IsUnique();
        builder.HasIndex(i => i.LinkTokenHash).IsUnique();
        builder.HasIndex(i => i.ReferralId);
        builder.HasIndex(i => i.MembershipId);
    }
}
