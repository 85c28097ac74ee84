namespace PatchHound.Api.Auth;

internal static class Policies
{
    public const string PlatformOperator = "platform-operator";
}
