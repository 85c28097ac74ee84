using Microsoft.EntityFrameworkCore;
using Npgsql;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Persistence.Configurations;

namespace PatchHound.Infrastructure.Sweeps;

internal static class OptimisticSave
{
    /// <summary>
    /// Saves one item's changes. False when another worker got there first, or someone changed the row meanwhile:
    /// either the xmin token no longer matches, or the item's notification dedupe key is already taken (EF may send
    /// that insert before the guarded update, so it can be the first to tell). Nothing of the item was written; its
    /// pending changes are dropped so the context can go on with the next item.
    /// </summary>
    public static async Task<bool> TrySaveAsync(this PatchHoundDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || IsDuplicateNotification(e))
        {
            foreach (var entry in db.ChangeTracker.Entries().Where(entry => entry.State is not EntityState.Unchanged).ToList())
            {
                entry.State = EntityState.Detached;
            }

            return false;
        }
    }

    private static bool IsDuplicateNotification(DbUpdateException e) =>
        e.InnerException is PostgresException
        {
            SqlState: PostgresErrorCodes.UniqueViolation,
            ConstraintName: NotificationConfiguration.DedupeIndex,
        };
}
