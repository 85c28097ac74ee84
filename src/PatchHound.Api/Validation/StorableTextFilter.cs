using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using PatchHound.Core.Common;

namespace PatchHound.Api.Validation;

/// <summary>
/// The one place where request text is checked against what PostgreSQL can store (<see cref="StorableText"/>):
/// route values, query string values, and every string of the handler's bound arguments — bodies and
/// [AsParameters] objects, nested objects and lists included. A value with NUL or an unpaired surrogate answers 400
/// with the field named as the client wrote it, the same problem document as every other validation error, before
/// any handler or query runs. It runs after the tenant filter, so a caller still learns nothing about a tenant
/// it is not a member of.
/// </summary>
internal static class StorableTextFilter
{
    private const int MaxDepth = 8;
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();
    private static readonly Assembly[] RequestAssemblies = [typeof(StorableTextFilter).Assembly, typeof(StorableText).Assembly];

    public static EndpointFilterDelegate Factory(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var parameters = context.MethodInfo.GetParameters();
        return async invocation =>
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var request = invocation.HttpContext.Request;
            foreach (var (key, value) in request.RouteValues)
            {
                Check(value as string, key, errors);
            }

            foreach (var (key, values) in request.Query)
            {
                Check(key, "query", errors);
                foreach (var value in values)
                {
                    Check(value, JsonNamingPolicy.CamelCase.ConvertName(key), errors);
                }
            }

            var services = invocation.HttpContext.RequestServices.GetService<IServiceProviderIsService>();
            for (var i = 0; i < parameters.Length && i < invocation.Arguments.Count; i++)
            {
                if (invocation.Arguments[i] is { } argument && services?.IsService(parameters[i].ParameterType) != true)
                {
                    var name = argument is string ? parameters[i].Name ?? "value" : string.Empty;
                    Collect(argument, name, errors, 0);
                }
            }

            return errors.Count == 0 ? await next(invocation) : TypedResults.ValidationProblem(errors);
        };
    }

    private static void Collect(object? value, string field, Dictionary<string, string[]> errors, int depth)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                Check(text, field, errors);
                return;
            case IDictionary entries when depth < MaxDepth:
                foreach (DictionaryEntry entry in entries)
                {
                    Check(entry.Key as string, $"{field}.key", errors);
                    Collect(entry.Value, $"{field}.{entry.Key}", errors, depth + 1);
                }

                return;
            case IEnumerable items when depth < MaxDepth:
                var index = 0;
                foreach (var item in items)
                {
                    Collect(item, $"{field}[{index++}]", errors, depth + 1);
                }

                return;
        }

        var type = value.GetType();
        if (depth >= MaxDepth || !type.IsClass || !RequestAssemblies.Contains(type.Assembly))
        {
            return;
        }

        foreach (var property in Properties.GetOrAdd(type, PropertiesOf))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            Collect(property.GetValue(value), field.Length == 0 ? name : $"{field}.{name}", errors, depth + 1);
        }
    }

    private static PropertyInfo[] PropertiesOf(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null)
            .Where(p => p.PropertyType == typeof(string) || !p.PropertyType.IsValueType)
            .ToArray();

    private static void Check(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is not null && !StorableText.IsStorable(value))
        {
            errors[field] = [$"{field} {StorableText.Rule}."];
        }
    }
}
