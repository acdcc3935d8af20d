using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Actors.Web.Living;

namespace Actors.Web.Endpoints;

/// <summary>The world panel: live series (also as server-sent events, one a second), the traffic rate, fraud injection.</summary>
internal static class WorldEndpoints
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    public static void MapWorldEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/world", View);
        app.MapGet("/api/world/events", (LivingWorld world, CancellationToken cancellationToken) => TypedResults.ServerSentEvents(Views(world, cancellationToken)));
        app.MapPost("/api/world/rate", (LivingWorld world, RateRequest request) =>
            world.Traffic.TrySetRate(request.Rate) is { } error ? Problems.Bad(error) : Results.Ok(View(world)));
        app.MapPost("/api/world/inject", Inject);
    }

    public static WorldView View(LivingWorld world) =>
        new(world.Traffic.Rate, world.Traffic.Sent, world.Population.UserCount, FraudPatterns.Names, world.Metrics.Snapshot());

    private static async IAsyncEnumerable<SseItem<WorldView>> Views(LivingWorld world, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Period, world.Time);
        while (!cancellationToken.IsCancellationRequested)
        {
            yield return new SseItem<WorldView>(View(world), "world");
            try
            {
                await timer.WaitForNextTickAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    private static async Task<IResult> Inject(LivingWorld world, InjectRequest request)
    {
        if (!FraudPatterns.TryParse(request.Pattern, out var pattern))
        {
            return Problems.Bad($"Pattern '{request.Pattern}' is unknown: use one of {string.Join(", ", FraudPatterns.Names)}.");
        }

        int user;
        if (string.IsNullOrWhiteSpace(request.UserId))
        {
            var candidates = Enumerable.Range(0, world.Population.UserCount).Where(u => !world.IsErased(world.Population.UserIds[u])).ToList();
            if (candidates.Count == 0)
            {
                return Problems.Bad("Every user was erased: there is nobody to defraud.");
            }

            user = candidates[Random.Shared.Next(candidates.Count)];
        }
        else if (!world.TryFindUser(request.UserId.Trim(), out user))
        {
            return Problems.NoUser(request.UserId);
        }

        return Results.Ok(await world.Fraud.InjectAsync(pattern, user));
    }
}

public sealed record WorldView(double Rate, long Sent, int Users, IReadOnlyList<string> Patterns, WorldSeries Series);
