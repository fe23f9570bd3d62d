using Lotgenoten.Infrastructure.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lotgenoten.Infrastructure.Data.Configurations;

internal sealed class AuthSessionConfiguration : IEntityTypeConfiguration<AuthSession>
{
    public void Configure(EntityTypeBuilder<AuthSession> builder)
    {
        builder.ToTable("AuthSessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(AuthSession.IdLength).IsFixedLength();
        builder.Property(s => s.Scheme).HasMaxLength(AuthSession.SchemeMaxLength).IsRequired();
        builder.Property(s => s.Subject).HasMaxLength(AuthSession.SubjectMaxLength);
        builder.Property(s => s.Ticket).IsRequired();
        builder.HasIndex(s => s.ExpiresAt);
        builder.HasIndex(s => s.Subject);
    }
}
