using System.Text.Json;

namespace PatchHound.IntegrationTests.Api.Realtime;

internal sealed record ReceivedEvent(string Name, JsonElement Payload);
