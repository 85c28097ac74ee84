namespace PatchHound.Infrastructure.Realtime;

/// <summary>The client methods the hub invokes (<c>connection.on("notification", ...)</c>).</summary>
public static class RealtimeEventNames
{
    /// <summary>Sent to the connection itself once it has joined its groups.</summary>
    public const string Subscribed = "subscribed";

    public const string Notification = "notification";
    public const string CaseAssigned = "caseAssigned";
    public const string IngestionRun = "ingestionRun";
}
