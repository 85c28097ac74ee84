using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PatchHound.Api.Audit;
using PatchHound.Api.Tenancy;
using PatchHound.Core.Identity;
using PatchHound.Core.Sources;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Secrets;
using PatchHound.Reads.Sources;

namespace PatchHound.Api.Sources;

/// <summary>
/// Sets or removes a source's credential. The value goes to the secret store (<see cref="ISecretStore"/>) under the
/// source's own name; the source keeps only the reference, and no endpoint ever returns the value.
/// </summary>
internal static class SourceCredentialsApi
{
    public static void Map(RouteGroupBuilder sources)
    {
        sources.MapPut("/{id:guid}/credentials", SetAsync).AllowTenantRoles(TenantRole.TenantAdmin)
            .WithName("SetSourceCredentials").WithSummary("Stores the source's credential in the secret store; it is never readable back.");
        sources.MapDelete("/{id:guid}/credentials", RemoveAsync).AllowTenantRoles(TenantRole.TenantAdmin)
            .WithName("RemoveSourceCredentials").WithSummary("Removes the source's credential from the source and the secret store.");
    }

    private static async Task<Results<Ok<SourceDto>, ProblemHttpResult, ValidationProblem>> SetAsync(
        Guid id, SourceCredentialsRequest request, SourceCommands commands, CancellationToken cancellationToken) =>
        (await commands.SetCredentialsAsync(id, request, cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        Guid id, PatchHoundDbContext db, [FromServices] ISecretStore? secrets, AuditTrail audit, TimeProvider clock,
        ILogger<SourceDto> logger, CancellationToken cancellationToken)
    {
        var source = await db.SourceConfigurations.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (source is null)
        {
            return SourcesApi.NotFound();
        }

        if (source.CredentialReference is null)
        {
            return TypedResults.NoContent();
        }

        var before = SourceSnapshot.From(source);
        var reference = source.CredentialReference;
        source.Reconnect(source.BaseUrl, source.PageSize, null, clock.GetUtcNow());
        audit.Record("source.credentials_removed", SourcesApi.EntityType, source.Id, before, SourceSnapshot.From(source));
        await db.SaveChangesAsync(cancellationToken);
        await ForgetSecretAsync(secrets, source.TenantId, source.Id, reference, logger, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Deletes the secret the store wrote for this source, after the source stopped pointing at it. A reference the
    /// store did not write (<c>local://</c>, set by an operator) is left alone. A failure leaves an orphan secret,
    /// which is logged, not an error: the change itself is done.
    /// </summary>
    public static async Task ForgetSecretAsync(
        ISecretStore? secrets, Guid tenantId, Guid sourceId, string? reference, ILogger logger, CancellationToken cancellationToken)
    {
        if (secrets is null || reference is null || reference.StartsWith(SecretReference.LocalScheme + "://", StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            await secrets.DeleteAsync(tenantId, SecretName.ForSource(sourceId), cancellationToken);
        }
        catch (SecretStoreException e)
        {
            logger.LogWarning("Secret of source {SourceId} was left in the store: {Reason}", sourceId, e.Message);
        }
    }
}
