using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace Actors.Hosting;

/// <summary>
/// Stands in for Kestrel when <see cref="ActorsSiloOptions.HttpPort"/> is 0: the web host starts but
/// opens no socket. Without it ASP.NET Core would fall back to listening on localhost:5000.
/// </summary>
internal sealed class DisabledHttpServer : IServer
{
    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }
}
