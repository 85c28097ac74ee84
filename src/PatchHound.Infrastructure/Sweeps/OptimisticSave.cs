using Microsoft.EntityFrameworkCore;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Infrastructure.Sweeps;

internal static class OptimisticSave
{
    /// <summary>
    /// Saves one item's changes. False when a row changed since it was read (xmin token): another worker got
    /// there first, or someone edited it meanwhile. Nothing of the item was written; its pending changes are
    /// dropped so the context can go on with the next item, and the next sweep looks at it afresh.
    /// </summary>
    public static async Task<bool> TrySaveAsync(this PatchHoundDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State is not EntityState.Unchanged).ToList())
            {
                entry.State = EntityState.Detached;
            }

            return false;
        }
    }
}
