using System.Net;
using System.Net.Sockets;
using Actors.Hosting;
using Orleans.TestingHost;

namespace Actors.Insights.Tests.Cluster;

/// <summary>
/// Ports for the test cluster that the OS reports free (never Orleans' defaults). The test host wants
/// runs of consecutive ports, so a candidate run is bound as a whole before it is handed out.
/// </summary>
internal sealed class FreePortAllocator : ITestClusterPortAllocator
{
    private const int Attempts = 50;

    public (int, int) AllocateConsecutivePortPairs(int numPorts) => (FreeRun(numPorts), FreeRun(numPorts));

    public void Dispose()
    {
    }

    private static int FreeRun(int length)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var start = FreePorts.Get(1)[0];
            if (start + length <= IPEndPoint.MaxPort && IsFree(start, length))
            {
                return start;
            }
        }

        throw new InvalidOperationException($"No run of {length} free loopback ports found after {Attempts} attempts.");
    }

    private static bool IsFree(int start, int length)
    {
        var listeners = new List<TcpListener>(length);
        try
        {
            for (var port = start; port < start + length; port++)
            {
                var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                listeners.Add(listener);
            }

            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
