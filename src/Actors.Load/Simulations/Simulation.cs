namespace Actors.Load.Simulations;

/// <summary>NBomber-style factory of load simulations; values are checked by <see cref="LoadSimulationValidator"/>
/// when the run starts, so a bad value is reported with the scenario's name and the segment's position.</summary>
public static class Simulation
{
    public static LoadSimulation Inject(int rate, TimeSpan interval, TimeSpan during) =>
        new InjectSimulation(rate, interval, during);

    public static LoadSimulation RampingInject(int rate, TimeSpan interval, TimeSpan during) =>
        new RampingInjectSimulation(rate, interval, during);

    public static LoadSimulation InjectRandom(int minRate, int maxRate, TimeSpan interval, TimeSpan during) =>
        new InjectRandomSimulation(minRate, maxRate, interval, during);

    public static LoadSimulation IterationsForInject(int rate, TimeSpan interval, int iterations) =>
        new IterationsForInjectSimulation(rate, interval, iterations);

    public static LoadSimulation KeepConstant(int copies, TimeSpan during) => new KeepConstantSimulation(copies, during);

    public static LoadSimulation RampingConstant(int copies, TimeSpan during) =>
        new RampingConstantSimulation(copies, during);

    public static LoadSimulation IterationsForConstant(int copies, int iterations) =>
        new IterationsForConstantSimulation(copies, iterations);

    public static LoadSimulation Pause(TimeSpan during) => new PauseSimulation(during);
}
