using System.ComponentModel.DataAnnotations;

namespace Actors.Hosting;

/// <summary>
/// How a silo joins its cluster (configuration section <c>Actors:Silo</c>). Ports are never
/// Orleans' defaults (11111/30000), which other programs on these machines use.
/// </summary>
public sealed class ActorsSiloOptions
{
    public const string SectionName = "Actors:Silo";
    public const string DefaultClusterId = "actors";
    public const string DefaultServiceId = "actors";
    public const int DefaultSiloPort = 22111;
    public const int DefaultGatewayPort = 22112;

    /// <summary>Cluster id shared by the silos and clients of one deployment (default "actors").</summary>
    [Required, RegularExpression("^[A-Za-z0-9_.-]{1,64}$", ErrorMessage = "must be 1-64 of A-Z a-z 0-9 _ . -")]
    public string ClusterId { get; set; } = DefaultClusterId;

    /// <summary>Service id; grain state is keyed by it, so it must stay the same across deployments (default "actors").</summary>
    [Required, RegularExpression("^[A-Za-z0-9_.-]{1,64}$", ErrorMessage = "must be 1-64 of A-Z a-z 0-9 _ . -")]
    public string ServiceId { get; set; } = DefaultServiceId;

    /// <summary>Silo-to-silo port (default 22111).</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = DefaultSiloPort;

    /// <summary>Port clients connect to (default 22112).</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = DefaultGatewayPort;

    /// <summary>Address this silo advertises to others (default 127.0.0.1).</summary>
    [Required]
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// For localhost clustering with several silos: the silo-to-silo endpoint (host:port) of the
    /// primary silo. Empty means this silo is the primary (default).
    /// </summary>
    public string? PrimarySiloEndpoint { get; set; }

    /// <summary>Membership: only "Localhost" for now (default).</summary>
    [Required, AllowedValues("Localhost", ErrorMessage = "must be Localhost")]
    public string Clustering { get; set; } = "Localhost";

    /// <summary>Grain state and reminders: only "Memory" for now (default).</summary>
    [Required, AllowedValues("Memory", ErrorMessage = "must be Memory")]
    public string Storage { get; set; } = "Memory";
}
