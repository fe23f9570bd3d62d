using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lotgenoten.Infrastructure.Data.Configurations;

internal sealed class AttendanceRecordConfiguration : IEntityTypeConfiguration<AttendanceRecord>
{
    public void Configure(EntityTypeBuilder<AttendanceRecord> builder)
    {
        builder.ToTable("Attendance");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Status).StoredAsName();
        builder.Property(a => a.RecordedBy).HasMaxLength(AttendanceRecord.RecordedByMaxLength).IsRequired();
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.Attended);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PeerGroup>().WithMany().HasForeignKey(a => a.GroupId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Membership>().WithMany().HasForeignKey(a => a.MembershipId).OnDelete(DeleteBehavior.SetNull);

        // One row per member per meeting; unlinked rows (null member) may be many.
        builder.HasIndex(a => new { a.MeetingId, a.MembershipId }).IsUnique();
        builder.HasIndex(a => new { a.GroupId, a.Status });
        builder.HasIndex(a => a.MembershipId);
    }
}

internal sealed class MeetingResponseConfiguration : IEntityTypeConfiguration<MeetingResponse>
{
    public void Configure(EntityTypeBuilder<MeetingResponse> builder)
    {
        builder.ToTable("MeetingResponses");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Answer).StoredAsName();
        builder.Property(r => r.Message).HasMaxLength(MeetingResponse.MessageMaxLength);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Ignore(r => r.SuggestedStatus);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(r => r.MeetingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Membership>().WithMany().HasForeignKey(r => r.MembershipId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.MeetingId, r.MembershipId }).IsUnique();
        builder.HasIndex(r => r.MembershipId);
    }
}
