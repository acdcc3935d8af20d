using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Actors.LoadTests.Tests.Support;

/// <summary>
/// A stand-in for the Actors gateway's partner balance endpoint, on Kestrel in this process at a free
/// loopback port: it answers each user with the status code a test chooses, refuses a wrong API key
/// with 401, and counts the TCP connections open now and ever opened, which is how a test sees
/// whether an HTTP client closed its connections. Starting it costs milliseconds, unlike the real
/// gateway (which needs a cluster client and its configuration).
/// </summary>
public sealed class FakeGateway : IAsyncDisposable
{
    public const string PartnerId = "bench";
    public const string ApiKey = "fake-gateway-key";

    private readonly WebApplication _app;
    private readonly Func<string, CancellationToken, Task<HttpStatusCode>> _answer;
    private readonly ConcurrentDictionary<HttpStatusCode, long> _answered = new();
    private readonly object _gate = new();
    private readonly List<(long Count, TaskCompletionSource Reached)> _receivedWaiters = [];
    private TaskCompletionSource? _allClosed;
    private long _received;
    private int _open;
    private int _opened;

    private FakeGateway(Func<string, CancellationToken, Task<HttpStatusCode>> answer)
    {
        _answer = answer;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Use(next => async connection =>
        {
            ConnectionOpened();
            try
            {
                await next(connection);
            }
            finally
            {
                ConnectionClosed();
            }
        })));
        _app = builder.Build();
        _app.MapGet("/v1/partner/users/{userId}/banks/{bank}/balance", AnswerAsync);
    }

    /// <summary>The base URL, ending in '/' as <see cref="Scenarios.HttpTarget"/> wants it.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Connections open at this moment.</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    /// <summary>Connections accepted since the start.</summary>
    public int OpenedConnections => Volatile.Read(ref _opened);

    /// <summary>
    /// Starts a gateway whose answer to a balance read of a user is <paramref name="answer"/>(user id, request aborted).
    /// </summary>
    public static async Task<FakeGateway> StartAsync(Func<string, CancellationToken, Task<HttpStatusCode>> answer)
    {
        var gateway = new FakeGateway(answer);
        await gateway._app.StartAsync();
        var address = gateway._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        gateway.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return gateway;
    }

    /// <summary>How many reads were answered with <paramref name="status"/>.</summary>
    public long Answered(HttpStatusCode status) => _answered.GetValueOrDefault(status);

    /// <summary>Completes once <paramref name="count"/> balance reads have arrived (answered or not).</summary>
    public Task WhenReceivedAsync(long count)
    {
        lock (_gate)
        {
            if (_received >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _receivedWaiters.Add((count, reached));
            return reached.Task;
        }
    }

    /// <summary>Completes once no connection is open (at once when none is).</summary>
    public Task WhenAllConnectionsClosedAsync()
    {
        lock (_gate)
        {
            if (_open == 0)
            {
                return Task.CompletedTask;
            }

            _allClosed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _allClosed.Task;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext http, string userId, string bank)
    {
        Received();
        if (http.Request.Headers["X-Api-Key"] != ApiKey || bank != "CHASE")
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var status = await _answer(userId, http.RequestAborted);
        if (http.RequestAborted.IsCancellationRequested)
        {
            return; // the client gave up: there is no one left to answer
        }

        _answered.AddOrUpdate(status, 1, (_, n) => n + 1);
        http.Response.StatusCode = (int)status;
        var body = status == HttpStatusCode.OK
            ? $$"""{"userId":"{{userId}}","bank":"CHASE","balances":[]}"""
            : $$"""{"status":{{(int)status}}}""";
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = System.Text.Encoding.UTF8.GetByteCount(body);
        await http.Response.WriteAsync(body, http.RequestAborted);
    }

    private void Received()
    {
        lock (_gate)
        {
            _received++;
            foreach (var waiter in _receivedWaiters.Where(w => w.Count <= _received).ToArray())
            {
                waiter.Reached.TrySetResult();
                _receivedWaiters.Remove(waiter);
            }
        }
    }

    private void ConnectionOpened()
    {
        lock (_gate)
        {
            _open++;
            _opened++;
        }
    }

    private void ConnectionClosed()
    {
        lock (_gate)
        {
            if (--_open == 0)
            {
                _allClosed?.TrySetResult();
                _allClosed = null;
            }
        }
    }
}
