using Actors.Cluster.Tests.Infrastructure;
using Actors.Hosting;
using Actors.Hosting.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Actors.Cluster.Tests;

/// <summary>
/// Mutual TLS between clients and silos, with the certificates scripts/dev-ca.sh makes: two silo processes on Redis
/// speak TLS to each other and to a client that shows a certificate of their CA; a plain client, a TLS client without a
/// certificate, one whose certificate another CA signed and one that trusts another CA are all refused, and what the
/// first client wrote is unchanged after every refusal.
/// </summary>
[Collection(StoresCollection.Name)]
public sealed class TlsTests(StoresFixture stores) : IDisposable
{
    private static readonly TimeSpan RefusalDeadline = TimeSpan.FromSeconds(5);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"actors-tls-{Guid.NewGuid():N}");
    private readonly List<SiloProcess> _silos = [];

    [RedisFact]
    public async Task Tls_silos_serve_clients_with_a_certificate_of_their_ca_and_refuse_every_other_client()
    {
        var ours = await DevCaAsync("ours");
        var theirs = await DevCaAsync("theirs");
        var clusterId = $"tls-{Guid.NewGuid():N}"[..16];
        string[] tlsArgs =
        [
            .. await StoreArgs.RedisAsync(stores),
            "--Actors:Tls:Enabled=true",
            $"--Actors:Tls:CaPath={ours.Ca}",
            $"--Actors:Tls:CertificatePath={ours.SiloCertificate}",
            $"--Actors:Tls:KeyPath={ours.SiloKey}",
        ];
        for (var i = 1; i <= 2; i++)
        {
            _silos.Add(SiloProcess.Start($"tls silo {i}", clusterId, tlsArgs));
        }

        await Task.WhenAll(_silos.Select(s => s.WaitReadyAsync()));
        var gateways = _silos.Select(s => s.Gateway).ToArray();
        var world = new SmallWorld(clusterId);

        SmallWorld.Record written;
        await using (var client = await ConnectAsync(gateways, clusterId, Tls(ours.Ca, ours.ClientCertificate, ours.ClientKey), TimeSpan.FromSeconds(60)))
        {
            written = await world.BuildAsync(client.Grains);
        }

        var refused = new (string Who, ActorsTlsOptions Tls)[]
        {
            ("a client without TLS", new ActorsTlsOptions()),
            ("a TLS client without a certificate", Tls(ours.Ca, null, null)),
            ("a client whose certificate another CA signed", Tls(ours.Ca, theirs.ClientCertificate, theirs.ClientKey)),
            ("a client that trusts another CA only", Tls(theirs.Ca, theirs.ClientCertificate, theirs.ClientKey)),
        };
        foreach (var (who, tls) in refused)
        {
            var error = await Record.ExceptionAsync(async () =>
            {
                await using var cluster = await ConnectAsync(gateways, clusterId, tls, RefusalDeadline);
                await world.ReadAsync(cluster.Grains);
            });
            Assert.True(error is ClusterUnreachableException, $"{who} should have been refused, got {error?.GetType().Name ?? "a working connection"}: {error?.Message}");
        }

        await using (var client = await ConnectAsync(gateways, clusterId, Tls(ours.Ca, ours.ClientCertificate, ours.ClientKey), TimeSpan.FromSeconds(60)))
        {
            var after = await world.ReadAsync(client.Grains);
            Assert.Equal(written.Balances, after.Balances);
            Assert.Equal(written.Consents, after.Consents);
            Assert.Equal(written.History, after.History);
            Assert.Equal(written.Transfer, after.Transfer);
            Assert.Equal(written.Audit, after.Audit.Take(written.Audit.Count)); // reading adds entries of its own
        }

        Assert.All(_silos, s => Assert.False(s.HasExited, $"{s.Name} exited:\n{s.Transcript}"));
    }

    [Fact]
    public async Task The_dev_ca_scripts_certificates_chain_to_its_ca_and_not_to_another()
    {
        var ours = await DevCaAsync("ours");
        var theirs = await DevCaAsync("theirs");

        var (ca, silo) = ActorsTls.LoadMaterial(Tls(ours.Ca, ours.SiloCertificate, ours.SiloKey), certificateRequired: true);
        var (_, client) = ActorsTls.LoadMaterial(Tls(ours.Ca, ours.ClientCertificate, ours.ClientKey), certificateRequired: true);
        var (otherCa, foreign) = ActorsTls.LoadMaterial(Tls(theirs.Ca, theirs.ClientCertificate, theirs.ClientKey), certificateRequired: true);

        Assert.True(ActorsTls.IsSignedBy(silo!, ca));
        Assert.True(ActorsTls.IsSignedBy(client!, ca));
        Assert.False(ActorsTls.IsSignedBy(foreign!, ca));
        Assert.False(ActorsTls.IsSignedBy(silo!, otherCa));
        Assert.Contains("actors-silo", silo!.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.DnsName, forIssuer: false), StringComparison.Ordinal);
    }

    [Fact]
    public void A_silo_with_tls_but_no_certificate_and_a_key_that_is_not_one_are_refused_naming_the_setting()
    {
        Directory.CreateDirectory(_dir);
        var notPem = Path.Combine(_dir, "not-a-key.pem");
        File.WriteAllText(notPem, "hello");

        var noCertificate = Assert.Throws<OptionsValidationException>(() => ActorsTls.LoadMaterial(Tls(notPem, null, null), certificateRequired: true));
        var badCa = Assert.Throws<OptionsValidationException>(() => ActorsTls.LoadMaterial(Tls(notPem, null, null), certificateRequired: false));

        Assert.Contains("Actors:Tls:CertificatePath", noCertificate.Message, StringComparison.Ordinal);
        Assert.Contains("Actors:Tls:CaPath", badCa.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be read", badCa.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public void A_configured_ca_turns_tls_on_unless_it_is_switched_off_explicitly(string? enabled, bool expected)
    {
        var settings = new Dictionary<string, string?> { ["Actors:Tls:CaPath"] = "/certs/ca.pem" };
        if (enabled is not null)
        {
            settings["Actors:Tls:Enabled"] = enabled;
        }

        var tls = ActorsTls.Load(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

        Assert.Equal(expected, tls.Enabled);
        Assert.False(ActorsTls.Load(new ConfigurationBuilder().Build()).Enabled);
    }

    public void Dispose()
    {
        foreach (var silo in _silos)
        {
            silo.Dispose();
        }

        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static ActorsTlsOptions Tls(string ca, string? certificate, string? key) =>
        new() { Enabled = true, CaPath = ca, CertificatePath = certificate, KeyPath = key };

    private static Task<ActorsCluster> ConnectAsync(string[] gateways, string clusterId, ActorsTlsOptions tls, TimeSpan deadline) =>
        ActorsCluster.ConnectClientAsync(ClusterAddress.OfGateways(gateways, clusterId, clusterId),
            new ClusterConnectOptions { Tls = tls, GatewayConnectTimeout = deadline });

    private async Task<DevCa> DevCaAsync(string name)
    {
        var dir = Path.Combine(_dir, name);
        await Shell.RunCheckedAsync(Path.Combine(RepositoryLayout.Root, "scripts", "dev-ca.sh"), "--dir", dir, "--days", "2");
        return new DevCa(dir);
    }

    private sealed record DevCa(string Dir)
    {
        public string Ca => Path.Combine(Dir, "ca.pem");

        public string SiloCertificate => Path.Combine(Dir, "silo.pem");

        public string SiloKey => Path.Combine(Dir, "silo.key");

        public string ClientCertificate => Path.Combine(Dir, "client.pem");

        public string ClientKey => Path.Combine(Dir, "client.key");
    }
}
