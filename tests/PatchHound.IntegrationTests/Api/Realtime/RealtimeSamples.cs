using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Core.Notifications;
using PatchHound.Infrastructure.Realtime;
using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Hosting;

namespace PatchHound.IntegrationTests.Api.Realtime;

internal static class RealtimeSamples
{
    /// <summary>How long a test waits for an event that must arrive.</summary>
    public static readonly TimeSpan Delivery = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a test keeps listening, after a later event has arrived, for an event that must never arrive. Group
    /// channels are independent in Redis, so arrival order across groups is not guaranteed: hence the extra wait.
    /// </summary>
    public static readonly TimeSpan Silence = TimeSpan.FromSeconds(1.5);

    /// <summary>The publisher of an API instance: events raised there, as an endpoint or sweep of it would.</summary>
    public static IRealtimeEvents Events(this ApiHostFactory api) => api.Services.GetRequiredService<IRealtimeEvents>();

    public static async Task<Guid> UserIdAsync(this TestDatabase database, string email)
    {
        await using var db = database.AppContext();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    /// <summary>A notification as a job would create it (not stored: the transport does not read the database).</summary>
    public static Notification Notification(Guid tenantId, Guid? recipientUserId) =>
        new(tenantId, recipientUserId, NotificationKind.SlaBreached, $"realtime-test:{Guid.NewGuid()}",
            JsonSerializer.Serialize(new { vulnerabilityId = "CVE-2025-0001", findingCount = 3 }), DateTimeOffset.UtcNow);

    public static Guid Id(this JsonElement payload) => payload.GetProperty("id").GetGuid();

    public static bool HasId(this JsonElement payload, Guid id) =>
        payload.TryGetProperty("id", out var value) && value.GetGuid() == id;
}
