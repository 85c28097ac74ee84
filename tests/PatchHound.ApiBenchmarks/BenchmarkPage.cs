namespace PatchHound.ApiBenchmarks;

/// <summary>One page of a walked list: its URL and the findings SQL the API ran for it.</summary>
internal sealed record BenchmarkPage(string Url, List<CapturedCommand> Commands);
