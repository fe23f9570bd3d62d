using Lotgenoten.Infrastructure.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lotgenoten.Infrastructure.Data.Configurations;

internal sealed class ScheduledRunConfiguration : IEntityTypeConfiguration<ScheduledRun>
{
    public void Configure(EntityTypeBuilder<ScheduledRun> builder)
    {
        builder.ToTable("ScheduledRuns");

        // One row per job and day: the insert that wins the key is the claim (atomic on SQLite and PostgreSQL alike).
        builder.HasKey(r => new { r.Job, r.Day });
        builder.Property(r => r.Job).HasMaxLength(ScheduledRun.JobMaxLength);
        builder.Property(r => r.Instance).HasMaxLength(ScheduledRun.InstanceMaxLength).IsRequired();
    }
}
