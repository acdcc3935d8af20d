using Actors.Load.Console;
using Actors.Load.Reports;
using Actors.Load.Scenarios;
using Actors.Load.Statistics;
using Actors.Load.Thresholds;
using Spectre.Console;

namespace Actors.Load.Engine;

/// <summary>
/// Runs registered scenarios concurrently, as NBomber's <c>NBomberRunner</c>:
/// <c>await LoadRunner.RegisterScenarios(a, b).WithoutConsole().RunAsync()</c>. Phases: validate everything,
/// init, warm-up (measurements discarded), the measured run with a reporting interval ticking, clean, reports.
/// </summary>
public sealed class LoadRunner
{
    private readonly IReadOnlyList<ScenarioProps> _scenarios;

    private LoadRunner(IReadOnlyList<ScenarioProps> scenarios, LoadRunOptions options)
    {
        _scenarios = scenarios;
        Options = options;
    }

    public LoadRunOptions Options { get; }

    public static LoadRunner RegisterScenarios(params ScenarioProps[] scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        return new LoadRunner([.. scenarios], new LoadRunOptions());
    }

    public LoadRunner WithOptions(Func<LoadRunOptions, LoadRunOptions> change) => new(_scenarios, change(Options));

    public LoadRunner WithReportingInterval(TimeSpan interval) => WithOptions(o => o with { ReportingInterval = interval });

    public LoadRunner WithReportFolder(string folder) => WithOptions(o => o with { ReportFolder = folder });

    public LoadRunner WithReportFormats(params ReportFormat[] formats) => WithOptions(o => o with { ReportFormats = formats });

    public LoadRunner WithoutReports() => WithOptions(o => o with { ReportFormats = [] });

    public LoadRunner WithoutConsole() => WithOptions(o => o with { EnableConsole = false });

    public LoadRunner WithThresholds(string thresholds) =>
        WithOptions(o => o with { Thresholds = [.. o.Thresholds, thresholds] });

    public LoadRunner WithLateThreshold(TimeSpan lateness) => WithOptions(o => o with { LateThreshold = lateness });

    public LoadRunner WithRunName(string name) => WithOptions(o => o with { RunName = name });

    public LoadRunner WithAgent(int index, int count) => WithOptions(o => o with { AgentIndex = index, AgentCount = count });

    public LoadRunner WithTimeProvider(TimeProvider timeProvider) => WithOptions(o => o with { TimeProvider = timeProvider });

    /// <summary>Validates, runs and reports. Bad configuration throws <see cref="LoadConfigurationException"/> before
    /// any scenario code runs; cancellation ends the run early but still returns (and reports) what was measured.</summary>
    public async Task<RunResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var (raw, folder) = await RunRawAsync(cancellationToken);
        return ResultBuilder.Build(raw, folder);
    }

    /// <summary>As <see cref="RunAsync"/>, also returning the raw histograms (for merging in memory).</summary>
    public async Task<(RawRun Raw, string? ReportFolder)> RunRawAsync(CancellationToken cancellationToken = default)
    {
        LoadRunOptionsValidator.Validate(Options);
        var groups = ScenarioSetValidator.ValidateAndGroup(_scenarios);
        foreach (var threshold in Options.Thresholds)
        {
            ThresholdParser.Parse(threshold);
        }

        if (Options.ReportFormats.Count > 0)
        {
            ReportFolderCheck.EnsureWritable(Options.ReportFolder);
        }

        var output = Options.Output ?? System.Console.Out;
        var plain = Options.ConsoleMode switch
        {
            ConsoleMode.Plain => true,
            ConsoleMode.Live => false,
            _ => System.Console.IsOutputRedirected || !string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable("CI")),
        };
        var clock = new RunClock(Options.TimeProvider);
        var collectors = _scenarios.ToDictionary(s => s.Name, s => new ScenarioCollector(s.Name, Options.LateThreshold, Options.ReportingInterval));
        var units = groups.Select(g => new ScenarioUnit([.. g.Select(s => (s, collectors[s.Name]))], clock) { PacerMaxSpin = Options.PacerMaxSpin, StartOnPacerThread = Options.StartOnPacerThread }).ToList();
        var startedUtc = Options.TimeProvider.GetUtcNow();
        var inited = new List<ScenarioProps>();
        try
        {
            var agent = $"{Options.AgentIndex}/{Options.AgentCount}";
            var process = new ProcessSampler(agent);
            await InitAsync(inited, cancellationToken);
            await WarmUpAsync(units, collectors.Values, output, cancellationToken);
            var (duration, durations) = await MeasureAsync(units, clock, process, output, plain, cancellationToken);
            var raw = new RawRun
            {
                RunId = RunId(startedUtc),
                Agents = [agent],
                StartedUtc = startedUtc,
                Duration = duration,
                ReportingInterval = Options.ReportingInterval,
                GlobalThresholds = Options.Thresholds,
                Scenarios = [.. _scenarios.Select(s => collectors[s.Name].ToRaw(
                    durations[s.Name],
                    [.. (s.LoadSimulations.Count > 0 ? s.LoadSimulations : Leader(units, s).LoadSimulations).Select(x => x.Describe())],
                    [.. s.Thresholds.Select(t => t.Text)]))],
                Environment = RunEnvironment.Current(),
                Process = process.Intervals(),
            };
            var folder = Options.ReportFormats.Count == 0
                ? null
                : ReportSet.Write(raw, Path.Combine(Options.ReportFolder, raw.RunId), Options.ReportFormats);
            if (Options.EnableConsole)
            {
                var result = ResultBuilder.Build(raw, folder);
                if (plain)
                {
                    SummaryPrinter.PrintPlain(output, result);
                }
                else
                {
                    SummaryPrinter.Print(Ansi(output), result);
                }
            }

            return (raw, folder);
        }
        finally
        {
            await CleanAsync(inited, output);
        }
    }

    private static IAnsiConsole Ansi(TextWriter output) => ReferenceEquals(output, System.Console.Out)
        ? AnsiConsole.Console
        : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });

    private static ScenarioProps Leader(List<ScenarioUnit> units, ScenarioProps scenario) =>
        units.First(u => u.Collectors.Any(c => c.Name == scenario.Name)).Leader;

    private string RunId(DateTimeOffset started)
    {
        var agent = Options.AgentCount > 1 ? $"_agent{Options.AgentIndex}of{Options.AgentCount}" : string.Empty;
        return $"{started:yyyyMMdd_HHmmss}_{Options.RunName}{agent}";
    }

    private async Task InitAsync(List<ScenarioProps> inited, CancellationToken cancellationToken)
    {
        foreach (var scenario in _scenarios)
        {
            inited.Add(scenario);
            if (scenario.Init is null)
            {
                continue;
            }

            try
            {
                await scenario.Init(new ScenarioInitContext(scenario.Name, cancellationToken));
            }
            catch (Exception ex) when (ex is not LoadConfigurationException)
            {
                throw new InvalidOperationException($"Init of scenario '{scenario.Name}' failed: {ex.Message}", ex);
            }
        }
    }

    private async Task CleanAsync(List<ScenarioProps> inited, TextWriter output)
    {
        foreach (var scenario in inited.Where(s => s.Clean is not null))
        {
            try
            {
                await scenario.Clean!(new ScenarioInitContext(scenario.Name, CancellationToken.None));
            }
            catch (Exception ex)
            {
                // A failing clean must not hide the run's result; it is reported and otherwise ignored.
                if (Options.EnableConsole)
                {
                    output.WriteLine($"Clean of scenario '{scenario.Name}' failed: {ex.Message}");
                }
            }
        }
    }

    private async Task WarmUpAsync(List<ScenarioUnit> units, IEnumerable<ScenarioCollector> collectors, TextWriter output, CancellationToken cancellationToken)
    {
        var warming = units.Where(u => u.Leader.WarmUpDuration > TimeSpan.Zero).ToList();
        if (warming.Count == 0)
        {
            return;
        }

        if (Options.EnableConsole)
        {
            output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Warm-up: {string.Join(", ", warming.Select(u => $"{u.Leader.Name} {u.Leader.WarmUpDuration.TotalSeconds:0.#}s"))}"));
        }

        await Task.WhenAll(warming.Select(u => ScenarioExecutor.RunAsync(u, u.Leader.WarmUpDuration, Options.Seed, cancellationToken)));
        foreach (var collector in collectors)
        {
            collector.Reset();
        }
    }

    private async Task<(TimeSpan Duration, Dictionary<string, TimeSpan> Durations)> MeasureAsync(
        List<ScenarioUnit> units, RunClock clock, ProcessSampler process, TextWriter output, bool plain, CancellationToken cancellationToken)
    {
        ILiveView view = !Options.EnableConsole ? new NullLiveView() : plain ? new PlainLiveView(output, Options.ReportingInterval) : new SpectreLiveView(Ansi(output));
        process.Restart();
        var start = clock.Now;
        foreach (var unit in units)
        {
            unit.MeasureStart = start;
        }

        var durations = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        using var stopReporting = new CancellationTokenSource();
        var runs = units.Select((u, i) => RunUnitAsync(u, clock, start, Options.Seed + i, durations, view, cancellationToken)).ToList();
        var all = Task.WhenAll(runs);
        var collectors = units.SelectMany(u => u.Collectors).ToList();
        var reporting = ReportingLoop.RunAsync(collectors, process, clock, start, Options.ReportingInterval,
            _ => view.IntervalsClosed(collectors), stopReporting.Token);
        var live = units.SelectMany(u => u.Collectors.Select(c => new LiveScenario(c, PlannedDuration(u), () => clock.Elapsed(start)))).ToList();
        await view.RunAsync(live, all);
        await all;

        // Closed before the reporting loop stops, so that a loop that wakes meanwhile cannot add an interval the
        // scenarios do not have (their last one ended with them).
        var elapsed = clock.Elapsed(start);
        process.Take(elapsed, close: true);
        await stopReporting.CancelAsync();
        await reporting;
        return (elapsed, durations);
    }

    private static async Task RunUnitAsync(ScenarioUnit unit, RunClock clock, long start, int seed,
        Dictionary<string, TimeSpan> durations, ILiveView view, CancellationToken cancellationToken)
    {
        await ScenarioExecutor.RunAsync(unit, null, seed, cancellationToken);
        var elapsed = clock.Elapsed(start);
        lock (durations)
        {
            foreach (var collector in unit.Collectors)
            {
                collector.TakeInterval(elapsed, close: true);
                durations[collector.Name] = elapsed;
            }
        }

        view.IntervalsClosed(unit.Collectors);
    }

    private static TimeSpan? PlannedDuration(ScenarioUnit unit) =>
        unit.Simulations.Any(s => s.During is null)
            ? null
            : unit.Simulations.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.During!.Value);
}
