using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Secrets;
using PatchHound.IntegrationTests.Harness;
using PatchHound.Jobs;

namespace PatchHound.IntegrationTests.Api.Config;

/// <summary>
/// The <see cref="ISecretResolver"/> of a container composed as the worker host composes its own
/// (<c>AddPatchHoundPersistence</c> + <c>AddJobs</c>), configured with the same secret store as the API under test.
/// </summary>
internal sealed class WorkerSecretResolver : IAsyncDisposable
{
    private readonly IHost host;

    private WorkerSecretResolver(IHost host) => this.host = host;

    public ISecretResolver Resolver => host.Services.GetRequiredService<ISecretResolver>();

    public static WorkerSecretResolver For(TestDatabase database, string keyId, string key)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:PatchHound"] = database.AppConnectionString(),
            ["SecretStore:Provider"] = "Database",
            ["SecretStore:ActiveKeyId"] = keyId,
            [$"SecretStore:Keys:{keyId}"] = key,
        });
        builder.AddPatchHoundPersistence();
        builder.AddJobs();
        return new WorkerSecretResolver(builder.Build());
    }

    public ValueTask DisposeAsync()
    {
        host.Dispose();
        return ValueTask.CompletedTask;
    }
}
