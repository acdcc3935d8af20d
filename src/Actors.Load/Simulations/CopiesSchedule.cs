namespace Actors.Load.Simulations;

/// <summary>How many copies (virtual users) a closed-model segment wants at a point of its timeline. Pure.</summary>
public static class CopiesSchedule
{
    /// <summary>The copies a segment ends with; the next RampingConstant starts from it.</summary>
    public static int EndCopies(LoadSimulation simulation) => simulation switch
    {
        KeepConstantSimulation s => s.Copies,
        RampingConstantSimulation s => s.Copies,
        IterationsForConstantSimulation s => s.Copies,
        _ => 0,
    };

    /// <summary>The wanted copies at <paramref name="elapsed"/> into the segment (linear for ramps, rounded).</summary>
    public static int CopiesAt(LoadSimulation simulation, int previousCopies, TimeSpan elapsed) => simulation switch
    {
        RampingConstantSimulation s => (int)Math.Round(
            previousCopies + (s.Copies - previousCopies) * Math.Clamp(elapsed / s.Duration, 0, 1),
            MidpointRounding.AwayFromZero),
        _ => EndCopies(simulation),
    };
}
