using Microsoft.AspNetCore.SignalR;

namespace PatchHound.Infrastructure.Realtime;

/// <summary>
/// Server-to-client only: a connection is put in the groups of its caller's memberships when it connects
/// (<see cref="RealtimeGroups.For"/>) and has no method to call, so no client can choose its groups.
/// </summary>
public sealed class NotificationsHub : Hub
{
    public const string Path = "/hubs/notifications";

    public override async Task OnConnectedAsync()
    {
        var caller = Context.User ?? new();
        foreach (var group in RealtimeGroups.For(caller))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
        }

        // Events raised before this point were missed: a client (re)loads what it shows when it gets this.
        var tenantIds = RealtimeGroups.Memberships(caller).Select(m => m.TenantId).Distinct().ToList();
        await Clients.Caller.SendAsync(RealtimeEventNames.Subscribed, new SubscribedEvent(tenantIds), Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }
}
