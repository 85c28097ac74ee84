using System.Security.Cryptography;

namespace PatchHound.IntegrationTests.Deployment.Compose;

/// <summary>
/// The example env files filled in as the README tells an operator to: every CHANGE_ME replaced (a different secret
/// per credential, so a test can tell them apart), and optionally the demo block switched on. Deleted on dispose.
/// </summary>
internal sealed class OperatorEnvFiles : IDisposable
{
    /// <summary>The commented-out lines of the example's demo block.</summary>
    private static readonly string[] DemoBlock = ["Authentication__DevSignInEnabled", "Secrets__demo-simulator"];


    public OperatorEnvFiles(bool demo = false)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["POSTGRES_PASSWORD"] = OwnerPassword,
            ["ConnectionStrings__PatchHoundMigrations"] = OwnerPassword,
            ["Database__AppPassword"] = AppPassword,
            ["ConnectionStrings__PatchHound"] = AppPassword,
            ["SecretStore__Keys__k1"] = SecretStoreKey,
            ["DataProtection__Keys__k1"] = KeyRingKey,
            ["REDIS_PASSWORD"] = RedisPassword,
            ["ConnectionStrings__Redis"] = RedisPassword,
        };
        Application = Write(EnvFile.Application, values, demo);
        SchemaOwner = Write(EnvFile.SchemaOwner, values, demo);
        Redis = Write(EnvFile.Redis, values, demo);
    }

    /// <summary>The directory of the files, for whatever else the test writes; deleted with them.</summary>
    public string Scratch { get; } = Directory.CreateTempSubdirectory("patchhound-compose-").FullName;

    public string OwnerPassword { get; } = $"owner-{Guid.NewGuid():N}";

    public string AppPassword { get; } = $"app-{Guid.NewGuid():N}";

    public string SecretStoreKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string KeyRingKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string RedisPassword { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();

    public string Application { get; }

    public string SchemaOwner { get; }

    public string Redis { get; }

    public void Dispose() => Directory.Delete(Scratch, recursive: true);

    private string Write(EnvFile example, IReadOnlyDictionary<string, string> secrets, bool demo)
    {
        var lines = example.Variables
            .Where(variable => !variable.CommentedOut || (demo && DemoBlock.Contains(variable.Name)))
            .Select(variable => (variable.Name, Value: Fill(variable, secrets, demo)))
            .Select(variable => $"{variable.Name}='{variable.Value}'");
        var path = Path.Combine(Scratch, Path.GetFileName(example.Path).Replace(".example", "", StringComparison.Ordinal));
        File.WriteAllLines(path, lines);
        return path;
    }

    private static string Fill(EnvFile.Variable variable, IReadOnlyDictionary<string, string> secrets, bool demo)
    {
        if (demo && variable.Name is "ASPNETCORE_ENVIRONMENT" or "DOTNET_ENVIRONMENT")
        {
            return "Demo";
        }

        var value = variable.Value.Replace("CHANGE_ME_TENANT_ID", Guid.Empty.ToString(), StringComparison.Ordinal);
        return secrets.TryGetValue(variable.Name, out var secret) ? value.Replace("CHANGE_ME", secret, StringComparison.Ordinal) : value;
    }
}
