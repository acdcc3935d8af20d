namespace Actors.Simulator.Commands;

public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The job itself failed (e.g. events failed during replay, an I/O error while writing).</summary>
    public const int Failed = 1;

    /// <summary>Bad arguments, configuration or input file; nothing was done.</summary>
    public const int BadArguments = 2;
}
