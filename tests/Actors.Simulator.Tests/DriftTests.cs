using System.Text.Json;
using Actors.Simulation.Options;
using Actors.Simulation.Population;
using Actors.Simulation.Trace;
using Actors.Simulation.Traffic;

namespace Actors.Simulator.Tests;

/// <summary>Concept drift (<see cref="FraudRates.Drift"/>): the fraud pattern mix changes over the period; off by default.</summary>
public sealed class DriftTests
{
    private static World Build(double drift)
    {
        var fraud = new FraudRates().ScaledTo(0.05);
        fraud.Drift = drift;
        return WorldBuilder.Build(new SimulationOptions { Seed = 19, Users = 3_000, Days = 14, Fraud = fraud });
    }

    /// <summary>Share of episodes started in the first and in the second half that are card testing or cloned cards (the fading patterns).</summary>
    private static (double First, double Second) FadingShare(World world)
    {
        var middle = world.Options.StartMs + (world.Options.EndMs - world.Options.StartMs) / 2;
        var episodes = new TrafficGenerator(world).Where(e => e.Episode != 0 && e.Type != EventType.Chargeback)
            .GroupBy(e => e.Episode).Select(g => (Start: g.Min(e => e.TimeMs), g.First().Fraud)).ToArray();
        double Share(bool first)
        {
            var half = episodes.Where(e => e.Start < middle == first).ToArray();
            return (double)half.Count(e => e.Fraud is FraudLabel.CardTesting or FraudLabel.ClonedCard) / half.Length;
        }

        return (Share(true), Share(false));
    }

    [Fact]
    public void With_drift_card_testing_and_cloned_cards_fade_and_takeovers_and_compromises_grow()
    {
        var (first, second) = FadingShare(Build(0.9));
        var (steadyFirst, steadySecond) = FadingShare(Build(0));

        Assert.True(first - second > 0.2, $"fading patterns: {first:P1} of episodes in the first half, {second:P1} in the second");
        Assert.True(Math.Abs(steadyFirst - steadySecond) < 0.1, $"without drift: {steadyFirst:P1} and {steadySecond:P1}");
    }

    [Fact]
    public void Drift_is_off_by_default_kept_by_scaling_and_carried_by_the_header()
    {
        var world = Build(0.5);
        var header = TraceHeader.For(world);
        using var document = JsonDocument.Parse(header.ToJson());

        Assert.Equal(0, new FraudRates().Drift);
        Assert.Equal(0.5, TraceHeader.Parse(document.RootElement, "x", "header").Options.Fraud.Drift);
        Assert.Equal(0.5, new FraudRates { Drift = 0.5 }.ScaledTo(0.01).Drift);
    }
}
