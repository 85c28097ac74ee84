using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchHound.Core.Common;
using PatchHound.Core.Identity;

namespace PatchHound.Infrastructure.Persistence.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.HasClientKey();
        builder.Property(u => u.Email).HasMaxLength(User.EmailMaxLength).IsRequired();
        builder.Property(u => u.DisplayName).HasMaxLength(Limits.Name).IsRequired();
        builder.Property(u => u.ExternalSubject).HasMaxLength(User.ExternalSubjectMaxLength);

        builder.HasIndex(u => u.Email).IsUnique();
        // PostgreSQL unique indexes already allow many NULLs; the filter keeps the index to linked users only.
        builder.HasIndex(u => u.ExternalSubject).IsUnique().HasFilter("external_subject IS NOT NULL");
    }
}
