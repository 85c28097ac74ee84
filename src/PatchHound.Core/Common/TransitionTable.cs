namespace PatchHound.Core.Common;

/// <summary>The allowed moves of a status machine; anything not listed is refused.</summary>
internal sealed class TransitionTable<TState>(string code, string subject, params (TState From, TState To)[] allowed)
    where TState : struct, Enum
{
    private readonly HashSet<(TState From, TState To)> _allowed = [.. allowed];

    public bool Allows(TState from, TState to) => _allowed.Contains((from, to));

    public void Ensure(TState from, TState to)
    {
        if (!Allows(from, to))
        {
            throw new DomainRuleViolationException(code, $"A {subject} cannot move from {from} to {to}.");
        }
    }
}
