using Microsoft.AspNetCore.Http.HttpResults;
using PatchHound.Api.Tenancy;
using PatchHound.Core.Identity;
using PatchHound.Reads.Paging;
using PatchHound.Reads.Settings;

namespace PatchHound.Api.ApiKeys;

/// <summary>Tenant admins manage their tenant's API keys: create (the secret is shown once), list, read, revoke.</summary>
internal static class ApiKeysApi
{
    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapTenantGroup("/api-keys").AllowTenantRoles(TenantRole.TenantAdmin).RefuseApiKeys().WithTags("API keys");
        keys.MapPost("/", CreateAsync).WithName("CreateApiKey").WithSummary("Create an API key; its secret is in this answer only");
        keys.MapGet("/", ListAsync).WithName("ListApiKeys").WithSummary("The tenant's API keys, newest first");
        keys.MapGet("/{id:guid}", GetAsync).WithName("GetApiKey").WithSummary("One API key");
        keys.MapPost("/{id:guid}/revoke", RevokeAsync).WithName("RevokeApiKey").WithSummary("Revoke an API key (idempotent)");
        return app;
    }

    private static async Task<Results<Created<CreatedApiKeyDto>, ProblemHttpResult, ValidationProblem>> CreateAsync(
        string tenant, CreateApiKeyRequest request, ApiKeyCommands commands, CancellationToken cancellationToken) =>
        (await commands.CreateAsync(request, cancellationToken))
            .ToHttp(created => TypedResults.Created($"/api/tenants/{tenant}/api-keys/{created.Key.Id}", created));

    private static async Task<Ok<Page<ApiKeyDto>>> ListAsync(
        string? cursor, int? limit, SettingsQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ApiKeysAsync(Cursor.Decode<ApiKeyCursor>(cursor), PageLimit.Of(limit), cancellationToken));

    private static async Task<Results<Ok<ApiKeyDto>, ProblemHttpResult>> GetAsync(
        Guid id, SettingsQueries queries, CancellationToken cancellationToken) =>
        await queries.ApiKeyAsync(id, cancellationToken) is { } key ? TypedResults.Ok(key) : KeyNotFound();

    private static async Task<Results<Ok<ApiKeyDto>, ProblemHttpResult, ValidationProblem>> RevokeAsync(
        Guid id, ApiKeyCommands commands, CancellationToken cancellationToken) =>
        (await commands.RevokeAsync(id, cancellationToken)).ToHttp(TypedResults.Ok);

    private static ProblemHttpResult KeyNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The API key does not exist.");
}
