using Actors.Simulation.Options;
using Actors.Simulation.Population;
using Actors.Simulation.Traffic;

namespace Actors.Simulator.Tests;

/// <summary>Coarse coordinates (format 3): users' homes and merchants near their country's cities, in tenths of a degree.</summary>
public sealed class PlacesTests
{
    // Rough boxes around each catalog country, in tenths of a degree (lat min, lat max, lon min, lon max).
    private static readonly Dictionary<string, (int, int, int, int)> Boxes = new(StringComparer.Ordinal)
    {
        ["US"] = (240, 500, -1250, -660), ["GB"] = (495, 590, -80, 20), ["DE"] = (470, 550, 55, 155), ["FR"] = (420, 512, -50, 82),
        ["ES"] = (360, 440, -95, 35), ["IT"] = (365, 475, 65, 185), ["NL"] = (505, 535, 33, 72), ["PL"] = (490, 550, 140, 242),
    };

    [Fact]
    public void Homes_and_merchants_lie_in_their_country_and_differ_within_it()
    {
        var events = new TrafficGenerator(TestSupport.Small(users: 2_000)).TakeWhile(e => e.Type is EventType.MerchantRegistered or EventType.UserRegistered
            or EventType.AccountOpened or EventType.InitialDeposit or EventType.ConsentGranted).ToArray();
        var places = events.Where(e => e.Type is EventType.MerchantRegistered or EventType.UserRegistered).ToArray();

        Assert.All(places, p =>
        {
            var (latMin, latMax, lonMin, lonMax) = Boxes[p.Country!];
            Assert.InRange(p.LatTenths, latMin, latMax);
            Assert.InRange(p.LonTenths, lonMin, lonMax);
        });
        Assert.All(places.GroupBy(p => p.Country), g => Assert.True(g.Select(p => (p.LatTenths, p.LonTenths)).Distinct().Count() > 5, $"{g.Key}: too few distinct points"));
        Assert.DoesNotContain(events, e => e.Type is not (EventType.MerchantRegistered or EventType.UserRegistered) && (e.LatTenths != 0 || e.LonTenths != 0));
    }

    [Fact]
    public void A_users_home_is_the_same_whatever_the_population_size()
    {
        static Dictionary<string, (int, int)> Homes(int users) => new TrafficGenerator(WorldBuilder.Build(new SimulationOptions { Seed = 8, Users = users }))
            .TakeWhile(e => e.Type != EventType.CardAuthorization).Where(e => e.Type == EventType.UserRegistered).ToDictionary(e => e.UserId!, e => (e.LatTenths, e.LonTenths));

        var small = Homes(100);
        var large = Homes(300);

        Assert.All(small, p => Assert.Equal(p.Value, large[p.Key]));
    }
}
