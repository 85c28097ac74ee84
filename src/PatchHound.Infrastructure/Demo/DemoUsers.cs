namespace PatchHound.Infrastructure.Demo;

/// <summary>The people of the demo tenant, one per role.</summary>
public static class DemoUsers
{
    public static readonly (string Email, string Name) Operator = ("operator@patchhound.local", "Olivia Operator");
    public static readonly (string Email, string Name) Admin = ("admin@demo.patchhound.local", "Ada Admin");
    public static readonly (string Email, string Name) Analyst = ("analyst@demo.patchhound.local", "Ana Analyst");
    public static readonly (string Email, string Name) Auditor = ("auditor@demo.patchhound.local", "Aud Auditor");
}
