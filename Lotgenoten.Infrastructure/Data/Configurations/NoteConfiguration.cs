using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Notes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lotgenoten.Infrastructure.Data.Configurations;

internal sealed class FacilitatorNoteConfiguration : IEntityTypeConfiguration<FacilitatorNote>
{
    public void Configure(EntityTypeBuilder<FacilitatorNote> builder)
    {
        builder.ToTable("FacilitatorNotes");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Kind).StoredAsName();
        builder.Property(n => n.TextCiphertext).HasMaxLength(FacilitatorNote.CiphertextMaxLength);
        builder.Property(n => n.AuthorId).HasMaxLength(FacilitatorNote.AuthorMaxLength).IsRequired();
        builder.Property(n => n.Version).IsConcurrencyToken();
        builder.HasOne<PeerGroup>().WithMany().HasForeignKey(n => n.GroupId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(n => n.MeetingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Membership>().WithMany().HasForeignKey(n => n.MembershipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(n => new { n.GroupId, n.Kind });
        builder.HasIndex(n => n.MeetingId);

        // One session note per meeting, even when two facilitators start it at the same moment.
        builder.HasIndex(n => n.MeetingId, "IX_FacilitatorNotes_SessionNote").IsUnique().HasFilter("\"Kind\" = 'Session'");
        builder.HasIndex(n => n.MembershipId);
    }
}

internal sealed class SafeguardingConcernConfiguration : IEntityTypeConfiguration<SafeguardingConcern>
{
    public void Configure(EntityTypeBuilder<SafeguardingConcern> builder)
    {
        builder.ToTable("SafeguardingConcerns");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Status).StoredAsName();
        builder.Property(c => c.RaisedBy).HasMaxLength(SafeguardingConcern.ActorMaxLength).IsRequired();
        builder.Property(c => c.TakenBy).HasMaxLength(SafeguardingConcern.ActorMaxLength);
        builder.Property(c => c.HandledBy).HasMaxLength(SafeguardingConcern.ActorMaxLength);
        builder.Property(c => c.ActionCiphertext).HasMaxLength(FacilitatorNote.CiphertextMaxLength);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.IsOpen);
        builder.HasOne<FacilitatorNote>().WithMany().HasForeignKey(c => c.NoteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PeerGroup>().WithMany().HasForeignKey(c => c.GroupId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.NoteId).IsUnique();
        builder.HasIndex(c => new { c.Status, c.RaisedAt });
    }
}
