namespace Actors.Load.Simulations;

/// <summary>
/// Checks every simulation of a scenario before anything runs. Errors name the scenario, the segment's position
/// and kind, the parameter and its bad value, e.g. "scenario 'ping', simulation #2 Inject: rate must be ...".
/// </summary>
public static class LoadSimulationValidator
{
    /// <summary>Upper bound on rates and copies: beyond it the numbers are almost certainly a typo.</summary>
    public const int MaxRate = 10_000_000;

    public const int MaxCopies = 100_000;

    public const int MaxIterations = int.MaxValue;

    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(1);

    public static void Validate(string scenarioName, IReadOnlyList<LoadSimulation> simulations)
    {
        ArgumentNullException.ThrowIfNull(simulations);
        if (simulations.Count == 0)
        {
            throw new LoadConfigurationException(
                $"Scenario '{scenarioName}' has no load simulations: add one with WithLoadSimulations(...).");
        }

        for (var i = 0; i < simulations.Count; i++)
        {
            var simulation = simulations[i] ?? throw new LoadConfigurationException(
                $"Scenario '{scenarioName}', simulation #{i + 1} is null.");
            var error = FirstError(simulation);
            if (error is not null)
            {
                throw new LoadConfigurationException(
                    $"Scenario '{scenarioName}', simulation #{i + 1} {simulation.Describe()}: {error}");
            }
        }
    }

    private static string? FirstError(LoadSimulation simulation) => simulation switch
    {
        InjectSimulation s => Rate(s.Rate, "rate", 1) ?? Duration(s.Duration) ?? Interval(s.Interval, s.Duration),
        RampingInjectSimulation s => Rate(s.Rate, "rate", 0) ?? Duration(s.Duration) ?? Interval(s.Interval, s.Duration),
        InjectRandomSimulation s => Rate(s.MinRate, "minRate", 0) ?? Rate(s.MaxRate, "maxRate", 1)
            ?? (s.MinRate > s.MaxRate ? $"minRate ({s.MinRate}) must not exceed maxRate ({s.MaxRate})." : null)
            ?? Duration(s.Duration) ?? Interval(s.Interval, s.Duration),
        IterationsForInjectSimulation s => Rate(s.Rate, "rate", 1) ?? Interval(s.Interval, null)
            ?? Iterations(s.Iterations),
        KeepConstantSimulation s => Copies(s.Copies, 1) ?? Duration(s.Duration),
        RampingConstantSimulation s => Copies(s.Copies, 0) ?? Duration(s.Duration),
        IterationsForConstantSimulation s => Copies(s.Copies, 1) ?? Iterations(s.Iterations),
        PauseSimulation s => Duration(s.Duration),
        _ => $"unknown simulation type {simulation.GetType().Name}.",
    };

    private static string? Rate(int value, string name, int min) =>
        value < min || value > MaxRate ? $"{name} must be between {min} and {MaxRate} (was {value})." : null;

    private static string? Copies(int value, int min) =>
        value < min || value > MaxCopies ? $"copies must be between {min} and {MaxCopies} (was {value})." : null;

    private static string? Iterations(int value) => value < 1 ? $"iterations must be at least 1 (was {value})." : null;

    private static string? Duration(TimeSpan during) =>
        during <= TimeSpan.Zero || during > MaxDuration
            ? $"during must be positive and at most {MaxDuration.TotalHours:0} h (was {during})."
            : null;

    private static string? Interval(TimeSpan interval, TimeSpan? during)
    {
        if (interval < TimeSpan.FromMilliseconds(1) || interval > MaxDuration)
        {
            return $"interval must be between 1 ms and {MaxDuration.TotalHours:0} h (was {interval}).";
        }

        return during is { } d && interval > d ? $"interval ({interval}) must not exceed during ({d})." : null;
    }
}
