using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Hosting;

/// <summary>The parts of a connection <see cref="ClusterConnectOptions"/> changes: logging and a bounded gateway connect.</summary>
public sealed partial class ActorsCluster
{
    /// <summary>How long the TCP probe that explains a failed connect may take: the whole failure should stay well within a CI step's patience.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    private static void ConfigureLogging(ILoggingBuilder logging, ClusterConnectOptions options)
    {
        if (options.ConfigureLogging is { } configure)
        {
            logging.ClearProviders();
            configure(logging);
            return;
        }

        logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        if (!options.Verbose)
        {
            foreach (var library in LibraryCategories)
            {
                logging.AddFilter(library, LogLevel.Error);
            }
        }
    }

    /// <summary>Log categories of the libraries under Actors, quiet to errors unless <see cref="ClusterConnectOptions.Verbose"/>.</summary>
    internal static readonly string[] LibraryCategories = ["Orleans", "Polly", "Microsoft"];

    private static async Task StartWithDeadlineAsync(IHost host, string gateway, IReadOnlyList<IPEndPoint> endpoints, TimeSpan timeout,
        RetryUntilDeadline retries, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        Exception failure;
        try
        {
            // WaitAsync as well as the token: part of Orleans' client start (the cluster manifest request) does not
            // observe the token, and on a refused port one attempt took three minutes.
            await host.StartAsync(deadline.Token).WaitAsync(deadline.Token);
            return;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            failure = e;
        }
        catch
        {
            Abandon(host);
            throw;
        }

        var lastError = retries.LastError ?? failure;
        var error = lastError is OperationCanceledException ? null : lastError;
        var reason = endpoints.Count switch
        {
            // Gateways from a membership table: nothing to probe but what the client said.
            0 => error is null ? "no gateway listed in the membership table answered" : FirstLine(error.Message),
            1 => await ProbeAsync(endpoints[0], error),
            _ => string.Join("; ", await Task.WhenAll(endpoints.Select(async e => $"{e}: {await ProbeAsync(e, error)}"))),
        };
        Abandon(host);
        throw new ClusterUnreachableException(gateway, timeout, reason, lastError);
    }

    /// <summary>
    /// Stops a client whose start was given up on, in the background: its start may still be inside Orleans, and the
    /// caller, who is about to report the failure and exit, must not wait for it.
    /// </summary>
    private static void Abandon(IHost host) => _ = Task.Run(async () =>
    {
        try
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await host.StopAsync(stop.Token);
        }
        catch (Exception)
        {
            // Nothing to report: the connection failed already, and that is what the caller reports.
        }
        finally
        {
            try
            {
                host.Dispose();
            }
            catch (Exception)
            {
                // As above.
            }
        }
    });

    /// <summary>What a plain TCP connect to the address says: the reason a person can act on (wrong port, firewall, wrong cluster id).</summary>
    private static async Task<string> ProbeAsync(IPEndPoint endpoint, Exception? lastError)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var probe = new CancellationTokenSource(ProbeTimeout);
        try
        {
            await socket.ConnectAsync(endpoint, probe.Token);
            var why = lastError is null ? "" : $": {FirstLine(lastError.Message)}";
            return $"the port accepts connections, but no Orleans gateway of this cluster answered{why}";
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused",
                SocketError.HostUnreachable or SocketError.NetworkUnreachable => "host unreachable",
                SocketError.TimedOut => "connection attempts time out",
                _ => FirstLine(e.Message),
            };
        }
        catch (OperationCanceledException)
        {
            return "connection attempts time out";
        }
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    /// <summary>
    /// Retries every failed connect attempt until the start's deadline cancels it (a silo that is still starting is
    /// caught), remembering the last error for the message; without a filter Orleans gives up on the first one.
    /// </summary>
    private sealed class RetryUntilDeadline : IClientConnectionRetryFilter
    {
        private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(500);

        private volatile Exception? _lastError;

        public Exception? LastError => _lastError;

        public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
        {
            _lastError = exception;
            try
            {
                await Task.Delay(Pause, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            return true;
        }
    }
}
