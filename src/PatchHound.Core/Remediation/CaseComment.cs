using PatchHound.Core.Common;
using PatchHound.Core.Tenancy;

namespace PatchHound.Core.Remediation;

/// <summary>A note on a remediation case, written once and never edited.</summary>
public sealed class CaseComment : ITenantOwned
{
    private CaseComment()
    {
        Author = string.Empty;
        Body = string.Empty;
    }

    public CaseComment(Guid tenantId, Guid caseId, string author, string body, DateTimeOffset createdAt)
    {
        Id = Ids.New();
        TenantId = Guard.TenantId(tenantId);
        CaseId = Guard.Id(caseId, "case_comment.case_required", "CaseId");
        Author = Guard.Text(author, Limits.Actor, "case_comment.invalid_author", "Author");
        Body = Guard.Text(body, Limits.LongText, "case_comment.invalid_body", "Body");
        CreatedAt = createdAt.Utc();
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid CaseId { get; private set; }

    /// <summary>A user id or an API key actor, as in the audit log.</summary>
    public string Author { get; private set; }

    public string Body { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
