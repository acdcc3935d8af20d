namespace Actors.Storage;

/// <summary>
/// Explicit versions of persisted state. Each persisted state carries the layout it was written in; a field's
/// <c>[Id]</c> is never reused or renumbered (a retired one is listed as retired in its class). A change that older
/// readers would misread (a field whose meaning changes, an encoding with a new format) raises the state's
/// current layout; a state from a newer layout than this build knows is refused on read, naming both, rather
/// than being misread and written back.
/// </summary>
public static class StateLayout
{
    /// <summary>Accepts a stored layout up to <paramref name="current"/>; throws <see cref="InvalidDataException"/> past it.</summary>
    public static void Check(string state, int stored, int current)
    {
        if (stored < 0 || stored > current)
        {
            throw new InvalidDataException(
                $"{state} was stored in layout {stored}; this build reads layouts up to {current}. Run a build that knows layout {stored}, or move the data with it.");
        }
    }
}
