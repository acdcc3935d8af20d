using Actors.Load.Statistics;

namespace Actors.Load;

/// <summary>The exit codes every load-test command uses, so CI can tell a breached SLO from a broken setup.</summary>
public static class ExitCodes
{
    /// <summary>The run completed and every threshold passed.</summary>
    public const int Ok = 0;

    /// <summary>The run completed but at least one threshold was breached (or the job failed).</summary>
    public const int ThresholdBreached = 1;

    /// <summary>Bad arguments or configuration: nothing (or not everything) ran.</summary>
    public const int BadConfiguration = 2;

    /// <summary>0 when every threshold of the run passed, otherwise 1.</summary>
    public static int FromResult(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.AllThresholdsPassed ? Ok : ThresholdBreached;
    }

    /// <summary>Maps an exception escaping a run to an exit code: configuration errors are 2, anything else 1.</summary>
    public static int FromException(Exception exception) =>
        exception is LoadConfigurationException or ArgumentException ? BadConfiguration : ThresholdBreached;
}
