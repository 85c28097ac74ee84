using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Notifications;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Infrastructure.Sweeps;

/// <summary>Notification inserts that skip, rather than fail on, a dedupe key the tenant already has.</summary>
internal static class NotificationSql
{
    /// <summary>
    /// A version 7 UUID made in SQL, like <c>Ids.New()</c> makes in C#: PostgreSQL 15 has no <c>uuidv7()</c>, and
    /// time-ordered ids keep the primary-key index append-mostly for set-based inserts too. The first 48 bits
    /// become the Unix time in milliseconds; bits 52 and 53 turn gen_random_uuid's version 4 into 7.
    /// </summary>
    public const string NewId =
        "encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing "
        + "substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6), "
        + "52, 1), 53, 1), 'hex')::uuid";

    public const string InsertInto =
        "INSERT INTO notifications (id, tenant_id, recipient_user_id, kind, dedupe_key, payload, created_at)";

    public const string SkipExisting = "ON CONFLICT (tenant_id, dedupe_key) DO NOTHING";

    /// <summary>True when the notification was written; false when its dedupe key already existed.</summary>
    public static async Task<bool> InsertIfAbsentAsync(PatchHoundDbContext db, Notification notification, CancellationToken cancellationToken)
    {
        var inserted = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO notifications (id, tenant_id, recipient_user_id, kind, dedupe_key, payload, created_at)
            VALUES ({notification.Id}, {notification.TenantId}, {notification.RecipientUserId}, {notification.Kind.ToString()},
                    {notification.DedupeKey}, {notification.Payload}::jsonb, {notification.CreatedAt})
            ON CONFLICT (tenant_id, dedupe_key) DO NOTHING
            """,
            cancellationToken);
        return inserted == 1;
    }
}
