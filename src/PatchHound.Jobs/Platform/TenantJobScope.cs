using Microsoft.Extensions.DependencyInjection;
using PatchHound.Infrastructure.Tenancy;
using Serilog.Context;

namespace PatchHound.Jobs.Platform;

/// <summary>
/// Runs work for one tenant in a DI scope of its own: one DbContext, the tenant entered in the scope's
/// <see cref="TenantContext"/> (so both isolation walls apply) and the tenant on every log event.
/// </summary>
public sealed class TenantJobScope(IServiceScopeFactory scopes)
{
    public async Task<T> RunAsync<T>(Guid tenantId, Func<IServiceProvider, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = scopes.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<TenantScope>()
            .EnterAsync(tenantId.ToString(), cancellationToken);
        using (LogContext.PushProperty("TenantId", tenant.Id))
        using (LogContext.PushProperty("Tenant", tenant.Slug))
        {
            return await work(scope.ServiceProvider, cancellationToken);
        }
    }
}
