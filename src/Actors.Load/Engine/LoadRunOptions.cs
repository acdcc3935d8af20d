using Actors.Load.Reports;

namespace Actors.Load.Engine;

/// <summary>Run-wide settings; every value is checked by <see cref="LoadRunOptionsValidator"/> before the run.</summary>
public sealed record LoadRunOptions
{
    /// <summary>Default length of a reporting interval: 5 seconds, as NBomber.</summary>
    public static readonly TimeSpan DefaultReportingInterval = TimeSpan.FromSeconds(5);

    /// <summary>Default lateness above which an open-model start counts as lagging: 10 ms.</summary>
    public static readonly TimeSpan DefaultLateThreshold = TimeSpan.FromMilliseconds(10);

    public const string DefaultReportFolder = "reports";

    /// <summary>Default longest spin of the precise pacer before an arrival: 25 µs.</summary>
    public static readonly TimeSpan DefaultPacerMaxSpin = TimeSpan.FromMicroseconds(25);

    /// <summary>Length of a reporting interval (statistics over time). Default 5 s; at least 10 ms.</summary>
    public TimeSpan ReportingInterval { get; init; } = DefaultReportingInterval;

    /// <summary>An open-model invocation starting later than this after its intended time is reported as lagging.</summary>
    public TimeSpan LateThreshold { get; init; } = DefaultLateThreshold;

    /// <summary>
    /// The longest the open model's precise pacer spins before an arrival, after a high-resolution sleep has brought it
    /// close. More spin, fewer late wake-ups (lower wait time) but more CPU taken from the system under test: at 20,000
    /// arrivals a second a pacer that spins through each gap uses a whole core. Default 25 µs; 0 to 1 ms.
    /// </summary>
    public TimeSpan PacerMaxSpin { get; init; } = DefaultPacerMaxSpin;

    /// <summary>
    /// False (default): the precise pacer hands each arrival to the thread pool, so it only paces. True: it starts each
    /// invocation on its own thread, up to the step's first await: no pool hop before the request leaves, but a step
    /// that blocks before its first await delays every later arrival, and client libraries that pool per thread
    /// (Orleans' response completion sources) rent on the pacer's thread and return on others, so each request
    /// allocates anew (see <c>ScenarioUnit.Dispatch</c>).
    /// </summary>
    public bool StartOnPacerThread { get; init; }

    /// <summary>Parent folder; each run writes its own sub-folder. Default "reports".</summary>
    public string ReportFolder { get; init; } = DefaultReportFolder;

    /// <summary>Formats written at the end; empty = no reports at all. Default: all formats.</summary>
    public IReadOnlyList<ReportFormat> ReportFormats { get; init; } = ReportFormatExtensions.All;

    /// <summary>Shows progress and the end-of-run summary on <see cref="Output"/>; off for tests and embedding.</summary>
    public bool EnableConsole { get; init; } = true;

    /// <summary>
    /// How progress is shown: <see cref="ConsoleMode.Auto"/> (the default) draws a live table on a terminal and prints
    /// plain lines (one per reporting interval, then the summary) when the output is redirected or <c>CI</c> is set.
    /// </summary>
    public ConsoleMode ConsoleMode { get; init; } = ConsoleMode.Auto;

    /// <summary>Where progress and the summary go; null means the process's standard output.</summary>
    public TextWriter? Output { get; init; }

    /// <summary>Thresholds applied to every scenario, e.g. "p99&lt;50ms,fail&lt;0.1%".</summary>
    public IReadOnlyList<string> Thresholds { get; init; } = [];

    /// <summary>The run's name, used in the report folder name. Default "run".</summary>
    public string RunName { get; init; } = "run";

    /// <summary>This agent's position in a multi-agent run: 1-based index and count (default 1 of 1).</summary>
    public int AgentIndex { get; init; } = 1;

    public int AgentCount { get; init; } = 1;

    /// <summary>Seed of the engine's own randomness (InjectRandom); same seed, same schedule.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Clock for timestamps and delays; tests may inject a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

/// <summary>How a run shows its progress (see <see cref="LoadRunOptions.ConsoleMode"/>).</summary>
public enum ConsoleMode
{
    /// <summary>Live on a terminal; plain when the output is redirected or the <c>CI</c> variable is set.</summary>
    Auto,

    /// <summary>A live table redrawn once a second (Spectre.Console), and a table as the summary.</summary>
    Live,

    /// <summary>One line per reporting interval and a plain-text summary: no redrawing, no box-drawing characters.</summary>
    Plain,
}
