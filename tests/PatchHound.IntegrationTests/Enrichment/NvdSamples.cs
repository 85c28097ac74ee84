using Microsoft.AspNetCore.Http;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Enrichment;

/// <summary>Two NVD CVE API 2.0 pages (Samples/), served by <c>startIndex</c> as the API pages them.</summary>
public static class NvdSamples
{
    public static byte[] Page(int number) => File.ReadAllBytes(Path.Combine(
        RepositoryRoot.Path, "tests", "PatchHound.IntegrationTests", "Enrichment", "Samples", $"nvd-cves-page-{number}.json"));

    /// <summary>Answers startIndex 0 with page 0 and startIndex 2 with <paramref name="secondPage"/> (page 1 by default).</summary>
    public static RequestDelegate Pages(byte[]? secondPage = null) => async context =>
    {
        var body = context.Request.Query["startIndex"].ToString() switch
        {
            "0" => Page(0),
            "2" => secondPage ?? Page(1),
            _ => null,
        };
        if (body is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(body);
    };
}
