using Actors.Load.Engine;
using Actors.Load.Reports;
using Actors.Load.Reports.Raw;
using Actors.Load.Scenarios;
using Actors.Load.Simulations;
using Actors.Load.Statistics;

namespace Actors.Load.Tests;

public sealed class MergeTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "actors_load_merge_" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Merged_encoded_histograms_equal_the_histogram_of_the_combined_samples()
    {
        var random = new Random(3);
        var a = Enumerable.Range(0, 5000).Select(_ => (long)random.Next(1, 200_000)).ToList();
        var b = Enumerable.Range(0, 7000).Select(_ => (long)(Math.Exp(random.NextDouble() * 15))).ToList();

        var decodedA = LatencyHistogram.FromBase64(LatencyHistogram.ToBase64(RawRuns.Histogram(a)));
        var decodedB = LatencyHistogram.FromBase64(LatencyHistogram.ToBase64(RawRuns.Histogram(b)));
        var merged = LatencyHistogram.Sum([decodedA, decodedB]);
        var combined = RawRuns.Histogram(a.Concat(b));

        Assert.True(RunMerger.AreEqual(combined, merged));
        Assert.Equal(combined.GetValueAtPercentile(99.9), merged.GetValueAtPercentile(99.9));
        Assert.False(RunMerger.AreEqual(combined, decodedA));
    }

    [Fact]
    public void Merging_saved_agent_runs_adds_histograms_and_counters_exactly()
    {
        var first = RawRuns.Single("card_authorization", [100, 200, 300], failures: 1, thresholds: ["p99<1ms"], agent: "1/2");
        var second = RawRuns.Single("card_authorization", [400, 50_000], failures: 2, thresholds: ["p99<1ms"], agent: "2/2");
        RawRunStore.Save(first, Path.Combine(_folder, "a"));
        RawRunStore.Save(second, Path.Combine(_folder, "b"));

        var merged = RunMerger.MergeFolders([Path.Combine(_folder, "a"), Path.Combine(_folder, "b")]);
        var result = ResultBuilder.Build(merged);

        var scenario = result.Scenario("card_authorization");
        Assert.Equal(["1/2", "2/2"], result.Agents);
        Assert.True(RunMerger.AreEqual(RawRuns.Histogram([100, 200, 300, 400, 50_000]), merged.Scenarios[0].Global.Ok));
        Assert.Equal(5, scenario.OkCount);
        Assert.Equal(3, scenario.FailCount);
        Assert.Equal(3, scenario.Global.ErrorKinds.Single(e => e.Name == "timeout").Count);
        Assert.Equal(6, scenario.Load[0].MaxConcurrency);
        Assert.False(result.AllThresholdsPassed); // the 50 ms sample of agent 2 breaks the merged p99
    }

    [Fact]
    public async Task Engine_runs_saved_to_folders_merge_into_one_report()
    {
        var folders = new List<string>();
        for (var agent = 1; agent <= 2; agent++)
        {
            var scenario = Scenario.Create("ping", Fakes.Instant).WithLoadSimulations(Simulation.IterationsForConstant(2, 40 * agent));
            var run = await LoadRunner.RegisterScenarios(scenario).WithoutConsole().WithAgent(agent, 2)
                .WithReportFolder(_folder).WithReportFormats(ReportFormat.Json).RunAsync();
            folders.Add(run.ReportFolder!);
        }

        var merged = ResultBuilder.Build(RunMerger.MergeFolders(folders));

        Assert.Equal(120, merged.Scenario("ping").OkCount);
        Assert.Equal(2, merged.Agents.Count);
    }

    [Fact]
    public void Loading_a_missing_or_corrupt_raw_file_names_it()
    {
        Directory.CreateDirectory(_folder);
        var corrupt = Path.Combine(_folder, RawRunStore.FileName);
        File.WriteAllText(corrupt, "{ not json");

        var missing = Assert.Throws<LoadConfigurationException>(() => RawRunStore.Load(Path.Combine(_folder, "nope")));
        var bad = Assert.Throws<LoadConfigurationException>(() => RawRunStore.Load(_folder));

        Assert.Contains("nope", missing.Message, StringComparison.Ordinal);
        Assert.Contains(corrupt, bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merging_runs_with_different_reporting_intervals_is_refused()
    {
        var a = RawRuns.Single("ping", [1], 0, []);
        var b = RawRuns.Single("ping", [1], 0, []);
        var differentB = new RawRun
        {
            RunId = b.RunId, Agents = b.Agents, StartedUtc = b.StartedUtc, Duration = b.Duration,
            ReportingInterval = TimeSpan.FromSeconds(1), Scenarios = b.Scenarios,
        };

        Assert.Throws<LoadConfigurationException>(() => RunMerger.Merge([a, differentB]));
    }
}
