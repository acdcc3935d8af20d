using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Actors.Tests.Cluster;

/// <summary>
/// One in-process single-silo cluster shared by every grain test class (starting one takes seconds).
/// Tests in the collection run one after another; each uses its own ids, and moves the shared clock
/// only forward, relative to its current reading.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private TestCluster? _cluster;

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started.");

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The clock our grains read, as registered in the silo.</summary>
    public FakeTimeProvider Time { get; private set; } = null!;

    /// <summary>Every notification the silo's user grains received, and whether they accepted it.</summary>
    public NotificationRecorder Notifications { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1) { PortAllocator = new FreePortAllocator() };
        builder.AddSiloBuilderConfigurator<TestSiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();

        var primary = _cluster.Primary ?? throw new InvalidOperationException("The test cluster started without a primary silo.");
        var silo = _cluster.GetSiloServiceProvider(primary.SiloAddress);
        Time = (FakeTimeProvider)silo.GetRequiredService<TimeProvider>();
        Notifications = silo.GetRequiredService<NotificationRecorder>();
        await WaitForReminderService();
    }

    /// <summary>
    /// Transfers register a reminder before anything else. Orleans' reminder service loads its table in the background
    /// after start-up; when that first load fails (seen under CI load: it timed out), it tries again only 30 s later, and
    /// meanwhile every registration waits 20 s and fails with "Reminder Service is still initializing" or "ReminderService
    /// failed initial load". So the fixture
    /// waits, before any test, until a transfer gets past its reminder: it transfers between two unopened accounts (the
    /// saga answers with a failed transfer; no money exists to move), retrying with a new transfer id until a deadline.
    /// </summary>
    private async Task WaitForReminderService()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        var attempt = 0;
        while (true)
        {
            var request = new Actors.Transfers.TransferRequest($"fixture-probe-{++attempt}-{Guid.NewGuid():N}"[..40], "PROBE:fixture-from", "PROBE:fixture-to",
                new Actors.Money.Money(1, Actors.Money.Currency.USD));
            try
            {
                await Grains.GetGrain<Actors.Transfers.ITransferGrain>(request.TransferId).Execute(request);
                return;
            }
            // Both of Orleans' messages: "Reminder Service is still initializing" and, when the first load timed out,
            // "ReminderService failed initial load of reminders ..." (seen 2026-12-03 under load: 47 tests failed).
            catch (OrleansException e) when (e.Message.Contains("Reminder Service", StringComparison.Ordinal)
                || e.Message.Contains("ReminderService failed initial load", StringComparison.Ordinal))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Waited 2 minutes for Orleans' reminder service to finish starting ({attempt} attempts); last: {e.Message}", e);
                }
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
