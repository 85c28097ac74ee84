using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using PatchHound.Api.Audit;
using PatchHound.Api.Auth;
using PatchHound.Api.Tenancy;
using PatchHound.Core.Identity;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Reads.Paging;

namespace PatchHound.Api.ApiKeys;

/// <summary>Tenant admins manage their tenant's API keys: create (the secret is shown once), list, read, revoke.</summary>
internal static class ApiKeysApi
{
    private const string PrefixIndex = "ix_api_keys_prefix";
    private const int IssueAttempts = 3;

    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapTenantGroup("/api-keys").AllowTenantRoles(TenantRole.TenantAdmin).RefuseApiKeys().WithTags("API keys");
        keys.MapPost("/", CreateAsync).WithName("CreateApiKey").WithSummary("Create an API key; its secret is in this answer only");
        keys.MapGet("/", ListAsync).WithName("ListApiKeys").WithSummary("The tenant's API keys, newest first");
        keys.MapGet("/{id:guid}", GetAsync).WithName("GetApiKey").WithSummary("One API key");
        keys.MapPost("/{id:guid}/revoke", RevokeAsync).WithName("RevokeApiKey").WithSummary("Revoke an API key (idempotent)");
        return app;
    }

    private static async Task<Results<Created<CreatedApiKeyDto>, ValidationProblem>> CreateAsync(
        string tenant,
        CreateApiKeyRequest request,
        PatchHoundDbContext db,
        CurrentCaller caller,
        AuditTrail audit,
        TimeProvider clock,
        IOptions<ApiKeyOptions> options,
        CancellationToken cancellationToken)
    {
        var errors = Check(request, options.Value);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
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
                return TypedResults.Created($"/api/tenants/{tenant}/api-keys/{issued.Key.Id}",
                    new CreatedApiKeyDto(ApiKeyDto.From(issued.Key, now), ApiKeyToken.Format(issued.Key.TenantId, issued.Secret)));
            }
            catch (DbUpdateException e) when (attempt < IssueAttempts && e.InnerException is PostgresException { ConstraintName: PrefixIndex })
            {
                // Another key already starts with the same characters: draw a new secret.
                db.ChangeTracker.Clear();
            }
        }
    }

    private static async Task<Ok<Page<ApiKeyDto>>> ListAsync(
        string? cursor, int? limit, PatchHoundDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var after = Cursor.Decode<ApiKeyCursor>(cursor);
        var take = PageLimit.Of(limit);
        var query = db.ApiKeys.AsNoTracking();
        if (after is not null)
        {
            query = query.Where(k => EF.Functions.LessThan(ValueTuple.Create(k.CreatedAt, k.Id), ValueTuple.Create(after.CreatedAt, after.Id)));
        }

        var keys = await query.OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id).Take(take + 1).ToListAsync(cancellationToken);
        var page = keys.Take(take).ToList();
        var next = keys.Count > take ? Cursor.Encode(new ApiKeyCursor(page[^1].CreatedAt, page[^1].Id)) : null;
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new Page<ApiKeyDto>(page.Select(k => ApiKeyDto.From(k, now)).ToList(), next));
    }

    private static async Task<Results<Ok<ApiKeyDto>, ProblemHttpResult>> GetAsync(
        Guid id, PatchHoundDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        return key is null ? KeyNotFound() : TypedResults.Ok(ApiKeyDto.From(key, clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<ApiKeyDto>, ProblemHttpResult>> RevokeAsync(
        Guid id, PatchHoundDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return KeyNotFound();
        }

        var now = clock.GetUtcNow();
        if (key.RevokedAt is not null)
        {
            return TypedResults.Ok(ApiKeyDto.From(key, now));
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

        return TypedResults.Ok(ApiKeyDto.From(key, now));
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

    private static ProblemHttpResult KeyNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The API key does not exist.");
}
