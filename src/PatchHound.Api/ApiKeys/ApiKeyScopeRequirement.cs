using Microsoft.AspNetCore.Authorization;

namespace PatchHound.Api.ApiKeys;

/// <summary>
/// Part of every authorization policy: people pass; an API key needs the scope the endpoint asks for
/// (<see cref="ApiKeyScopeMetadata"/>) or, by default, <c>read</c> for GET/HEAD and <c>write</c> for anything else.
/// </summary>
internal sealed class ApiKeyScopeRequirement : IAuthorizationRequirement;
