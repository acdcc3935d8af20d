using System.CommandLine;
using Actors.Client.Demo;
using Actors.Errors;
using Microsoft.Extensions.Options;

namespace Actors.Client.Infrastructure;

/// <summary>
/// Runs one command: validates its input first (so bad amounts and ids fail fast, without a cluster),
/// then connects, runs the cluster work and maps every failure to a one-line message and an exit code.
/// </summary>
public sealed class CommandRunner(ClientIo io, IClusterConnector connector, ConnectionOptions connection)
{
    public ClientIo Io => io;

    /// <summary>Wires <paramref name="prepare"/> as the action of <paramref name="command"/>.</summary>
    /// <param name="prepare">Reads and validates the parsed values, and returns the cluster work to do.</param>
    public void Bind(Command command, Func<ParseResult, ClusterOperation> prepare)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, prepare, cancellationToken));
    }

    public async Task<int> RunAsync(ParseResult parse, Func<ParseResult, ClusterOperation> prepare, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prepare);
        try
        {
            var operation = prepare(parse);
            await using var session = await Connect(connection.Read(parse), cancellationToken);
            await operation(new CommandContext(session.Grains, io, session.Description, cancellationToken));
            return ExitCodes.Ok;
        }
        catch (DomainException e)
        {
            await io.Error.WriteLineAsync($"error: {e.Error}: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (OptionsValidationException e)
        {
            await io.Error.WriteLineAsync($"error: {string.Join("; ", e.Failures)}");
            return ExitCodes.BadArguments;
        }
        catch (BadArgumentException e)
        {
            await io.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.BadArguments;
        }
        catch (DemoFailedException e)
        {
            await io.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (ClusterUnavailableException e)
        {
            await io.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await io.Error.WriteLineAsync("error: cancelled.");
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            // Anything else comes from the cluster or the network (timeouts, a silo that went away):
            // a failed job, reported in one line rather than as a stack trace.
            await io.Error.WriteLineAsync($"error: {e.GetType().Name}: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    private async Task<IClusterSession> Connect(ConnectionSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            return await connector.ConnectAsync(settings, cancellationToken);
        }
        catch (Exception e) when (e is not (OperationCanceledException or OptionsValidationException or DomainException))
        {
            // ActorsCluster's own message already names the gateway and cluster; a timeout's does not.
            var message = e is InvalidOperationException ? e.Message
                : settings.Embedded ? $"could not start the embedded silo: {e.Message}"
                : settings.Address.Clustering is null ? $"could not connect to the gateway {string.Join(", ", settings.Address.Gateways)} (cluster '{settings.Address.ClusterId}'): {e.Message}"
                : $"could not connect through the {settings.Address}: {e.Message}";
            throw new ClusterUnavailableException(message, e);
        }
    }
}

/// <summary>The cluster could not be reached or started; the command did nothing.</summary>
public sealed class ClusterUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>A flag value that the parser accepted but the command cannot use (exit 2, nothing sent).</summary>
public sealed class BadArgumentException(string message) : Exception(message);
