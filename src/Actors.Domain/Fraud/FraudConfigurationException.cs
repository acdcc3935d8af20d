namespace Actors.Domain.Fraud;

/// <summary>
/// Bad fraud configuration: every failure names its full setting (e.g. <c>Actors:Fraud:Velocity:MaxPerShortWindow</c>)
/// and the value found. Hosts report it and exit with code 2 (bad configuration).
/// </summary>
public sealed class FraudConfigurationException : Exception
{
    public FraudConfigurationException(IReadOnlyList<string> failures)
        : base("Invalid fraud configuration: " + string.Join(" ", failures))
    {
        Failures = failures;
    }

    public FraudConfigurationException(string message)
        : this([message])
    {
    }

    public FraudConfigurationException()
        : this("unknown error.")
    {
    }

    public FraudConfigurationException(string message, Exception innerException)
        : base("Invalid fraud configuration: " + message, innerException)
    {
        Failures = [message];
    }

    public IReadOnlyList<string> Failures { get; }
}
