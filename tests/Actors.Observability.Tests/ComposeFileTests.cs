using Actors.Client.Tests.Infrastructure;
using Actors.Gateway.Options;
using Actors.Hosting;
using Actors.Observability.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Actors.Observability.Tests;

/// <summary>
/// docker-compose.yml against the hosts: every Actors__... variable is a key the silo reads and
/// accepts, and every port, address and --gateway agrees with those settings. (CI separately checks
/// that the file is valid Compose with 'docker-compose config -q'.)
/// </summary>
public sealed class ComposeFileTests
{
    private const string SiloImage = "actors-silo";
    private static readonly string[] SiloNames = ["silo1", "silo2", "silo3"];
    private static readonly string[] OtherServices = ["redis", "postgres", "certs", "migrate", "gateway", "prometheus", "grafana", "client", "loadtests"];
    private readonly IReadOnlyDictionary<string, ComposeService> _services = ComposeFile.Load();

    [Fact]
    public void Compose_has_the_stores_three_silos_the_gateway_prometheus_grafana_the_client_and_the_load_runner()
    {
        Assert.All(OtherServices.Concat(SiloNames),
            name => Assert.True(_services.ContainsKey(name), $"no service '{name}' in {ComposeFile.Path}"));
    }

    [Fact]
    public void Every_Actors_environment_variable_of_a_silo_is_a_setting_the_silo_reads_and_accepts()
    {
        var checkedServices = 0;
        foreach (var service in _services.Values.Where(s => s.Image == SiloImage && s.ActorsSettings.Count > 0))
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
    [InlineData("gateway")]
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

    [Fact]
    public void Gateway_settings_are_ones_the_gateway_reads_and_accepts()
    {
        var gateway = _services["gateway"];
        var settings = new Dictionary<string, string?>(gateway.ActorsSettings)
        {
            [$"{GatewayOptions.SectionName}:Clustering"] = gateway.Flag("--clustering"),
            ["Actors:Redis:ConnectionString"] = gateway.Flag("--redis"),
            [$"{GatewayOptions.SectionName}:ClusterId"] = gateway.Flag("--cluster-id"),
        };

        var options = GatewayOptionsValidator.Load(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

        Assert.Equal(StoreKinds.Redis, options.Cluster.Clustering);
        Assert.Contains(options.Credentials, c => c.Role == "Partner");
        Assert.Contains(options.Credentials, c => c.Role == "Bank");
    }

    [Fact]
    public void Gateway_listens_on_all_interfaces_on_the_published_port_and_its_healthcheck_asks_healthz_there()
    {
        var gateway = _services["gateway"];
        var url = new Uri(gateway.Flag("--urls") ?? throw new Xunit.Sdk.XunitException("services.gateway: no --urls"));

        Assert.Equal("0.0.0.0", url.Host);
        Assert.Contains(gateway.Ports, p => p.Container == url.Port);
        var health = string.Join(' ', gateway.HealthcheckTest);
        Assert.True(health.Contains($"/dev/tcp/127.0.0.1/{url.Port} ", StringComparison.Ordinal) && health.Contains("GET /healthz ", StringComparison.Ordinal),
            $"services.gateway: the healthcheck should ask /healthz on port {url.Port}: {health}");
    }

    [Fact]
    public void A_plain_up_runs_neither_the_demo_nor_the_load_test()
    {
        Assert.Equal(["demo"], _services["client"].Profiles);
        Assert.Equal(["load"], _services["loadtests"].Profiles);
        var always = _services.Values.Where(s => s.Name is not ("client" or "loadtests")).ToList();
        Assert.All(always, s => Assert.True(s.Profiles.Count == 0, $"services.{s.Name} is in profile(s) {string.Join(", ", s.Profiles)}: a plain 'docker-compose up' would not start it"));
    }

    [Fact]
    public void The_silo_image_is_built_by_one_service_that_every_other_silo_image_service_waits_for()
    {
        var users = _services.Values.Where(s => s.Image == SiloImage).ToList();
        var builder = Assert.Single(users, s => s.Builds);

        Assert.Equal("migrate", builder.Name);
        Assert.All(users.Where(s => s != builder), s => Assert.True(s.DependsOn.Contains(builder.Name),
            $"services.{s.Name} runs {SiloImage} without waiting for services.{builder.Name}, which builds it"));
        Assert.Equal(SiloNames.Length + 1, users.Count);
    }

    [Fact]
    public void Load_runner_writes_its_reports_into_a_named_volume_its_non_root_user_owns()
    {
        var loadtests = _services["loadtests"];
        var reportDir = loadtests.Flag("--report-dir") ?? throw new Xunit.Sdk.XunitException("services.loadtests: no --report-dir");

        var volume = Assert.Single(loadtests.Volumes, v => v.Target == reportDir);
        Assert.Contains(volume.Source, ComposeFile.NamedVolumes());
        Assert.NotEqual("ro", volume.Mode);
        // An empty named volume takes the owner of the image's directory at its mount point.
        var dockerfile = File.ReadAllLines(Path.Combine(RepositoryLayout.Root, "loadtests", "Dockerfile"));
        var chown = Array.FindIndex(dockerfile, l => l.Contains($"mkdir {reportDir}", StringComparison.Ordinal) && l.Contains($"chown $APP_UID {reportDir}", StringComparison.Ordinal));
        var user = Array.FindLastIndex(dockerfile, l => l.StartsWith("USER $APP_UID", StringComparison.Ordinal));
        Assert.True(chown >= 0 && chown < user, $"loadtests/Dockerfile should create {reportDir} owned by $APP_UID before 'USER $APP_UID'");
    }

    [Theory]
    [InlineData("prometheus", "deploy/prometheus/prometheus.yml", "/etc/prometheus/prometheus.yml")]
    [InlineData("grafana", "deploy/grafana/provisioning", "/etc/grafana/provisioning")]
    [InlineData("grafana", "deploy/grafana/dashboards", "/var/lib/grafana/dashboards")]
    public void Monitoring_configuration_is_mounted_read_only_from_the_repository(string service, string source, string target)
    {
        var volume = Assert.Single(_services[service].Volumes, v => v.Target == target);

        Assert.Equal($"./{source}", volume.Source);
        Assert.Equal("ro", volume.Mode);
        Assert.True(File.Exists(Path.Combine(RepositoryLayout.Root, source)) || Directory.Exists(Path.Combine(RepositoryLayout.Root, source)), $"{source} does not exist");
    }

    [Fact]
    public void Grafana_loads_dashboards_from_where_compose_mounts_them()
    {
        var providers = ((List<object?>)DeployFiles.LoadYaml(DeployFiles.DashboardProvidersPath)["providers"]!).Cast<Dictionary<object, object?>>();
        var path = (string?)((Dictionary<object, object?>)Assert.Single(providers)["options"]!)["path"];

        Assert.Contains(_services["grafana"].Volumes, v => v.Target == path && v.Source == "./deploy/grafana/dashboards");
        Assert.True(File.Exists(DeployFiles.DashboardPath), $"no dashboard at {DeployFiles.DashboardPath}");
    }

    [Fact]
    public void Prometheus_scrapes_every_compose_silo_on_its_http_port_and_metrics_path()
    {
        var expected = SiloNames.Select(n => $"{n}:{Port(_services[n], "HttpPort")}").ToList();

        var jobs = ((List<object?>)DeployFiles.LoadYaml(DeployFiles.PrometheusConfigPath)["scrape_configs"]!).Cast<Dictionary<object, object?>>().ToList();
        var job = Assert.Single(jobs);
        Assert.Equal(ObservabilityOptions.DefaultMetricsPath, (string?)job.GetValueOrDefault("metrics_path") ?? "/metrics");
        var targets = ((List<object?>)job["static_configs"]!).Cast<Dictionary<object, object?>>()
            .SelectMany(c => ((List<object?>)c["targets"]!).Select(t => (string)t!))
            .ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), targets.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Silos_require_mutual_tls_with_the_certs_services_certificates()
    {
        var certs = _services["certs"];
        Assert.Contains(certs.Volumes, v => v.Source == "./scripts/dev-ca.sh" && v.Mode == "ro");
        var volume = Assert.Single(certs.Volumes, v => v.Target == "/certs").Source;
        Assert.Contains(volume, ComposeFile.NamedVolumes());
        foreach (var silo in SiloNames.Select(n => _services[n]))
        {
            var tls = Actors.Hosting.Security.ActorsTls.Load(new ConfigurationBuilder().AddInMemoryCollection(silo.ActorsSettings).Build());
            Assert.True(tls.Enabled, $"services.{silo.Name}: Actors__Tls__Enabled");
            Assert.True(tls.RequireClientCertificate);
            Assert.Equal(("/certs/ca.pem", "/certs/silo.pem", "/certs/silo.key"), (tls.CaPath, tls.CertificatePath, tls.KeyPath));
            Assert.Contains(silo.Volumes, v => v.Source == volume && v.Target == "/certs" && v.Mode == "ro");
            Assert.Contains("certs", silo.DependsOn);
        }
    }

    [Theory]
    [InlineData("client")]
    [InlineData("loadtests")]
    [InlineData("gateway")]
    public void Clients_connect_with_the_client_certificate_of_the_silos_ca(string name)
    {
        var service = _services[name];
        Assert.Equal("/certs/ca.pem", service.Flag("--tls-ca"));
        Assert.Equal("/certs/client.pem", service.Flag("--tls-cert"));
        Assert.Equal("/certs/client.key", service.Flag("--tls-key"));
        Assert.Contains(service.Volumes, v => v.Target == "/certs" && v.Mode == "ro");
    }

    [Fact]
    public void Silo_dashboards_and_metrics_need_the_key_prometheus_sends()
    {
        var job = ((List<object?>)DeployFiles.LoadYaml(DeployFiles.PrometheusConfigPath)["scrape_configs"]!).Cast<Dictionary<object, object?>>().Single();
        var authorization = (Dictionary<object, object?>)job["authorization"]!;
        foreach (var silo in SiloNames.Select(n => _services[n]))
        {
            var options = OptionsLoader.Load<ObservabilityOptions>(new ConfigurationBuilder().AddInMemoryCollection(silo.ActorsSettings).Build(), ObservabilityOptions.SectionName);
            Assert.Equal("0.0.0.0", options.BindAddress); // Prometheus reaches it over the compose network
            Assert.Equal(options.ApiKey, (string?)authorization["credentials"]);
        }

        Assert.Equal("Bearer", (string?)authorization["type"]);
    }

    private static int Port(ComposeService silo, string name)
    {
        var text = silo.Setting($"Actors:Silo:{name}") ?? throw new Xunit.Sdk.XunitException($"services.{silo.Name}: Actors__Silo__{name} is not set");
        return int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
    }
}
