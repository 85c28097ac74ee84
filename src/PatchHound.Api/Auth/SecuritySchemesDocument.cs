using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PatchHound.Api.ApiKeys;

namespace PatchHound.Api.Auth;

/// <summary>Names the ways to authenticate in the OpenAPI document, so the reference UI can send a token or key.</summary>
internal sealed class SecuritySchemesDocument : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[AuthSchemes.Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token of the configured identity provider (Entra ID), or in the demo of POST /auth/dev/token.",
        };
        document.Components.SecuritySchemes[AuthSchemes.ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyCredentials.Header,
            Description = "A tenant's API key (ph_…); also accepted as Authorization: ApiKey ph_….",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(AuthSchemes.Bearer, document)] = [] });
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(AuthSchemes.ApiKey, document)] = [] });
        return Task.CompletedTask;
    }
}
