using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using PatchHound.Api.Audit;
using PatchHound.Api.Auth;
using PatchHound.Api.Work;
using PatchHound.Core.Identity;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Reads.Settings;

namespace PatchHound.Api.ApiKeys;

/// <summary>Issues and revokes the entered tenant's API keys: the endpoints' and the settings page's one write path.</summary>
internal sealed class ApiKeyCommands(
    PatchHoundDbContext db, CurrentCaller caller, AuditTrail audit, TimeProvider clock, IOptions<ApiKeyOptions> options)
{
    private const string PrefixIndex = "ix_api_keys_prefix";
    private const int IssueAttempts = 3;

    /// <summary>The created key with its secret: the one answer that ever carries it.</summary>
    public async Task<CommandResult<CreatedApiKeyDto>> CreateAsync(CreateApiKeyRequest request, CancellationToken cancellationToken)
    {
        var errors = Check(request, options.Value);
        if (errors.Count > 0)
        {
            return new CommandRefusal(StatusCodes.Status400BadRequest, "One or more validation errors occurred.", errors.First().Value[0], errors);
        }

        var creator = caller.UserId ?? throw new InvalidOperationException("Only people create API keys.");
        var now = clock.GetUtcNow();
        var expiresAt = now.AddDays(request.ExpiresInDays ?? options.Value.DefaultLifetimeDays);
        for (var attempt = 1; ; attempt++)
        {
            var issued = ApiKey.Issue(db.Tenant.RequireTenantId(), request.Name, request.Scopes, creator, now, expiresAt);
            db.ApiKeys.Add(issued.Key);
            audit.Record("api_key.created", "api_key", issued.Key.Id, null, ApiKeySnapshot.Of(issued.Key));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new CreatedApiKeyDto(ApiKeyDto.From(issued.Key, now), ApiKeyToken.Format(issued.Key.TenantId, issued.Secret));
            }
            catch (DbUpdateException e) when (attempt < IssueAttempts && e.InnerException is PostgresException { ConstraintName: PrefixIndex })
            {
                // Another key already starts with the same characters: draw a new secret.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Idempotent: revoking a revoked key answers it as it is.</summary>
    public async Task<CommandResult<ApiKeyDto>> RevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return CommandRefusal.NotFound("API key");
        }

        var now = clock.GetUtcNow();
        if (key.RevokedAt is not null)
        {
            return ApiKeyDto.From(key, now);
        }

        var before = ApiKeySnapshot.Of(key);
        key.Revoke(now);
        audit.Record("api_key.revoked", "api_key", key.Id, before, ApiKeySnapshot.Of(key));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A concurrent revocation won; its time and its audit entry stand.
            db.ChangeTracker.Clear();
            key = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == id, cancellationToken);
        }

        return ApiKeyDto.From(key, now);
    }

    private static Dictionary<string, string[]> Check(CreateApiKeyRequest request, ApiKeyOptions options)
    {
        var errors = new Dictionary<string, string[]>();
        var unknown = (request.Scopes ?? []).Where(scope => !ApiKeyScopes.IsKnown(scope)).ToList();
        if (unknown.Count > 0)
        {
            errors["scopes"] = [$"Unknown scope(s); use some of: {string.Join(", ", ApiKeyScopes.All)}."];
        }

        if (request.ExpiresInDays > options.MaxLifetimeDays)
        {
            errors["expiresInDays"] = [$"An API key lives at most {options.MaxLifetimeDays} days."];
        }

        return errors;
    }
}
