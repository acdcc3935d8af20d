using Actors.Hosting;
using Actors.Observability.Tests.Infrastructure;

namespace Actors.Observability.Tests;

/// <summary>
/// docker-compose.yml against the hosts: every Actors__... variable is a key the silo reads and
/// accepts, and every port, address and --gateway agrees with those settings. (CI separately checks
/// that the file is valid Compose with 'docker-compose config -q'.)
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string[] SiloNames = ["silo1", "silo2", "silo3"];
    private static readonly string[] OtherServices = ["redis", "postgres", "client", "loadtests"];
    private readonly IReadOnlyDictionary<string, ComposeService> _services = ComposeFile.Load();

    [Fact]
    public void Compose_has_the_stores_three_silos_the_client_and_the_load_runner()
    {
        Assert.All(OtherServices.Concat(SiloNames),
            name => Assert.True(_services.ContainsKey(name), $"no service '{name}' in {ComposeFile.Path}"));
    }

    [Fact]
    public void Every_Actors_environment_variable_is_a_setting_the_silo_reads_and_accepts()
    {
        var checkedServices = 0;
        foreach (var service in _services.Values.Where(s => s.ActorsSettings.Count > 0))
        {
            var failures = HostConfigurationKeys.Check(service.ActorsSettings);
            Assert.True(failures.Count == 0, $"services.{service.Name}: {string.Join("; ", failures)}");
            checkedServices++;
        }

        Assert.True(checkedServices >= SiloNames.Length, $"only {checkedServices} services set Actors__ variables");
    }

    [Theory]
    [InlineData("Actors:Silo:HttpPrt", "22180", "HttpPrt")]
    [InlineData("Actors:Metrics:Port", "9100", "Actors:Metrics")]
    [InlineData("Actors:Silo:Storage", "Cassandra", "Actors:Silo:Storage")]
    [InlineData("Actors:Silo:Clustering", "Redis", "Actors:Redis:ConnectionString")]
    public void The_key_check_rejects_what_the_silo_would_reject(string key, string value, string named)
    {
        var failures = HostConfigurationKeys.Check(new Dictionary<string, string?> { [key] = value });

        Assert.Contains(failures, f => f.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public void Silo_ports_healthchecks_and_addresses_match_their_settings()
    {
        foreach (var silo in SiloNames.Select(n => _services[n]))
        {
            var siloPort = Port(silo, "SiloPort");
            var gatewayPort = Port(silo, "GatewayPort");
            var httpPort = Port(silo, "HttpPort");
            Assert.All(silo.Ports, p => Assert.True(p.Container == siloPort || p.Container == gatewayPort || p.Container == httpPort,
                $"services.{silo.Name}: published container port {p.Container} is none of its silo/gateway/http ports ({siloPort}/{gatewayPort}/{httpPort})"));
            Assert.Contains(silo.Ports, p => p.Container == httpPort);
            var health = string.Join(' ', silo.HealthcheckTest);
            Assert.True(health.Contains($"/dev/tcp/127.0.0.1/{httpPort} ", StringComparison.Ordinal) && health.Contains(ObservabilityOptions.ReadyPath, StringComparison.Ordinal),
                $"services.{silo.Name}: the healthcheck should ask {ObservabilityOptions.ReadyPath} on port {httpPort}: {health}");
            Assert.Equal(silo.Ipv4Address, silo.Setting("Actors:Silo:AdvertisedAddress"));
        }

        var hostPorts = _services.Values.SelectMany(s => s.Ports.Select(p => p.Host)).ToList();
        Assert.True(hostPorts.Count == hostPorts.Distinct().Count(), $"a host port is published twice: {string.Join(", ", hostPorts)}");
        Assert.DoesNotContain(11111, hostPorts);
        Assert.DoesNotContain(30000, hostPorts);
    }

    [Fact]
    public void Silos_share_one_cluster_and_name_the_compose_stores()
    {
        var silos = SiloNames.Select(n => _services[n]).ToList();
        Assert.Single(silos.Select(s => s.Setting("Actors:Silo:ClusterId")).Distinct());
        Assert.Single(silos.Select(s => s.Setting("Actors:Silo:ServiceId")).Distinct());
        Assert.Equal(silos.Count, silos.Select(s => s.Setting("Actors:Silo:AdvertisedAddress")).Distinct().Count());
        foreach (var silo in silos)
        {
            Assert.StartsWith("redis:", silo.Setting("Actors:Redis:ConnectionString") ?? "", StringComparison.Ordinal);
            Assert.Contains("Host=postgres;", silo.Setting("Actors:PostgreSQL:ConnectionString") ?? "", StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("client")]
    [InlineData("loadtests")]
    public void Clients_find_the_gateways_in_the_silos_membership_table_of_the_same_cluster(string name)
    {
        // Through the membership table, not a fixed silo: a client keeps working when any silo dies.
        var service = _services[name];
        var silo = _services[SiloNames[0]];
        Assert.Null(service.Flag("--gateway"));
        Assert.Equal(silo.Setting("Actors:Silo:Clustering"), service.Flag("--clustering"));
        Assert.Equal(StoreKinds.Redis, service.Flag("--clustering"));
        Assert.Equal(silo.Setting("Actors:Redis:ConnectionString"), service.Flag("--redis"));
        Assert.Equal(silo.Setting("Actors:Silo:ClusterId"), service.Flag("--cluster-id") ?? ActorsSiloOptions.DefaultClusterId);
    }

    private static int Port(ComposeService silo, string name)
    {
        var text = silo.Setting($"Actors:Silo:{name}") ?? throw new Xunit.Sdk.XunitException($"services.{silo.Name}: Actors__Silo__{name} is not set");
        return int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
    }
}
