using Hangfire;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PatchHound.IntegrationTests.Hosting;

/// <summary>The real API host in-process, configured only through settings, as an operator would configure it.</summary>
public sealed class ApiHostFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    private static readonly Lock HangfireStorageGate = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    // AddHangfire gives a host the static JobStorage.Current as it is when the host first asks for its storage, and
    // every host's configuration sets that static: two API hosts of parallel test classes would enqueue into each
    // other's databases. Configuring and resolving under one lock pins each host to its own storage.
    protected override IHost CreateHost(IHostBuilder builder)
    {
        lock (HangfireStorageGate)
        {
            var host = base.CreateHost(builder);
            host.Services.GetRequiredService<JobStorage>();
            return host;
        }
    }
}
