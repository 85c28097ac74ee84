using Google.Protobuf;
using PatchHound.IntegrationTests.Observability.Otlp;

namespace PatchHound.IntegrationTests.Observability;

/// <summary>A span as a host exported it, flattened with its resource's service name and instance.</summary>
public sealed record ExportedSpan(
    string Service,
    string Instance,
    string TraceId,
    string SpanId,
    string ParentSpanId,
    string Name,
    SpanKind Kind,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<Span.Types.Event> Events,
    Status? Status)
{
    public string? this[string attribute] => Attributes.GetValueOrDefault(attribute);

    public override string ToString() =>
        $"{Service} {Name} ({Kind}) trace {TraceId} [{string.Join(", ", Attributes.Select(a => $"{a.Key}={a.Value}"))}]";
}

/// <summary>A metric data point as exported: metric name, service, point attributes.</summary>
public sealed record ExportedPoint(string Service, string Metric, IReadOnlyDictionary<string, string> Attributes, double Value);

/// <summary>Decodes the OTLP/HTTP protobuf bodies the receiver kept.</summary>
public static class ExportedTelemetry
{
    public static IReadOnlyList<ExportedSpan> Spans(IEnumerable<byte[]> bodies) =>
    [
        .. from body in bodies
        from resource in ExportTraceServiceRequest.Parser.ParseFrom(body).ResourceSpans
        let attributes = Flatten(resource.Resource?.Attributes)
        from scope in resource.ScopeSpans
        from span in scope.Spans
        select new ExportedSpan(
            attributes.GetValueOrDefault("service.name", ""),
            attributes.GetValueOrDefault("service.instance.id", ""),
            Hex(span.TraceId), Hex(span.SpanId), Hex(span.ParentSpanId), span.Name, span.Kind,
            Flatten(span.Attributes), [.. span.Events], span.Status),
    ];

    public static IReadOnlyList<ExportedPoint> Points(IEnumerable<byte[]> bodies) =>
    [
        .. from body in bodies
        from resource in ExportMetricsServiceRequest.Parser.ParseFrom(body).ResourceMetrics
        let service = Flatten(resource.Resource?.Attributes).GetValueOrDefault("service.name", "")
        from scope in resource.ScopeMetrics
        from metric in scope.Metrics
        from point in PointsOf(metric)
        select new ExportedPoint(service, metric.Name, point.Attributes, point.Value),
    ];

    public static Dictionary<string, string> Flatten(IEnumerable<KeyValue>? attributes) =>
        (attributes ?? []).GroupBy(a => a.Key).ToDictionary(g => g.Key, g => Text(g.Last().Value));

    private static IEnumerable<(Dictionary<string, string> Attributes, double Value)> PointsOf(Metric metric) => metric.DataCase switch
    {
        Metric.DataOneofCase.Sum => metric.Sum.DataPoints.Select(p => (Flatten(p.Attributes), Number(p))),
        Metric.DataOneofCase.Gauge => metric.Gauge.DataPoints.Select(p => (Flatten(p.Attributes), Number(p))),
        Metric.DataOneofCase.Histogram => metric.Histogram.DataPoints.Select(p => (Flatten(p.Attributes), (double)p.Count)),
        _ => [],
    };

    private static double Number(NumberDataPoint point) =>
        point.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? point.AsInt : point.AsDouble;

    private static string Text(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.BytesValue => Convert.ToHexStringLower(value.BytesValue.Span),
        _ => "",
    };

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);
}
