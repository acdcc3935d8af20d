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

    /// <summary>
    /// Port of the silo's web host: Orleans Dashboard, Prometheus /metrics, /health/live and /health/ready
    /// (see ObservabilityHosting). 0 means no web host (default here, so embedded silos open no port;
    /// the silo executable's appsettings.json sets 22180).
    /// </summary>
    [Range(0, 65535)]
    public int HttpPort { get; set; }

    /// <summary>Address this silo advertises to others (default 127.0.0.1).</summary>
    [Required]
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// For localhost clustering with several silos: the silo-to-silo endpoint (host:port) of the
    /// primary silo. Empty means this silo is the primary (default).
    /// </summary>
    public string? PrimarySiloEndpoint { get; set; }

    /// <summary>
    /// Membership: "Localhost" (default; one machine, <see cref="PrimarySiloEndpoint"/> for more silos),
    /// "Redis" (needs Actors:Redis:ConnectionString) or "PostgreSQL" (needs Actors:PostgreSQL:ConnectionString
    /// and the schema from 'silo migrate').
    /// </summary>
    [Required, AllowedValues(StoreKinds.Localhost, StoreKinds.Redis, StoreKinds.PostgreSql, ErrorMessage = "must be Localhost, Redis or PostgreSQL")]
    public string Clustering { get; set; } = StoreKinds.Localhost;

    /// <summary>
    /// Grain state and reminders: "Memory" (default; Orleans' storage grains, shared by the silos of a cluster,
    /// lost when it stops), "ProcessMemory" (this process's memory without a storage-grain hop: a single silo
    /// only, the embedded silo's default), "Redis" or "PostgreSQL" (each needs its connection string, as for
    /// <see cref="Clustering"/>). Reminders follow the storage (in memory for both memory kinds).
    /// </summary>
    [Required, AllowedValues(StoreKinds.Memory, StoreKinds.ProcessMemory, StoreKinds.Redis, StoreKinds.PostgreSql, ErrorMessage = "must be Memory, ProcessMemory, Redis or PostgreSQL")]
    public string Storage { get; set; } = StoreKinds.Memory;

    /// <summary>Orleans' default directory cache size (<see cref="DirectoryCacheSize"/>).</summary>
    public const int DefaultDirectoryCacheSize = 1_000_000;

    /// <summary>
    /// Grain locations this silo caches (Orleans' LRU directory cache; default 1,000,000, Orleans' default). 0 turns
    /// the cache off: right for a silo that is the whole cluster (the embedded silo's default), which owns every
    /// directory partition and so finds every grain in its own partition without a remote lookup; the cache would
    /// only repeat it (measured: ~300 bytes an activation, about a tenth of a resident user).
    /// </summary>
    [Range(0, int.MaxValue)]
    public int DirectoryCacheSize { get; set; } = DefaultDirectoryCacheSize;
}
