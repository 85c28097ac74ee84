namespace PatchHound.Core.Tests.Common;

internal static class TestData
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly Guid TenantId = Guid.Parse("0195a000-0000-7000-8000-000000000001");
    public static readonly Guid SourceId = Guid.Parse("0195a000-0000-7000-8000-000000000002");
    public static readonly Guid DeviceId = Guid.Parse("0195a000-0000-7000-8000-000000000003");
    public static readonly Guid Alice = Guid.Parse("0195a000-0000-7000-8000-0000000000a1");
    public static readonly Guid Bob = Guid.Parse("0195a000-0000-7000-8000-0000000000b0");
}
