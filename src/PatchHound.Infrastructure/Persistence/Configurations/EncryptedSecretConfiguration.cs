using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchHound.Core.Common;
using PatchHound.Core.Secrets;

namespace PatchHound.Infrastructure.Persistence.Configurations;

internal sealed class EncryptedSecretConfiguration : IEntityTypeConfiguration<EncryptedSecret>
{
    public void Configure(EntityTypeBuilder<EncryptedSecret> builder)
    {
        builder.HasClientKey();
        builder.BelongsToTenant();
        builder.HasXminConcurrencyToken();
        builder.Property(s => s.Name).HasMaxLength(Limits.Key).IsRequired();
        builder.Property(s => s.KeyId).HasMaxLength(EncryptedSecret.KeyIdMaxLength).IsRequired();
        builder.Property(s => s.Nonce).IsRequired();
        builder.Property(s => s.Ciphertext).IsRequired();
        builder.HasIndex(s => new { s.TenantId, s.Name }).IsUnique();
    }
}
