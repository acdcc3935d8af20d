using System.Net;
using Actors.Load;
using Actors.Load.Scenarios;
using Actors.LoadTests.Population;
using Actors.Users;

namespace Actors.LoadTests.Scenarios;

/// <summary>
/// Scenarios over real HTTP against a running Actors gateway: the same balance read as
/// messenger_balance_check, but through Kestrel, authentication, rate limiting and JSON. The
/// gateway must be a client of the same cluster this run seeds (same --gateway), so that the
/// population and the partner links the init creates are the ones the gateway reads.
/// </summary>
public static class HttpScenarios
{
    public const string HttpBalanceCheck = "http_balance_check";

    /// <summary>
    /// The client is made in the scenario's init and disposed in its clean, so each run owns one pool
    /// of connections and closes it: the capacity search builds and runs the scenario once per step, and
    /// a client made here would leave a pool of open sockets behind each step.
    /// </summary>
    public static ScenarioProps CreateBalanceCheck(LoadContext context, HttpTarget target)
    {
        HttpClient? client = null;
        return Scenario.Create(HttpBalanceCheck, async ctx =>
        {
            var http = Volatile.Read(ref client) ?? throw new InvalidOperationException($"{HttpBalanceCheck} ran without its init.");
            var userId = PopulationOptions.UserId(context.PickUser(ctx.Random));
            try
            {
                using var response = await http.GetAsync($"v1/partner/users/{userId}/banks/CHASE/balance", HttpCompletionOption.ResponseContentRead,
                    ctx.CancellationToken);
                var size = response.Content.Headers.ContentLength ?? 0;
                return response.StatusCode switch
                {
                    HttpStatusCode.OK => Response.Ok("ok", size),

                    // The population's non-consenting users: a business answer, as in messenger_balance_check.
                    HttpStatusCode.Forbidden => Response.Ok("consent_required", size),
                    _ => Response.Fail($"http_{(int)response.StatusCode}", await response.Content.ReadAsStringAsync(ctx.CancellationToken), size),
                };
            }
            catch (HttpRequestException e)
            {
                return Response.Fail("http_error", e.Message);
            }
            catch (TaskCanceledException e) when (!ctx.CancellationToken.IsCancellationRequested)
            {
                // The client's own timeout. A cancellation by the end of the run is left to the engine,
                // which counts a call it cut off neither as ok nor as failed.
                return Response.Fail("timeout", e.Message);
            }
        })
        .WithInit(async init =>
        {
            // A client left by an init without its clean (a scenario composed and run by hand) is not leaked either.
            Interlocked.Exchange(ref client, target.CreateClient())?.Dispose();
            await LinkPartnerAsync(context, target.PartnerId, init.CancellationToken);
        })
        .WithClean(_ =>
        {
            // Clean also runs when init failed or never got this far; then there may be no client.
            Interlocked.Exchange(ref client, null)?.Dispose();
            return Task.CompletedTask;
        });
    }

    /// <summary>Every user of this agent's slice links the benchmark partner (idempotent, so reruns are cheap).</summary>
    private static Task LinkPartnerAsync(LoadContext context, string partnerId, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(context.Population.SliceIndexes(),
            new ParallelOptions { MaxDegreeOfParallelism = context.Population.SetupParallelism, CancellationToken = cancellationToken },
            async (index, _) => await context.Grains.GetGrain<IUserGatewayGrain>(PopulationOptions.UserId(index)).LinkPartner(partnerId));
}

/// <summary>
/// Where the HTTP scenarios send requests: the gateway's base URL, and the partner id and API key
/// that gateway knows. Read from ACTORS_HTTP_URL, ACTORS_HTTP_PARTNER (default "bench") and ACTORS_HTTP_KEY.
/// </summary>
public sealed record HttpTarget(Uri BaseUrl, string PartnerId, string ApiKey)
{
    public const string UrlVariable = "ACTORS_HTTP_URL";
    public const string PartnerVariable = "ACTORS_HTTP_PARTNER";
    public const string KeyVariable = "ACTORS_HTTP_KEY";

    /// <exception cref="LoadConfigurationException">A variable is missing or malformed; the message names it.</exception>
    public static HttpTarget FromEnvironment()
    {
        var url = Environment.GetEnvironmentVariable(UrlVariable);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            throw new LoadConfigurationException(
                $"{HttpScenarios.HttpBalanceCheck} needs a running gateway: set {UrlVariable} to its base URL, e.g. http://127.0.0.1:5080 (got '{url}').");
        }

        var key = Environment.GetEnvironmentVariable(KeyVariable);
        if (string.IsNullOrEmpty(key))
        {
            throw new LoadConfigurationException($"{HttpScenarios.HttpBalanceCheck} needs a partner API key the gateway knows: set {KeyVariable}.");
        }

        var partner = Environment.GetEnvironmentVariable(PartnerVariable);
        partner = string.IsNullOrEmpty(partner) ? "bench" : partner;
        if (!Domain.PartnerRules.IsPartnerId(partner))
        {
            throw new LoadConfigurationException($"{PartnerVariable} '{partner}' is not a partner id (1-32 of A-Z, a-z, 0-9, '_' or '-').");
        }

        return new HttpTarget(baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/"), partner, key);
    }

    /// <summary>One pooled client for the whole run: connections are reused like a real partner's would be.</summary>
    public HttpClient CreateClient()
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1024,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            AutomaticDecompression = DecompressionMethods.None,
        };
        var client = new HttpClient(handler) { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }
}
