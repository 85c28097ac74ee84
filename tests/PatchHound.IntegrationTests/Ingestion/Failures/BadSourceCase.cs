namespace PatchHound.IntegrationTests.Ingestion.Failures;

/// <summary>
/// One way a source can answer badly: the simulator fault that makes it (for one tenant only), the batch of the run
/// that must fail, and what the run's error must say.
/// </summary>
public sealed record BadSourceCase(string Name, Func<string, object> Fault, int FailingBatch, params string[] ErrorSays)
{
    // Batches 1-2 read the two machine pages, 3-5 the three finding pages.
    private const int FirstFindingBatch = FailureEnvironment.DevicePages + 1;

    public static IReadOnlyList<BadSourceCase> All { get; } =
    [
        new("truncated-json",
            t => new { kind = "TruncatedJson", tenant = t, endpoint = "vulnerabilities", page = 3 },
            FirstFindingBatch + 2, "Batch 5: SourcePayloadException: Defender page 3 ends before its JSON is complete (truncated)"),
        new("wrong-types",
            t => new { kind = "WrongTypes", tenant = t, endpoint = "machines", page = 2 },
            2, "Batch 2: SourcePayloadException: Defender page 2, record 0: field 'id' must be a string but is a number"),
        new("missing-field",
            t => new { kind = "MissingRequiredField", tenant = t, endpoint = "vulnerabilities", page = 2 },
            FirstFindingBatch + 1, "Batch 4: SourcePayloadException: Defender page 2 of /api/machines/SoftwareVulnerabilitiesByMachine: ",
            "records are unusable, more than the 50% Ingestion:MaxUnusableShare allows (first: record 0, field 'softwareName' is missing or empty)"),
        new("duplicate-device",
            t => new { kind = "DuplicateItems", tenant = t, endpoint = "machines", page = 2 },
            2, "Batch 2: DuplicateSourceRecordException: device ", " appears twice in run "),
        new("html-page",
            t => new { kind = "HtmlErrorPage", tenant = t, endpoint = "vulnerabilities", page = 2 },
            FirstFindingBatch + 1, "Batch 4: SourcePayloadException: Defender answered page 2 with content type 'text/html' instead of JSON"),
        new("oversized-page",
            t => new { kind = "OversizedPage", tenant = t, endpoint = "vulnerabilities", page = 2, oversizeMegabytes = 1 },
            FirstFindingBatch + 1, $"Batch 4: SourcePayloadException: Defender page 2 is larger than the {FailureEnvironment.MaxPageBytes} bytes allowed"),
        new("foreign-link",
            t => new { kind = "ForeignNextLink", tenant = t, endpoint = "vulnerabilities", page = 2 },
            FirstFindingBatch + 1, "Batch 4: SourcePayloadException: The @odata.nextLink of Defender page 2 points to https://defender-simulator.invalid, outside the source's origin"),

        // Page 3 is staged with its link back to page 1; the batch that reads page 1 again fails.
        new("cyclic-link",
            t => new { kind = "CyclicNextLink", tenant = t, endpoint = "vulnerabilities", page = 3 },
            FirstFindingBatch + 3, "Batch 6: RepeatedSourcePageException: ", "already staged", "led back to a page it had served before (a cycle)"),
        new("unauthorized",
            t => new { kind = "Unauthorized", tenant = t, endpoint = "vulnerabilities", page = 2 },
            FirstFindingBatch + 1, "Batch 4: SourceCredentialsRejectedException: credentials rejected by Defender (401)"),
        new("endless-429",
            t => new { kind = "TooManyRequests", tenant = t, endpoint = "vulnerabilities", page = 2, retryAfterSeconds = 1 },
            FirstFindingBatch + 1, "Batch 4: SourceThrottledException: Defender throttled page 2 of /api/machines/SoftwareVulnerabilitiesByMachine: 429 on all 2 attempts"),
    ];

    public static TheoryData<string> Names => [.. All.Select(c => c.Name)];

    public static BadSourceCase Named(string name) => All.Single(c => c.Name == name);
}
