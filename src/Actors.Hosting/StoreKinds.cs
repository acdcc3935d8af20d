namespace Actors.Hosting;

/// <summary>The values <c>Actors:Silo:Clustering</c> and <c>Actors:Silo:Storage</c> accept (compared case-sensitively, as documented).</summary>
public static class StoreKinds
{
    public const string Localhost = "Localhost";
    public const string Memory = "Memory";

    /// <summary>Storage in this process only (no storage-grain hop): the embedded silo's default; one silo only.</summary>
    public const string ProcessMemory = "ProcessMemory";
    public const string Redis = "Redis";
    public const string PostgreSql = "PostgreSQL";
}
