namespace Actors.Client;

/// <summary>What the client's exit code means, so scripts can tell a bad command line from a failed job.</summary>
public static class ExitCodes
{
    /// <summary>The command ran; a business decline (e.g. a declined card payment) is still a success.</summary>
    public const int Ok = 0;

    /// <summary>The job failed: a domain error, an unreachable cluster, or a demo step that differed from the script.</summary>
    public const int Failure = 1;

    /// <summary>Bad flags or configuration: nothing was sent to the cluster.</summary>
    public const int BadArguments = 2;
}
