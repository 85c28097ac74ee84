namespace PatchHound.ApiBenchmarks;

/// <summary>One page of a walked list: its URL and the findings batches the API sent for it.</summary>
internal sealed record BenchmarkPage(string Url, List<CapturedBatch> Batches);
