using Azure.Core;

namespace PatchHound.Infrastructure.Persistence;

/// <summary>
/// The credential whose Entra tokens sign the application login in when <c>Database:Authentication</c> is
/// <see cref="DatabaseAuthentication.Entra"/>: <c>DefaultAzureCredential</c> in the hosts (on Azure the user-assigned
/// managed identity named by <c>AZURE_CLIENT_ID</c>); tests register their own.
/// </summary>
public sealed class PostgresEntraCredential(TokenCredential credential)
{
    public TokenCredential Credential { get; } = credential;
}
