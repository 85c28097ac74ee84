using PatchHound.Reads.Paging;

namespace PatchHound.Reads.Cases;

/// <summary>One case with its whole stage history and the first page of its comments (oldest first).</summary>
internal sealed record CaseDto(CaseSummaryDto Case, IReadOnlyList<StageChangeDto> StageHistory, Page<CaseCommentDto> Comments);
