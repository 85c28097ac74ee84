using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace PatchHound.Api.Auth;

/// <summary>Authentication scheme names. <see cref="Default"/> forwards each request to one of the others.</summary>
internal static class AuthSchemes
{
    public const string Default = "PatchHound";
    public const string Cookie = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string Bearer = JwtBearerDefaults.AuthenticationScheme;
    public const string DevToken = "DevToken";
    public const string ApiKey = ApiKeys.ApiKeyCredentials.AuthorizationScheme;
}
