using System.ComponentModel.DataAnnotations;

namespace PatchHound.Api.Approvals;

/// <summary>Deadlines of approval requests and risk acceptances (section <c>Approvals</c>).</summary>
public sealed class ApprovalOptions
{
    public const string Section = "Approvals";

    /// <summary>How long a request waits for a decision before the approval-expiry sweep expires it.</summary>
    [Range(1, 90)]
    public int RequestLifetimeDays { get; set; } = 14;

    /// <summary>How long an approved risk acceptance lasts when the approver does not say (<c>acceptedUntil</c>).</summary>
    [Range(1, 3650)]
    public int DefaultAcceptanceDays { get; set; } = 90;

    /// <summary>The longest risk acceptance an approver may grant.</summary>
    [Range(1, 3650)]
    public int MaxAcceptanceDays { get; set; } = 365;
}
