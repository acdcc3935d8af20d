using System.Globalization;

namespace Actors.Hosting;

/// <summary>
/// No silo gateway accepted the client within <see cref="ClusterConnectOptions.GatewayConnectTimeout"/>. The message
/// is one line meant for people ("cannot reach a silo gateway at 10.0.0.5:22112 within 10 s (connection refused)").
/// </summary>
public sealed class ClusterUnreachableException : Exception
{
    public ClusterUnreachableException(string gateway, TimeSpan timeout, string reason, Exception? innerException = null)
        : base(string.Create(CultureInfo.InvariantCulture, $"cannot reach a silo gateway at {gateway} within {timeout.TotalSeconds:0.#} s ({reason})"), innerException)
    {
        Gateway = gateway;
        Timeout = timeout;
        Reason = reason;
    }

    /// <summary>The address tried, host:port.</summary>
    public string Gateway { get; }

    public TimeSpan Timeout { get; }

    /// <summary>Why, as far as a plain TCP probe of the address could tell (e.g. "connection refused").</summary>
    public string Reason { get; }
}
