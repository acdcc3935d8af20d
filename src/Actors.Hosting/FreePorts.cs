using System.Net;
using System.Net.Sockets;

namespace Actors.Hosting;

/// <summary>Asks the OS for free loopback ports (all held open together, so they are distinct).</summary>
public static class FreePorts
{
    public static int[] Get(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}
