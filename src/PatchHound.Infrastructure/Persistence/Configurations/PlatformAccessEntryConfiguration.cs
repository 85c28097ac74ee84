using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchHound.Core.Audit;

namespace PatchHound.Infrastructure.Persistence.Configurations;

internal sealed class PlatformAccessEntryConfiguration : IEntityTypeConfiguration<PlatformAccessEntry>
{
    public void Configure(EntityTypeBuilder<PlatformAccessEntry> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Actor).HasMaxLength(200).IsRequired();
        builder.Property(e => e.Reason).HasMaxLength(1000).IsRequired();
        builder.HasIndex(e => e.At);
    }
}
