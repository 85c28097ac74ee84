namespace PatchHound.Infrastructure.Caching;

/// <summary>
/// Another NOTIFY channel heard on the <see cref="CacheChangeFeed"/>'s connection, the process's one listening
/// connection, so that a feature needing wake-ups (the job queues) costs no connection of its own. Registered in DI
/// before the host starts; <see cref="Notify"/> gets each payload and must not block.
/// </summary>
public sealed record ChannelSubscription(string Channel, Action<string> Notify);
