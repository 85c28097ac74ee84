namespace PatchHound.Infrastructure.Defender;

/// <summary>How one source gets its tokens, and the Defender (Entra) tenant they are for: the key of its rate budget.</summary>
public sealed record DefenderSignIn(IDefenderTokenProvider Tokens, string DefenderTenant);
