namespace PatchHound.Infrastructure.Sweeps;

/// <summary>
/// What one approval-expiry run changed. <paramref name="Skipped"/> counts requests and findings it left alone
/// because they changed while it worked, usually because another worker handled them first.
/// </summary>
public sealed record ApprovalExpiryResult(int RequestsExpired, int FindingsReopened, int RiskAcceptancesNotified, int Skipped);
