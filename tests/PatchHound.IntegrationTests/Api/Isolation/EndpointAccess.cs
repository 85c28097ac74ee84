namespace PatchHound.IntegrationTests.Api.Isolation;

/// <summary>Who an endpoint is for.</summary>
public enum EndpointAccess
{
    /// <summary>Anyone, signed in or not (health, service info, sign-in, the OpenAPI document).</summary>
    Public,

    /// <summary>Platform operators only.</summary>
    Operator,

    /// <summary>Members of the tenant in the route, with one of the endpoint's roles.</summary>
    Tenant,
}
