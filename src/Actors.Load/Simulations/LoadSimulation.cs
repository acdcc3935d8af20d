namespace Actors.Load.Simulations;

/// <summary>
/// One segment of a scenario's load shape, as data (NBomber's <c>LoadSimulation</c>). Segments run one after
/// the other; ramps start from where the previous segment ended. Create them with <see cref="Simulation"/>.
/// </summary>
public abstract record LoadSimulation
{
    private protected LoadSimulation()
    {
    }

    /// <summary>The NBomber name of the simulation ("Inject", "KeepConstant", ...), used in errors and reports.</summary>
    public abstract string Kind { get; }

    /// <summary>True for the open model (arrival rate controlled), false for the closed model (copies) and Pause.</summary>
    public abstract bool IsOpenModel { get; }

    /// <summary>The planned duration, or null when bounded by iterations instead of time.</summary>
    public abstract TimeSpan? During { get; }

    /// <summary>A one-line description for reports, e.g. "Inject(rate: 100, interval: 1s, during: 30s)".</summary>
    public abstract string Describe();

    internal static string Format(TimeSpan span) =>
        span.TotalSeconds >= 1 && span.Milliseconds == 0 ? $"{span.TotalSeconds:0.###}s" : $"{span.TotalMilliseconds:0.###}ms";
}

/// <summary>Open model: <see cref="Rate"/> new invocations per <see cref="Interval"/>, spread evenly.</summary>
public sealed record InjectSimulation(int Rate, TimeSpan Interval, TimeSpan Duration) : LoadSimulation
{
    public override string Kind => "Inject";
    public override bool IsOpenModel => true;
    public override TimeSpan? During => Duration;
    public override string Describe() => $"Inject(rate: {Rate}, interval: {Format(Interval)}, during: {Format(Duration)})";
}

/// <summary>Open model: the rate moves linearly from the previous segment's rate to <see cref="Rate"/>.</summary>
public sealed record RampingInjectSimulation(int Rate, TimeSpan Interval, TimeSpan Duration) : LoadSimulation
{
    public override string Kind => "RampingInject";
    public override bool IsOpenModel => true;
    public override TimeSpan? During => Duration;
    public override string Describe() =>
        $"RampingInject(rate: {Rate}, interval: {Format(Interval)}, during: {Format(Duration)})";
}

/// <summary>Open model: every interval injects a uniformly random rate in [MinRate, MaxRate].</summary>
public sealed record InjectRandomSimulation(int MinRate, int MaxRate, TimeSpan Interval, TimeSpan Duration) : LoadSimulation
{
    public override string Kind => "InjectRandom";
    public override bool IsOpenModel => true;
    public override TimeSpan? During => Duration;
    public override string Describe() =>
        $"InjectRandom(minRate: {MinRate}, maxRate: {MaxRate}, interval: {Format(Interval)}, during: {Format(Duration)})";
}

/// <summary>Open model: inject at <see cref="Rate"/> per <see cref="Interval"/> until <see cref="Iterations"/> started.</summary>
public sealed record IterationsForInjectSimulation(int Rate, TimeSpan Interval, int Iterations) : LoadSimulation
{
    public override string Kind => "IterationsForInject";
    public override bool IsOpenModel => true;
    public override TimeSpan? During => null;
    public override string Describe() =>
        $"IterationsForInject(rate: {Rate}, interval: {Format(Interval)}, iterations: {Iterations})";
}

/// <summary>Closed model: <see cref="Copies"/> virtual users, each looping the step back to back.</summary>
public sealed record KeepConstantSimulation(int Copies, TimeSpan Duration) : LoadSimulation
{
    public override string Kind => "KeepConstant";
    public override bool IsOpenModel => false;
    public override TimeSpan? During => Duration;
    public override string Describe() => $"KeepConstant(copies: {Copies}, during: {Format(Duration)})";
}

/// <summary>Closed model: copies move linearly from the previous segment's count to <see cref="Copies"/>.</summary>
public sealed record RampingConstantSimulation(int Copies, TimeSpan Duration) : LoadSimulation
{
    public override string Kind => "RampingConstant";
    public override bool IsOpenModel => false;
    public override TimeSpan? During => Duration;
    public override string Describe() => $"RampingConstant(copies: {Copies}, during: {Format(Duration)})";
}

/// <summary>Closed model: <see cref="Copies"/> virtual users share <see cref="Iterations"/> invocations in total.</summary>
public sealed record IterationsForConstantSimulation(int Copies, int Iterations) : LoadSimulation
{
    public override string Kind => "IterationsForConstant";
    public override bool IsOpenModel => false;
    public override TimeSpan? During => null;
    public override string Describe() => $"IterationsForConstant(copies: {Copies}, iterations: {Iterations})";
}

/// <summary>No load for <see cref="Duration"/>.</summary>
public sealed record PauseSimulation(TimeSpan Duration) : LoadSimulation
{
    public override string Kind => "Pause";
    public override bool IsOpenModel => false;
    public override TimeSpan? During => Duration;
    public override string Describe() => $"Pause(during: {Format(Duration)})";
}
