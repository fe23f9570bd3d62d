using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lotgenoten.Infrastructure.Data.Configurations;

internal sealed class MeetingSeriesConfiguration : IEntityTypeConfiguration<MeetingSeries>
{
    public void Configure(EntityTypeBuilder<MeetingSeries> builder)
    {
        builder.ToTable("MeetingSeries");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Pattern).StoredAsName();
        builder.Property(s => s.Status).StoredAsName();
        builder.Property(s => s.TimeZoneId).HasMaxLength(64).IsRequired();
        builder.PrimitiveCollection(s => s.SkippedDates);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasOne<PeerGroup>().WithMany().HasForeignKey(s => s.GroupId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.GroupId);
    }
}

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.ToTable("Meetings");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Status).StoredAsName();
        builder.Property(m => m.TimeZoneId).HasMaxLength(64).IsRequired();
        builder.Property(m => m.Theme).HasMaxLength(Meeting.ThemeMaxLength);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.Ignore(m => m.IsMovedFromSeries);
        builder.Ignore(m => m.StartLocal);
        builder.HasOne<PeerGroup>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MeetingSeries>().WithMany().HasForeignKey(m => m.SeriesId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.GroupId, m.StartsAt });
        builder.HasIndex(m => new { m.Status, m.StartsAt });

        // The annual figures (issue 9, bench/README.md "report"): meetings held per group while a member was in it, and
        // meetings held in a period by their date.
        builder.HasIndex(m => new { m.GroupId, m.Status, m.StartsAt });
        builder.HasIndex(m => new { m.Status, m.Date });
        builder.HasIndex(m => m.SeriesId);
    }
}
