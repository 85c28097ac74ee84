using Microsoft.Extensions.Options;
using PatchHound.Infrastructure.Secrets;

namespace PatchHound.Api.ScaleOut;

/// <summary>
/// Refuses to start with badly formed key-ring keys, and in Production without any: there the key ring (which signs
/// and encrypts every session cookie) must never rest in clear.
/// </summary>
internal sealed class KeyRingEncryptionOptionsValidator(IHostEnvironment environment) : IValidateOptions<KeyRingEncryptionOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyRingEncryptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = KeyRingEncryptionOptions.Section;
        var failures = SealingKeys.Check(section, options.Keys, options.ActiveKeyId);
        if (environment.IsProduction() && string.IsNullOrEmpty(options.ActiveKeyId))
        {
            failures.Add(
                $"In Production the Data Protection key ring is sealed at rest: set {section}:ActiveKeyId and "
                + $"{section}:Keys:<that id>. {SealingKeys.Hint}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
