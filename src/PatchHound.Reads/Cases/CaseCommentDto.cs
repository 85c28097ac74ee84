using PatchHound.Core.Remediation;

namespace PatchHound.Reads.Cases;

internal sealed record CaseCommentDto(Guid Id, Guid CaseId, string Author, string Body, DateTimeOffset CreatedAt)
{
    public static CaseCommentDto From(CaseComment c) => new(c.Id, c.CaseId, c.Author, c.Body, c.CreatedAt);
}
