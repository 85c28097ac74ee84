namespace PatchHound.Infrastructure.Persistence.Configurations;

/// <summary>
/// Optimistic concurrency on PostgreSQL's <c>xmin</c> system column (the id of the last writing transaction),
/// kept as a shadow property so the domain stays persistence-ignorant.
/// Read or set it with <c>db.Entry(entity).Property&lt;uint&gt;(ConcurrencyToken.PropertyName)</c>.
/// </summary>
public static class ConcurrencyToken
{
    public const string PropertyName = "Version";
    public const string ColumnName = "xmin";
}
