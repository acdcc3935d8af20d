using Actors.Hosting;

namespace Actors.LoadTests.Cluster;

/// <summary>
/// What a command drives load into: a client of the embedded silo, of a named gateway, or of silo processes the
/// command started itself (<see cref="Fleet"/>, stopped when this is disposed).
/// </summary>
public sealed class LoadTarget(ActorsCluster cluster, SiloFleet? fleet) : IAsyncDisposable
{
    public ActorsCluster Cluster { get; } = cluster;

    public SiloFleet? Fleet { get; } = fleet;

    public IGrainFactory Grains => Cluster.Grains;

    public IServiceProvider Services => Cluster.Services;

    public bool IsEmbedded => Cluster.IsEmbedded;

    /// <summary>The deployment shape, for the console and every report.</summary>
    public string Description => Fleet?.Description ?? (Cluster.IsEmbedded
        ? $"{Cluster.Description}: generator and silo in one process, no client→gateway hop"
        : Cluster.Description);

    /// <summary>
    /// CPU seconds used so far by everything the load runs on, where this process can see it: the generator (this
    /// process) and, for a fleet, its silo processes and private redis-server; the embedded silo is in this process.
    /// Null for a cluster someone else runs (its CPU is not visible from here).
    /// </summary>
    public Func<double>? CpuSeconds => Fleet is { } fleet
        ? () => OwnCpuSeconds() + fleet.SiloCpuSeconds() + fleet.StoreCpuSeconds()
        : Cluster.IsEmbedded ? OwnCpuSeconds : null;

    private static double OwnCpuSeconds()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Cluster.DisposeAsync();
        }
        finally
        {
            if (Fleet is not null)
            {
                await Fleet.DisposeAsync();
            }
        }
    }
}
