using Microsoft.AspNetCore.Authorization;

namespace PatchHound.Api.ApiKeys;

internal sealed class ApiKeyScopeHandler : AuthorizationHandler<ApiKeyScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiKeyScopeRequirement requirement)
    {
        if (!ApiKeyPrincipal.IsApiKey(context.User))
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }

        var http = context.Resource as HttpContext;
        var metadata = http?.GetEndpoint()?.Metadata;
        if (http is null || metadata is null || metadata.GetMetadata<ApiKeysRefusedMetadata>() is not null)
        {
            context.Fail(new AuthorizationFailureReason(this, "API keys cannot call this endpoint; a person must sign in."));
            return Task.CompletedTask;
        }

        var required = metadata.GetMetadata<ApiKeyScopeMetadata>()?.Scope
            ?? (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) ? ApiKeyScopes.Read : ApiKeyScopes.Write);
        if (ApiKeyScopes.Grants(ApiKeyPrincipal.ScopesOf(context.User), required))
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this, $"This API key lacks the scope '{required}'."));
        }

        return Task.CompletedTask;
    }
}
