namespace PatchHound.Reads.Paging;

/// <summary>The <c>limit</c> query parameter of every list: 50 when absent, never more than 500.</summary>
internal static class PageLimit
{
    public const int Default = 50;
    public const int Max = 500;

    public static int Of(int? requested) => Math.Clamp(requested ?? Default, 1, Max);
}
