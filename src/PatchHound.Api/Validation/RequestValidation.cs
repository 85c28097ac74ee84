using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;

namespace PatchHound.Api.Validation;

/// <summary>
/// Validates the DataAnnotations of every request object a handler receives (bodies and [AsParameters] types of this
/// assembly), nested objects included, and answers 400 with the failing fields named as in JSON before the handler
/// runs. Attributes may sit on properties or on a record's constructor parameters. The framework's source-generated
/// validation does not discover our handlers' types, so this is explicit.
/// </summary>
internal static class RequestValidation
{
    private static readonly ConcurrentDictionary<Type, ValidatedProperty[]> Rules = new();
    private static readonly HashSet<Type> Analysing = [];

    public static EndpointFilterDelegate Factory(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var positions = context.MethodInfo.GetParameters()
            .Select((parameter, index) => (parameter, index))
            .Where(p => NeedsValidation(p.parameter.ParameterType))
            .Select(p => p.index)
            .ToArray();
        if (positions.Length == 0)
        {
            return next;
        }

        return async invocation =>
        {
            var errors = new Dictionary<string, string[]>();
            foreach (var position in positions)
            {
                if (invocation.Arguments[position] is { } argument)
                {
                    Collect(argument, string.Empty, invocation.HttpContext.RequestServices, errors);
                }
            }

            return errors.Count == 0 ? await next(invocation) : TypedResults.ValidationProblem(errors);
        };
    }

    /// <summary>The same checks for a request built elsewhere (the web UI's forms): field errors named as in JSON.</summary>
    public static Dictionary<string, string[]> ErrorsOf(object request, IServiceProvider services)
    {
        var errors = new Dictionary<string, string[]>();
        Collect(request, string.Empty, services, errors);
        return errors;
    }

    private static void Collect(object target, string prefix, IServiceProvider services, Dictionary<string, string[]> errors)
    {
        foreach (var rule in RulesOf(target.GetType()))
        {
            var field = prefix + JsonNamingPolicy.CamelCase.ConvertName(rule.Property.Name);
            var value = rule.Property.GetValue(target);
            var context = new ValidationContext(target, services, null) { MemberName = rule.Property.Name, DisplayName = field };
            foreach (var attribute in rule.Attributes)
            {
                if (attribute.GetValidationResult(value, context) is { } failure && failure != ValidationResult.Success)
                {
                    errors[field] = [.. errors.GetValueOrDefault(field, []), failure.ErrorMessage ?? "The value is not valid."];
                }
            }

            if (value is not null && rule.Nested)
            {
                Collect(value, field + ".", services, errors);
            }
        }

        if (target is IValidatableObject validatable)
        {
            foreach (var failure in validatable.Validate(new ValidationContext(target, services, null)))
            {
                foreach (var member in failure.MemberNames.DefaultIfEmpty(string.Empty))
                {
                    var field = prefix + JsonNamingPolicy.CamelCase.ConvertName(member);
                    errors[field] = [.. errors.GetValueOrDefault(field, []), failure.ErrorMessage ?? "The value is not valid."];
                }
            }
        }
    }

    private static bool NeedsValidation(Type type) =>
        RulesOf(type).Length > 0 || (type.Assembly == typeof(RequestValidation).Assembly && typeof(IValidatableObject).IsAssignableFrom(type));

    /// <summary>Only request types of this assembly are validated; services and framework types never are.</summary>
    private static ValidatedProperty[] RulesOf(Type type)
    {
        if (Rules.TryGetValue(type, out var known))
        {
            return known;
        }

        lock (Analysing)
        {
            return Analyse(type);
        }
    }

    private static ValidatedProperty[] Analyse(Type type)
    {
        if (Rules.TryGetValue(type, out var known))
        {
            return known;
        }

        if (type.Assembly != typeof(RequestValidation).Assembly || !type.IsClass || !Analysing.Add(type))
        {
            return []; // not ours, or a cycle back to a type being analysed
        }

        var constructorParameters = type.GetConstructors()
            .SelectMany(c => c.GetParameters())
            .GroupBy(p => p.Name ?? string.Empty, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var rules = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .Select(p => new ValidatedProperty(
                p,
                [.. p.GetCustomAttributes<ValidationAttribute>(inherit: true),
                 .. constructorParameters.GetValueOrDefault(p.Name)?.GetCustomAttributes<ValidationAttribute>() ?? []],
                Analyse(p.PropertyType).Length > 0 || typeof(IValidatableObject).IsAssignableFrom(p.PropertyType)))
            .Where(rule => rule.Attributes.Length > 0 || rule.Nested)
            .ToArray();
        Analysing.Remove(type);
        Rules[type] = rules;
        return rules;
    }

    private sealed record ValidatedProperty(PropertyInfo Property, ValidationAttribute[] Attributes, bool Nested);
}
