using PatchHound.Core.Remediation;

namespace PatchHound.Reads.Cases;

/// <summary>
/// The case list's filter, parsed once for the REST list and the cases page, so both refuse the same values with the
/// same messages. Assignee is a user id, <c>me</c> (the caller) or <c>none</c> (unassigned).
/// </summary>
internal sealed record CaseFilter(RemediationCaseStatus? Status, WorkflowStage? Stage, bool Unassigned, Guid? AssigneeUserId)
{
    public const string AssigneeMessage = "A user id, \"me\" or \"none\".";

    public static readonly CaseFilter None = new(null, null, false, null);

    /// <summary>The filter, with a field error for each value it cannot take; "me" is <paramref name="me"/>, the caller's
    /// user id (an API key has none, and "me" then matches no case).</summary>
    public static CaseFilter Parse(string? status, string? stage, string? assignee, Guid? me, IDictionary<string, string[]> errors)
    {
        var statusFilter = One<RemediationCaseStatus>(status, "status", errors);
        var stageFilter = One<WorkflowStage>(stage, "stage", errors);
        switch (assignee?.Trim().ToLowerInvariant())
        {
            case null or "":
                return new CaseFilter(statusFilter, stageFilter, false, null);
            case "none":
                return new CaseFilter(statusFilter, stageFilter, true, null);
            case "me":
                // Guid.Empty is nobody's id, so a caller without a user id sees no case as "mine".
                return new CaseFilter(statusFilter, stageFilter, false, me ?? Guid.Empty);
            default:
                if (Guid.TryParse(assignee, out var assigneeId))
                {
                    return new CaseFilter(statusFilter, stageFilter, false, assigneeId);
                }

                errors["assignee"] = [AssigneeMessage];
                return None;
        }
    }

    public IQueryable<RemediationCase> Apply(IQueryable<RemediationCase> query)
    {
        query = Status is { } s ? query.Where(c => c.Status == s) : query;
        query = Stage is { } st ? query.Where(c => c.Stage == st) : query;
        query = Unassigned ? query.Where(c => c.AssigneeUserId == null) : query;
        return AssigneeUserId is { } who ? query.Where(c => c.AssigneeUserId == who) : query;
    }

    private static TEnum? One<TEnum>(string? value, string field, IDictionary<string, string[]> errors)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (value.All(char.IsAsciiLetter) && Enum.TryParse<TEnum>(value, ignoreCase: true, out var member))
        {
            return member;
        }

        errors[field] = [$"One of: {string.Join(", ", Enum.GetNames<TEnum>())}."];
        return null;
    }
}
