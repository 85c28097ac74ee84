namespace PatchHound.Api.Notifications;

/// <param name="Marked">How many unread notifications this call marked read.</param>
internal sealed record MarkedReadDto(int Marked);
