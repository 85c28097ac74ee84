namespace PatchHound.Reads.Approvals;

/// <summary>
/// A pending request as the approvals inbox shows it: what it would approve and who asked. For a request about one
/// finding, <c>DeviceName</c> and <c>FindingCveId</c> name the finding's device and CVE.
/// </summary>
internal sealed record ApprovalInboxItemDto(ApprovalDto Approval, string RequestedBy, string? DeviceName, string? FindingCveId);
