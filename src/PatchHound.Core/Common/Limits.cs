namespace PatchHound.Core.Common;

/// <summary>Text lengths shared by the domain checks and the database columns.</summary>
public static class Limits
{
    public const int Name = 200;
    public const int Title = 500;
    public const int LongText = 4000;
    public const int Actor = 200;
    public const int Key = 200;
    public const int Code = 100;
    public const int EnumText = 32;
    public const int Cron = 100;
    public const int Url = 2048;
}
