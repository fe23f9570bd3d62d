using Lotgenoten.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lotgenoten.Infrastructure.Data.Configurations;

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> builder)
    {
        builder.ToTable("StaffMembers");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.ObjectId).HasMaxLength(StaffMember.ObjectIdMaxLength).IsRequired();
        builder.Property(s => s.DisplayName).HasMaxLength(StaffMember.DisplayNameMaxLength).IsRequired();
        builder.HasIndex(s => s.ObjectId).IsUnique();
    }
}
