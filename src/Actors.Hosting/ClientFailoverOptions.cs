using System.ComponentModel.DataAnnotations;

namespace Actors.Hosting;

/// <summary>
/// How fast a client of a multi-silo cluster notices a dead or hung silo (section <c>Actors:Client</c>).
/// Orleans' defaults (gateway list refresh 1 min, response timeout 30 s) kept calls to a hung silo
/// failing for about a minute; these tuned defaults bound one stuck call to 10 s and pick up gateway
/// changes within 5 s. A caller that retries with the same transaction ids loses nothing by a timeout:
/// every posting and transfer is idempotent.
/// </summary>
public sealed class ClientFailoverOptions
{
    public const string SectionName = "Actors:Client";

    /// <summary>How often the client re-reads the gateway list (default 5 s; Orleans: 1 min).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a call waits for its answer before failing with a timeout (default 10 s; Orleans: 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
