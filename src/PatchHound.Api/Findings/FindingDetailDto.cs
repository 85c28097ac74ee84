using PatchHound.Api.Vulnerabilities;

namespace PatchHound.Api.Findings;

/// <summary>One finding with the device it is on and everything the catalog knows of its vulnerability.</summary>
internal sealed record FindingDetailDto(FindingDto Finding, Guid SourceId, FindingDeviceDto Device, VulnerabilityFactsDto Vulnerability);
