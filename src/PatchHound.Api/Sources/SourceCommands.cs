using Microsoft.EntityFrameworkCore;
using Npgsql;
using PatchHound.Api.Audit;
using PatchHound.Api.Work;
using PatchHound.Core.Sources;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Secrets;
using PatchHound.Reads.Sources;

namespace PatchHound.Api.Sources;

/// <summary>
/// Creates, changes and deletes the entered tenant's sources and sets their credentials: the endpoints' and the source
/// pages' one write path. Requests have passed validation; the domain's own checks (cron, URL) throw rule violations.
/// </summary>
internal sealed class SourceCommands(
    PatchHoundDbContext db, AuditTrail audit, TimeProvider clock, ILogger<SourceCommands> logger, ISecretStore? secrets = null)
{
    // Without a configured secret store (secrets is null) credentials cannot be set (503); everything else works.
    private const string What = "source";

    public async Task<CommandResult<SourceDto>> CreateAsync(CreateSourceRequest request, CancellationToken cancellationToken)
    {
        var source = new SourceConfiguration(
            db.Tenant.RequireTenantId(), request.Kind!.Value, request.Name, request.CronSchedule, request.BaseUrl,
            credentialReference: null, clock.GetUtcNow(), request.PageSize ?? SourceConfiguration.DefaultPageSize);
        source.ChoosePullMode(request.PullMode ?? SourcePullMode.Full, request.FullRunIntervalDays, source.CreatedAt);
        if (request.Enabled == false)
        {
            source.Disable(source.CreatedAt);
        }

        db.SourceConfigurations.Add(source);
        audit.Record("source.created", SourcesApi.EntityType, source.Id, null, SourceSnapshot.From(source));
        if (!await TrySaveAsync(cancellationToken))
        {
            return NameTaken(source.Name);
        }

        return SourceDto.From(source, null);
    }

    public async Task<CommandResult<SourceDto>> UpdateAsync(Guid id, UpdateSourceRequest request, CancellationToken cancellationToken)
    {
        var source = await db.SourceConfigurations.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (source is null)
        {
            return CommandRefusal.NotFound(What);
        }

        var before = SourceSnapshot.From(source);
        var now = clock.GetUtcNow();
        source.Rename(request.Name, now);
        source.Reschedule(request.CronSchedule, now);
        source.Reconnect(request.BaseUrl, request.PageSize!.Value, source.CredentialReference, now);
        source.ChoosePullMode(request.PullMode ?? SourcePullMode.Full, request.FullRunIntervalDays, now);
        if (request.Enabled!.Value)
        {
            source.Enable(now);
        }
        else
        {
            source.Disable(now);
        }

        audit.Record("source.updated", SourcesApi.EntityType, source.Id, before, SourceSnapshot.From(source));
        if (!await TrySaveAsync(cancellationToken))
        {
            return NameTaken(source.Name);
        }

        return SourceDto.From(source, await CredentialsSetTimes.ForAsync(db, id, cancellationToken));
    }

    /// <summary>Deletes a source that never ingested, and then its secret; one with runs, devices or findings is a 409.</summary>
    public async Task<CommandResult<Guid>> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var source = await db.SourceConfigurations.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (source is null)
        {
            return CommandRefusal.NotFound(What);
        }

        db.SourceConfigurations.Remove(source);
        audit.Record("source.deleted", SourcesApi.EntityType, source.Id, SourceSnapshot.From(source), null);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation })
        {
            // Runs, devices and findings keep pointing at the source they came from.
            db.ChangeTracker.Clear();
            return new CommandRefusal(StatusCodes.Status409Conflict, "Source has ingested data",
                "The source has ingestion runs, devices or findings, which keep referring to it. Disable it instead (PUT with enabled: false).");
        }

        await SourceCredentialsApi.ForgetSecretAsync(secrets, source.TenantId, source.Id, source.CredentialReference, logger, cancellationToken);
        return id;
    }

    /// <summary>
    /// Writes the credential to the secret store under the source's own name, then points the source at it. The value
    /// is never kept anywhere else and never answered.
    /// </summary>
    public async Task<CommandResult<SourceDto>> SetCredentialsAsync(Guid id, SourceCredentialsRequest request, CancellationToken cancellationToken)
    {
        var source = await db.SourceConfigurations.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (source is null)
        {
            return CommandRefusal.NotFound(What);
        }

        if (secrets is null)
        {
            return new CommandRefusal(StatusCodes.Status503ServiceUnavailable, "No secret store",
                "This installation has no secret store configured (SecretStore:Provider), so credentials cannot be set through the API.");
        }

        string reference;
        try
        {
            // Written first: the source never points at a secret that is not there yet.
            reference = await secrets.WriteAsync(source.TenantId, SecretName.ForSource(source.Id), request.ToDocument(), cancellationToken);
        }
        catch (SecretStoreException e)
        {
            return new CommandRefusal(StatusCodes.Status503ServiceUnavailable, "Secret store unavailable", e.Message);
        }

        var before = SourceSnapshot.From(source);
        source.Reconnect(source.BaseUrl, source.PageSize, reference, clock.GetUtcNow());
        audit.Record(CredentialsSetTimes.Action, SourcesApi.EntityType, source.Id, before, SourceSnapshot.From(source));
        await db.SaveChangesAsync(cancellationToken);
        return SourceDto.From(source, await CredentialsSetTimes.ForAsync(db, id, cancellationToken));
    }

    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private static CommandRefusal NameTaken(string name) =>
        new(StatusCodes.Status409Conflict, "Name taken", $"The tenant already has a source named '{name}'.");
}
