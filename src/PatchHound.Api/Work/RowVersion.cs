using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Persistence.Configurations;

namespace PatchHound.Api.Work;

/// <summary>
/// The xmin version of a row, shown to clients as <c>version</c>. A client that sends it back as
/// <c>If-Match: "version"</c> gets 409 instead of overwriting a change it has not seen; without the header the
/// write is still guarded from the read to the save.
/// </summary>
internal static class RowVersion
{
    public static uint Of<T>(PatchHoundDbContext db, T entity)
        where T : class =>
        db.Entry(entity).Property<uint>(ConcurrencyToken.PropertyName).CurrentValue;

    /// <summary>
    /// Makes the save expect the If-Match version, when the request sends one; the field error to answer when
    /// If-Match is present but is not a version this API handed out, otherwise null.
    /// </summary>
    public static ValidationProblem? ExpectIfMatch<T>(PatchHoundDbContext db, T entity, HttpRequest request)
        where T : class
    {
        if (ParseIfMatch(request, out var version) is { } invalid)
        {
            return invalid;
        }

        Expect(db, entity, version);
        return null;
    }

    /// <summary>The If-Match version (null without the header); the field error when it is not one this API handed out.</summary>
    public static ValidationProblem? ParseIfMatch(HttpRequest request, out uint? version)
    {
        version = null;
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*")
        {
            return null;
        }

        if (!EntityTagHeaderValue.TryParse(header.Trim(), out var tag)
            || !uint.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return FieldErrors.For(IfMatchField, IfMatchMessage);
        }

        version = parsed;
        return null;
    }

    /// <summary>
    /// Makes the save expect this version, when there is one: the save's WHERE xmin = @original then fails if the row
    /// moved on since the client read it.
    /// </summary>
    public static void Expect<T>(PatchHoundDbContext db, T entity, uint? version)
        where T : class
    {
        if (version is { } expected)
        {
            db.Entry(entity).Property<uint>(ConcurrencyToken.PropertyName).OriginalValue = expected;
        }
    }

    private const string IfMatchField = "If-Match";

    private const string IfMatchMessage = "If-Match must be a version from this API, quoted, e.g. \"123456\".";
}
