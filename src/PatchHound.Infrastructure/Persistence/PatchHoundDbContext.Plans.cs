namespace PatchHound.Infrastructure.Persistence;

public sealed partial class PatchHoundDbContext
{
    /// <summary>Whether the connections this context opens keep one generic plan per prepared statement.</summary>
    public bool ReusesGenericPlans { get; private set; }

    /// <summary>
    /// Until the returned scope is disposed, each connection this context opens (EF opens one per query outside a
    /// transaction) reuses one generic plan per prepared statement instead of PostgreSQL planning each execution.
    /// For keyset pages: their best plan walks the same index and stops after the page whatever the tenant and cursor,
    /// yet PostgreSQL alone would plan every page again, because it cannot cost the generic plan's LIMIT parameter.
    /// </summary>
    public IDisposable ReuseGenericPlans()
    {
        var before = ReusesGenericPlans;
        ReusesGenericPlans = true;
        return new PlanScope(this, before);
    }

    private sealed class PlanScope(PatchHoundDbContext db, bool before) : IDisposable
    {
        public void Dispose() => db.ReusesGenericPlans = before;
    }
}
