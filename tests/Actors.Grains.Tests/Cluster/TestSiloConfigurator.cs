using Orleans.Configuration;
using Actors.Accounts;
using Actors.Domain;
using Actors.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Actors.Tests.Cluster;

/// <summary>
/// The registrations <c>ActorsSiloHosting.AddActorsSilo</c> makes, minus clustering (the test host
/// brings its own): the same storage and reminders (<see cref="ActorsStorageHosting.AddActorsStorage"/>), the domain options, and a
/// <see cref="FakeTimeProvider"/> as the TimeProvider our grains read. Orleans' own background
/// loops stay on real time, so advancing the fake clock moves only the domain's "now". A
/// <see cref="NotificationRecorder"/> watches what reaches the user grains' inboxes.
/// </summary>
public sealed class TestSiloConfigurator : ISiloConfigurator
{
    /// <summary>Small, so that a test can overflow the inbox in a few postings.</summary>
    public const int InboxCapacity = 5;

    public static readonly DateTimeOffset Start = new(2030, 1, 1, 9, 0, 0, TimeSpan.Zero);

    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.AddActorsStorage();

        var services = siloBuilder.Services;
        services.AddSingleton(Options.Create(new AccountOptions()));
        services.AddSingleton(Options.Create(new UserOptions { InboxCapacity = InboxCapacity }));

        // Notifications as direct grain calls: these tests check what reached an inbox right after a
        // posting (Direct is also the host's default). The Stream transport has its own tests on the embedded silo.
        services.AddSingleton(Options.Create(new NotificationOptions { Transport = NotificationOptions.DirectTransport }));

        // Merchant insights with the default k and pseudonym secret, as the host registers them.
        services.AddActorsInsights(new Actors.Insights.MerchantInsightsOptions());

        // The built-in fraud rules, as the host registers them by default.
        services.AddActorsFraudDetection(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddActorsAccountGrains();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Start));
        services.UseTimeProviderForBackgroundAreas(TimeProvider.System);

        // Grain-facing runtime time (activation keep-alive, deactivation timeouts) stays real too:
        // our grains take the unkeyed TimeProvider, so only they see the fake clock.
        services.AddKeyedSingleton(TimeProviderNames.Grains, TimeProvider.System);

        // Orleans' reminder service loads its table after start-up; when that load fails twice (a busy machine: it has
        // timed out in CI), the next try waits for the list refresh, 5 minutes by default, and every transfer waits with
        // it (ClusterFixture waits 2 minutes for the service). Refresh often, so a failed load is soon tried again.
        services.Configure<ReminderOptions>(o => o.RefreshReminderListPeriod = TimeSpan.FromSeconds(5));

        var notifications = new NotificationRecorder();
        services.AddSingleton(notifications);
        siloBuilder.AddIncomingGrainCallFilter(notifications);
    }
}
