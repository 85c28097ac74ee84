using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PatchHound.Infrastructure.Secrets;

public static class SecretStoreRegistration
{
    /// <summary>
    /// The secret store chosen by <c>SecretStore:Provider</c> as <see cref="ISecretStore"/> (not registered when None),
    /// and <see cref="SecretResolver"/> as the one <see cref="ISecretResolver"/>. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddSecretStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecretStoreOptions>().Bind(configuration.GetSection(SecretStoreOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecretStoreOptions>, SecretStoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new ConfigurationSecretResolver(configuration));
        services.TryAddSingleton<SecretKeyRing>();
        services.TryAddSingleton<KeyVaultSecrets>();
        services.TryAddSingleton<KeyVaultSecretStore>();
        services.TryAddScoped<EncryptedSecretStore>();

        services.RemoveAll<ISecretStore>();
        var provider = configuration.GetSection(SecretStoreOptions.Section).Get<SecretStoreOptions>()?.Provider ?? SecretStoreProvider.None;
        switch (provider)
        {
            case SecretStoreProvider.Database:
                services.AddScoped<ISecretStore>(sp => sp.GetRequiredService<EncryptedSecretStore>());
                break;
            case SecretStoreProvider.KeyVault:
                services.AddSingleton<ISecretStore>(sp => sp.GetRequiredService<KeyVaultSecretStore>());
                break;
        }

        services.RemoveAll<ISecretResolver>();
        services.AddSingleton<ISecretResolver, SecretResolver>();
        return services;
    }
}
