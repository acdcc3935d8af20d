using Spectre.Console;

namespace Actors.Client.Infrastructure;

/// <summary>What a command's cluster work runs with: the grains, the writers and the cancellation token.</summary>
public sealed record CommandContext(IGrainFactory Grains, ClientIo Io, string ConnectionDescription, CancellationToken CancellationToken)
{
    public IAnsiConsole Out => Io.Out;
}

/// <summary>The part of a command that talks to the cluster, built only after its input was validated.</summary>
public delegate Task ClusterOperation(CommandContext context);
