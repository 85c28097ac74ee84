using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PatchHound.DefenderSimulator.Faults;
using PatchHound.DefenderSimulator.Paging;
using PatchHound.DefenderSimulator.Stats;

namespace PatchHound.DefenderSimulator.Api;

/// <summary>
/// Streams one OData page, <c>{"@odata.context", "value": [...], "@odata.nextLink"}</c>, row by row straight into the
/// response, flushing as it goes: memory stays flat however large the page. Body faults are applied here.
/// </summary>
public sealed class ODataPageResult(
    PagePlan plan,
    string contextPath,
    Func<string, SkipToken, string> link,
    Action<Utf8JsonWriter, long> writeRow,
    FaultPlan faults,
    SimulatorStats stats) : IResult
{
    /// <summary>Where <see cref="FaultKind.ForeignNextLink"/> sends the client.</summary>
    public const string ForeignOrigin = "https://defender-simulator.invalid";

    private const int FlushBytes = 64 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var cancel = httpContext.RequestAborted;
        var origin = RequestOrigin.Of(httpContext.Request);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8";
        var body = response.BodyWriter;
        var broken = faults.Has(FaultKind.TruncatedJson) || faults.Has(FaultKind.ConnectionReset);
        var rows = broken ? plan.Count / 2 : plan.Count;
        await using var json = new Utf8JsonWriter(body);
        json.WriteStartObject();
        json.WriteString("@odata.context"u8, origin + contextPath);
        json.WriteStartArray("value"u8);
        long flushedAt = 0;
        for (long row = 0; row < rows && !cancel.IsCancellationRequested; row++)
        {
            writeRow(json, plan.Offset + row);

            // Written bytes sit in the pipe until flushed: flushing every 64 KB sends them and waits for a slow reader.
            var written = json.BytesCommitted + json.BytesPending;
            if (written - flushedAt >= FlushBytes)
            {
                json.Flush();
                await body.FlushAsync(cancel);
                flushedAt = written;
            }
        }

        stats.Add(plan.Tenant.TenantId, plan.Endpoint, StatKind.Pages);
        stats.Add(plan.Tenant.TenantId, plan.Endpoint, StatKind.Items, rows);
        if (broken)
        {
            await FinishBrokenAsync(httpContext, json);
            return;
        }

        if (faults.Has(FaultKind.DuplicateItems))
        {
            writeRow(json, 0);
        }

        json.Flush();
        await PadAsync(body, faults.OversizeMegabytes, cancel);
        json.WriteEndArray();
        var nextOrigin = httpContext.RequestServices.GetRequiredService<IOptions<SimulatorOptions>>().Value.NextLinkAuthority is { Length: > 0 } alias
            ? $"{httpContext.Request.Scheme}://{alias}"
            : origin;
        if (NextLink(nextOrigin) is { } next)
        {
            json.WriteString("@odata.nextLink"u8, next);
        }

        json.WriteEndObject();
        json.Flush();
        await body.FlushAsync(cancel);
    }

    private string? NextLink(string origin)
    {
        if (faults.Has(FaultKind.CyclicNextLink))
        {
            return link(origin, plan.FirstToken);
        }

        if (faults.Has(FaultKind.ForeignNextLink))
        {
            return link(ForeignOrigin, plan.NextToken);
        }

        return plan.HasMore ? link(origin, plan.NextToken) : null;
    }

    private async Task FinishBrokenAsync(HttpContext httpContext, Utf8JsonWriter json)
    {
        json.Flush();
        await httpContext.Response.BodyWriter.FlushAsync(httpContext.RequestAborted);
        if (faults.Has(FaultKind.ConnectionReset))
        {
            httpContext.Abort();
        }
    }

    // Whitespace between tokens: valid JSON of any size without holding it anywhere.
    private static async Task PadAsync(PipeWriter writer, int megabytes, CancellationToken cancel)
    {
        long remaining = megabytes * 1024L * 1024L;
        while (remaining > 0 && !cancel.IsCancellationRequested)
        {
            var chunk = (int)Math.Min(remaining, FlushBytes);
            var span = writer.GetSpan(chunk)[..chunk];
            span.Fill((byte)' ');
            writer.Advance(chunk);
            remaining -= chunk;
            await writer.FlushAsync(cancel);
        }
    }
}
