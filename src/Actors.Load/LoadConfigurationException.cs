namespace Actors.Load;

/// <summary>
/// Bad configuration of a load run (scenario name, load simulation, threshold, option). The message names the
/// offending item and value; callers map it to exit code 2 (<see cref="ExitCodes.BadConfiguration"/>).
/// </summary>
public sealed class LoadConfigurationException : Exception
{
    public LoadConfigurationException(string message)
        : base(message)
    {
    }

    public LoadConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LoadConfigurationException()
    {
    }
}
