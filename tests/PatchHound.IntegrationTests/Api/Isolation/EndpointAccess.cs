namespace PatchHound.IntegrationTests.Api.Isolation;

/// <summary>Who an endpoint is for.</summary>
public enum EndpointAccess
{
    /// <summary>Anyone, signed in or not (health, service info, sign-in, the OpenAPI document).</summary>
    Public,

    /// <summary>Any signed-in caller, about themselves (who am I, the notifications hub): no role, no tenant.</summary>
    SignedIn,

    /// <summary>Platform operators only.</summary>
    Operator,

    /// <summary>Members of the tenant in the route, with one of the endpoint's roles.</summary>
    Tenant,

    /// <summary>
    /// A page of the web UI: anonymous callers are sent to the sign-in page; under <c>/t/{Tenant}</c> another tenant's
    /// route or ids render the 404 page.
    /// </summary>
    Page,
}
