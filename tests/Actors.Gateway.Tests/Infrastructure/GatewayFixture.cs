using Actors.Accounts;
using Actors.Gateway.Hosting;
using Actors.Hosting;
using Actors.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Actors.Gateway.Tests.Infrastructure;

/// <summary>
/// One embedded silo and one gateway on a free loopback port, shared by the whole suite. The
/// grains and the gateway read the same <see cref="FakeTimeProvider"/> (Orleans' own loops stay on
/// real time), so consent and key expiry move only when a test advances the clock.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2030, 1, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly List<WebApplication> _apps = [];
    private ActorsCluster _cluster = null!;

    /// <summary>Steps 1 ms on every read, so that inbox messages get distinct instants (the notification cursor).</summary>
    public FakeTimeProvider Time { get; } = new(Start) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };

    public IGrainFactory Grains => _cluster.Grains;

    public GatewayHttp Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _cluster = await ActorsCluster.StartEmbeddedAsync(configureServices: services =>
        {
            services.Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Critical);
            services.AddSingleton<TimeProvider>(Time);
            services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            services.AddKeyedSingleton(TimeProviderNames.Grains, TimeProvider.System);
        });
        await Seed();
        Http = new GatewayHttp(await StartGateway(Settings()));
    }

    /// <summary>The suite's gateway settings: every persona's key, partners, banks, one expired and one expiring key.</summary>
    public Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>();
        var credentials = new List<(string Role, string Subject, string Key, DateTimeOffset? ExpiresAt)>
        {
            ("Partner", Personas.Acme, Personas.AcmeKey, null),
            ("Partner", Personas.Globex, Personas.GlobexKey, null),
            ("Partner", Personas.Bench, Personas.BenchKey, null),
            ("Partner", Personas.Acme, Personas.ExpiredKey, Start.AddDays(-1)),
            ("Partner", Personas.Acme, Personas.ExpiringKey, Start.AddDays(30)),
            ("Bank", "CHASE", Personas.ChaseKey, null),
            ("Bank", "CITI", Personas.CitiKey, null),
        };
        credentials.AddRange(Personas.All.Select(p => ("User", p.UserId, p.Key, (DateTimeOffset?)null)));
        for (var i = 0; i < credentials.Count; i++)
        {
            var (role, subject, key, expiresAt) = credentials[i];
            var prefix = $"Actors:Gateway:Credentials:{i}:";
            settings[prefix + "Role"] = role;
            settings[prefix + "Subject"] = subject;

            // Half the keys as hashes, as production would configure them.
            settings[prefix + (i % 2 == 0 ? "Key" : "KeyHash")] = i % 2 == 0 ? key : Security.ApiKeyHash.Of(key);
            settings[prefix + "ExpiresAt"] = expiresAt?.ToString("O");
        }

        foreach (var (key, value) in PartnerTokens.Settings(PartnerTokens.Current, PartnerTokens.Next))
        {
            settings[key] = value;
        }

        settings["Actors:Gateway:NotificationPollInterval"] = "00:00:00.050";
        foreach (var limit in new[] { "RateLimit", "UserRateLimit", "BankRateLimit", "UnauthenticatedRateLimit" })
        {
            settings[$"Actors:Gateway:{limit}:TokenLimit"] = "100000";
            settings[$"Actors:Gateway:{limit}:TokensPerPeriod"] = "100000";
        }
        return settings;
    }

    /// <summary>Starts another gateway over the same cluster (e.g. with a tiny rate limit); stopped with the fixture.</summary>
    public async Task<Uri> StartGateway(IDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<TimeProvider>(Time);
        var app = GatewayApplication.Build(builder, Grains);
        await app.StartAsync();
        _apps.Add(app);
        return new Uri(app.Urls.Single());
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        await _cluster.DisposeAsync();
    }

    private async Task Seed()
    {
        foreach (var persona in Personas.All)
        {
            var user = Grains.GetGrain<IUserGrain>(persona.UserId);
            await user.Register(new UserProfile(persona.DisplayName, "en_US", "US", persona.MessengerId));
            foreach (var accountId in persona.Accounts)
            {
                var account = Grains.GetGrain<IAccountGrain>(accountId);
                await account.Open(persona.UserId, "USD");
                await account.Deposit($"seed-{accountId.Replace(':', '-')}", Money.Money.FromMinor(1_000_00, "USD"));
                await user.LinkAccount(accountId);
            }

            foreach (var purpose in new[] { ConsentPurpose.BalanceView, ConsentPurpose.TransactionNotifications, ConsentPurpose.FraudAlerts })
            {
                await user.GrantConsent("CHASE", purpose, null, "user");
            }
        }

        var gateway = (Func<Persona, IUserGatewayGrain>)(p => Grains.GetGrain<IUserGatewayGrain>(p.UserId));
        foreach (var persona in Personas.All.Where(p => p != Personas.Bob))
        {
            await gateway(persona).LinkPartner(Personas.Acme);
        }

        await gateway(Personas.Bob).LinkPartner(Personas.Globex);
    }
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
