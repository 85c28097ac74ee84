using PatchHound.Reads.Vulnerabilities;

namespace PatchHound.Reads.Findings;

/// <summary>One finding with the device it is on and everything the catalog knows of its vulnerability.</summary>
internal sealed record FindingDetailDto(FindingDto Finding, Guid SourceId, FindingDeviceDto Device, VulnerabilityFactsDto Vulnerability);
