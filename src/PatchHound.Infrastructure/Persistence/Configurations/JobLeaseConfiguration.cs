using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchHound.Infrastructure.Leases;

namespace PatchHound.Infrastructure.Persistence.Configurations;

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> builder)
    {
        builder.HasKey(l => l.Key);
        builder.Property(l => l.Key).HasMaxLength(JobLease.KeyMaxLength);
        builder.Property(l => l.Owner).HasMaxLength(JobLease.OwnerMaxLength);
        builder.HasIndex(l => l.ExpiresAt);
    }
}
