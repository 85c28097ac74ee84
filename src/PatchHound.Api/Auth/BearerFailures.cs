using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;

namespace PatchHound.Api.Auth;

/// <summary>Why a bearer token was refused, in words for the caller that reveal nothing of the server's internals.</summary>
internal static class BearerFailures
{
    public static string Describe(Exception? failure) => failure switch
    {
        null => "A bearer token is required.",
        SecurityTokenExpiredException expired => $"The token expired at {expired.Expires:yyyy-MM-ddTHH:mm:ssZ}.",
        SecurityTokenNotYetValidException early => $"The token is not valid before {early.NotBefore:yyyy-MM-ddTHH:mm:ssZ}.",
        SecurityTokenInvalidAudienceException => "The token is meant for another audience than this API.",
        SecurityTokenInvalidIssuerException => "The token's issuer is not trusted by this API.",
        SecurityTokenInvalidSignatureException => "The token's signature does not verify against the issuer's keys.",
        SecurityTokenMalformedException or ArgumentException => "The token is malformed.",
        AuthenticationFailureException refused => refused.Message,
        InvalidOperationException => "The identity provider's signing keys could not be retrieved; try again later.",
        _ => "The token is not valid.",
    };
}
