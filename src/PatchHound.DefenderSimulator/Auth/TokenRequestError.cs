namespace PatchHound.DefenderSimulator.Auth;

/// <summary>Why a token request is refused, in Entra's terms (HTTP status, error, AADSTS code).</summary>
public sealed record TokenRequestError(int Status, string Error, int Code, string Description)
{
    public static TokenRequestError Missing(string parameter) =>
        new(400, "invalid_request", 900144, $"The request body must contain the following parameter: '{parameter}'.");
}
