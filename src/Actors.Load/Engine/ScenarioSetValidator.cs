using Actors.Load.Scenarios;
using Actors.Load.Simulations;

namespace Actors.Load.Engine;

/// <summary>
/// Checks the registered scenarios as a whole before anything runs (names, weights, simulations) and groups
/// weighted scenarios behind the first weighted one.
/// </summary>
internal static class ScenarioSetValidator
{
    public static IReadOnlyList<IReadOnlyList<ScenarioProps>> ValidateAndGroup(IReadOnlyList<ScenarioProps> scenarios)
    {
        if (scenarios.Count == 0)
        {
            throw new LoadConfigurationException("No scenarios registered: pass at least one to RegisterScenarios(...).");
        }

        var duplicate = scenarios.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new LoadConfigurationException($"Scenario name '{duplicate.Key}' is registered more than once.");
        }

        foreach (var scenario in scenarios)
        {
            ScenarioName.Validate(scenario.Name);
            if (scenario.Weight < 0)
            {
                throw new LoadConfigurationException($"Scenario '{scenario.Name}': weight must be 0 or more (was {scenario.Weight}).");
            }

            if (scenario.WarmUpDuration < TimeSpan.Zero || scenario.WarmUpDuration > LoadSimulationValidator.MaxDuration)
            {
                throw new LoadConfigurationException(
                    $"Scenario '{scenario.Name}': warm-up duration must be between 0 and 24 h (was {scenario.WarmUpDuration}).");
            }
        }

        var weighted = scenarios.Where(s => s.Weight > 0).ToList();
        var groups = scenarios.Where(s => s.Weight == 0).Select(s => (IReadOnlyList<ScenarioProps>)[s]).ToList();
        if (weighted.Count > 0)
        {
            groups.Add(weighted);
        }

        foreach (var group in groups)
        {
            var leader = group[0];
            LoadSimulationValidator.Validate(leader.Name, leader.LoadSimulations);
            foreach (var follower in group.Skip(1))
            {
                if (follower.LoadSimulations.Count > 0 && !follower.LoadSimulations.SequenceEqual(leader.LoadSimulations))
                {
                    throw new LoadConfigurationException(
                        $"Scenario '{follower.Name}' is weighted and shares the load of '{leader.Name}': " +
                        "give it no load simulations of its own (or the same ones).");
                }
            }
        }

        return groups;
    }
}
