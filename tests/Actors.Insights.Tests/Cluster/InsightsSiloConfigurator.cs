using Actors.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Actors.Insights.Tests.Cluster;

/// <summary>
/// The silo registrations insights need, as the real host makes them: the "actors" storage with the
/// Orleans serializer (<see cref="ActorsStorageHosting.AddActorsStorage"/>) and the insights options
/// (<see cref="InsightsHosting.AddActorsInsights(IServiceCollection, MerchantInsightsOptions)"/>).
/// The collectors' timer is set to an hour so that only a test's explicit Flush moves data: no test
/// depends on when a timer fires. Grains read a <see cref="FakeTimeProvider"/>; Orleans itself stays on real time.
/// </summary>
public sealed class InsightsSiloConfigurator : ISiloConfigurator
{
    public static readonly DateTimeOffset Start = new(2030, 3, 5, 9, 0, 0, TimeSpan.Zero);

    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.AddActorsStorage();
        var services = siloBuilder.Services;
        services.AddActorsInsights(new MerchantInsightsOptions { FlushInterval = TimeSpan.FromHours(1) });
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Start));
        services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
        services.AddKeyedSingleton(TimeProviderNames.Grains, TimeProvider.System);
    }
}
