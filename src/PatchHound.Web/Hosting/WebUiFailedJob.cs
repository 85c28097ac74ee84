namespace PatchHound.Web.Hosting;

/// <summary>A job in Hangfire's Failed list, as <c>GET /api/admin/jobs/failed</c> shows it.</summary>
public sealed record WebUiFailedJob(string Id, string Job, DateTime? FailedAt, string? ExceptionType, string? ExceptionMessage);
