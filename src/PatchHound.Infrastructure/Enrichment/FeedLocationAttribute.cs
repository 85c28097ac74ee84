using System.ComponentModel.DataAnnotations;

namespace PatchHound.Infrastructure.Enrichment;

/// <summary>Valid when the value is a feed location <see cref="FeedSource"/> can open: an http(s) URL or a local file.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FeedLocationAttribute : ValidationAttribute
{
    public FeedLocationAttribute()
        : base("The {0} field must be an http or https URL, a file: URI or an absolute file path.")
    {
    }

    public override bool IsValid(object? value) => value is null || (value is string text && FeedSource.TryParse(text, out _));
}
