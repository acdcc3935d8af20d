using Actors.Load.Simulations;

namespace Actors.Load.Tests;

public sealed class SimulationValidationTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    public static TheoryData<LoadSimulation, string> BadSimulations => new()
    {
        { Simulation.Inject(0, Second, Second), "rate must be between 1" },
        { Simulation.Inject(10, TimeSpan.Zero, Second), "interval must be between 1 ms" },
        { Simulation.Inject(10, Second, TimeSpan.Zero), "during must be positive" },
        { Simulation.Inject(10, TimeSpan.FromSeconds(5), Second), "interval (00:00:05) must not exceed during" },
        { Simulation.RampingInject(-1, Second, Second), "rate must be between 0" },
        { Simulation.InjectRandom(10, 5, Second, Second), "minRate (10) must not exceed maxRate (5)" },
        { Simulation.InjectRandom(-1, 5, Second, Second), "minRate must be between 0" },
        { Simulation.KeepConstant(0, Second), "copies must be between 1" },
        { Simulation.KeepConstant(1_000_000, Second), "copies must be between 1 and 100000" },
        { Simulation.RampingConstant(-3, Second), "(was -3)" },
        { Simulation.Pause(TimeSpan.FromSeconds(-1)), "during must be positive" },
        { Simulation.IterationsForConstant(2, 0), "iterations must be at least 1" },
        { Simulation.IterationsForInject(10, Second, -5), "iterations must be at least 1 (was -5)" },
        { Simulation.IterationsForInject(0, Second, 5), "rate must be between 1" },
    };

    [Theory]
    [MemberData(nameof(BadSimulations))]
    public void Bad_simulation_is_refused_naming_scenario_position_kind_and_value(LoadSimulation bad, string expected)
    {
        var error = Assert.Throws<LoadConfigurationException>(() =>
            LoadSimulationValidator.Validate("card_authorization", [Simulation.Pause(Second), bad]));

        Assert.Contains("Scenario 'card_authorization', simulation #2 " + bad.Kind, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scenario_without_simulations_is_refused()
    {
        var error = Assert.Throws<LoadConfigurationException>(() => LoadSimulationValidator.Validate("ping", []));
        Assert.Contains("'ping' has no load simulations", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runner_validates_every_simulation_before_running_anything()
    {
        var invoked = 0;
        var scenario = Actors.Load.Scenarios.Scenario.Create("ping", _ =>
            {
                Interlocked.Increment(ref invoked);
                return Task.FromResult(Actors.Load.Scenarios.Response.Ok());
            })
            .WithInit(_ =>
            {
                Interlocked.Increment(ref invoked);
                return Task.CompletedTask;
            })
            .WithLoadSimulations(Simulation.KeepConstant(1, Second), Simulation.Inject(-1, Second, Second));

        await Assert.ThrowsAsync<LoadConfigurationException>(() => Fakes.Quiet(scenario).RunAsync());
        Assert.Equal(0, invoked);
    }

    [Theory]
    [InlineData("Card")]
    [InlineData("card-auth")]
    [InlineData("card__auth")]
    [InlineData("1card")]
    [InlineData("")]
    public void Scenario_name_must_be_snake_case(string name)
    {
        var error = Assert.Throws<LoadConfigurationException>(() =>
            Actors.Load.Scenarios.Scenario.Create(name, _ => Task.FromResult(Actors.Load.Scenarios.Response.Ok())));
        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
    }
}
