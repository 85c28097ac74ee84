using Microsoft.Extensions.DependencyInjection;
using PatchHound.Infrastructure.Tenancy;
using PatchHound.ServiceDefaults;
using Serilog.Context;

namespace PatchHound.Jobs.Platform;

/// <summary>
/// Runs work for one tenant in a DI scope of its own: one DbContext, the tenant entered in the scope's
/// <see cref="TenantContext"/> (so both isolation walls apply), the tenant on every log event, and a span named
/// <c>operation</c> (area.operation: ingestion.batch, sweep.sla-check …) that carries the tenant for all spans below it.
/// </summary>
public sealed class TenantJobScope(IServiceScopeFactory scopes)
{
    public async Task<T> RunAsync<T>(Guid tenantId, string operation, Func<IServiceProvider, CancellationToken, Task<T>> work,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var span = TenantTelemetry.Source.StartActivity(operation);
        span?.SetTag(TenantTelemetry.TenantIdAttribute, tenantId.ToString());
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var tenant = await scope.ServiceProvider.GetRequiredService<TenantScope>()
                .EnterAsync(tenantId.ToString(), cancellationToken);
            using (LogContext.PushProperty("TenantId", tenant.Id))
            using (LogContext.PushProperty("Tenant", tenant.Slug))
            using (LogContext.PushProperty("TenantEdition", tenant.Edition.ToString()))
            {
                return await work(scope.ServiceProvider, cancellationToken);
            }
        }
        catch (Exception e)
        {
            // Entering the tenant can fail too (saturation, a tenant deleted meanwhile): the span says why either way.
            span?.AddException(e);
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }
}
