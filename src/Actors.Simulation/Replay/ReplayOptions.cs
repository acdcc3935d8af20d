namespace Actors.Simulation.Replay;

/// <summary>How a trace is driven into a cluster. Validate with <see cref="Validate"/>.</summary>
public sealed class ReplayOptions
{
    public const int DefaultMaxConcurrency = 64;

    /// <summary>Grain calls in flight at most (default 64). Events of one account or user still run one after another.</summary>
    public int MaxConcurrency { get; set; } = DefaultMaxConcurrency;

    /// <summary>Simulated time per wall-clock time (e.g. 100 = 100x); null (default) replays as fast as possible.</summary>
    public double? Speed { get; set; }

    /// <summary>Who reads balances for Messenger (the audit log's actor, default "messenger").</summary>
    public string MessengerActor { get; set; } = ActorsConstants.MessengerActor;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxConcurrency is < 1 or > 10_000)
        {
            errors.Add($"{nameof(MaxConcurrency)} must be 1-10000, was {MaxConcurrency}.");
        }

        if (Speed is { } speed && (!double.IsFinite(speed) || speed <= 0))
        {
            errors.Add($"{nameof(Speed)} must be a positive number (times simulated time) or absent for as fast as possible, was {speed}.");
        }

        return errors;
    }
}
