using System.Text.Json.Nodes;
using Actors.Load.Engine;
using Actors.Load.Reports.Html;
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
    public void Merging_two_agents_runs_equals_the_combined_samples_for_response_service_and_wait()
    {
        var (a, b) = (RawRuns.DetailedSamples(seed: 0), RawRuns.DetailedSamples(seed: 1));
        RawRunStore.Save(RawRuns.Detailed("1/2", seed: 0), Path.Combine(_folder, "a"));
        RawRunStore.Save(RawRuns.Detailed("2/2", seed: 1), Path.Combine(_folder, "b"));

        var inMemory = RunMerger.Merge([RawRuns.Detailed("1/2", seed: 0), RawRuns.Detailed("2/2", seed: 1)]);
        var fromFiles = RunMerger.MergeFolders([Path.Combine(_folder, "a"), Path.Combine(_folder, "b")]);

        foreach (var merged in new[] { inMemory, fromFiles })
        {
            var global = merged.Scenarios.Single().Global;
            Assert.True(RunMerger.AreEqual(Combined(a, b, s => s.Response), global.Ok));
            Assert.True(RunMerger.AreEqual(Combined(a, b, s => s.Failed), global.Fail));
            Assert.True(RunMerger.AreEqual(Combined(a, b, s => s.Service), global.Service));
            Assert.True(RunMerger.AreEqual(Combined(a, b, s => s.Wait), global.Wait));
            for (var i = 0; i < a.Count; i++)
            {
                var interval = global.Intervals.Single(x => x.Index == i);
                Assert.True(RunMerger.AreEqual(RawRuns.Histogram(a[i].Response.Concat(b[i].Response)), interval.Ok));
                Assert.True(RunMerger.AreEqual(RawRuns.Histogram(a[i].Service.Concat(b[i].Service)), interval.Service));
                Assert.True(RunMerger.AreEqual(RawRuns.Histogram(a[i].Wait.Concat(b[i].Wait)), interval.Wait));
            }

            var step = merged.Scenarios.Single().Steps.Single();
            Assert.True(RunMerger.AreEqual(Combined(a, b, s => s.Service), step.Service));
            Assert.True(RunMerger.AreEqual(Combined(a, b, s => s.Wait), step.Wait));
            Assert.Equal(["1/2", "2/2"], merged.Process.Select(p => p.Agent).Distinct());
        }

        var result = ResultBuilder.Build(fromFiles).Scenario(RawRuns.DetailedScenario);
        Assert.Equal(a.Sum(s => s.Wait.Length) + b.Sum(s => s.Wait.Length), result.Global.Wait.Count);
        Assert.Equal(RawRuns.Histogram(a.SelectMany(s => s.Service).Concat(b.SelectMany(s => s.Service))).GetValueAtPercentile(99) / 1000.0, result.Global.Service.P99Ms);
    }

    private static HdrHistogram.HistogramBase Combined(List<RawRuns.IntervalSamples> a, List<RawRuns.IntervalSamples> b,
        Func<RawRuns.IntervalSamples, long[]> samples) =>
        RawRuns.Histogram(a.SelectMany(samples).Concat(b.SelectMany(samples)));

    [Fact]
    public void Saved_raw_histograms_round_trip_service_and_wait_environment_process_and_pacer()
    {
        var raw = RawRuns.Detailed();
        RawRunStore.Save(raw, _folder);

        var loaded = RawRunStore.Load(_folder);

        var (before, after) = (raw.Scenarios[0], loaded.Scenarios[0]);
        foreach (var (x, y) in new[] { (before.Global, after.Global), (before.Steps[0], after.Steps[0]) })
        {
            Assert.True(RunMerger.AreEqual(x.Service, y.Service));
            Assert.True(RunMerger.AreEqual(x.Wait, y.Wait));
            Assert.All(x.Intervals.Zip(y.Intervals), p =>
            {
                Assert.True(RunMerger.AreEqual(p.First.Service, p.Second.Service));
                Assert.True(RunMerger.AreEqual(p.First.Wait, p.Second.Wait));
            });
        }

        Assert.NotEqual(0, after.Global.Service.TotalCount);
        Assert.Equal(raw.Environment, loaded.Environment);
        Assert.Equal(raw.Process.Select(p => (p.Agent, p.Index, p.GcPause, p.Gen2Collections, p.ThreadPoolQueueLength, p.CpuPercent)),
            loaded.Process.Select(p => (p.Agent, p.Index, p.GcPause, p.Gen2Collections, p.ThreadPoolQueueLength, p.CpuPercent)));
        Assert.Equal((before.Pacer, before.PacerCpuTime), (after.Pacer, after.PacerCpuTime));
    }

    [Fact]
    public void A_version_1_raw_file_without_service_or_wait_still_loads_and_reports()
    {
        var raw = RawRuns.Detailed();
        RawRunStore.Save(raw, _folder);
        var path = Path.Combine(_folder, RawRunStore.FileName);
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        json["version"] = 1;
        foreach (var field in new[] { "environment", "process" })
        {
            json.Remove(field);
        }

        StripVersion2Fields(json);
        var version1 = json.ToJsonString();
        Assert.DoesNotContain("\"service\"", version1, StringComparison.Ordinal);
        Assert.DoesNotContain("\"wait\"", version1, StringComparison.Ordinal);
        File.WriteAllText(path, version1);

        var loaded = RawRunStore.Load(_folder);
        var result = ResultBuilder.Build(loaded);

        Assert.True(RunMerger.AreEqual(raw.Scenarios[0].Global.Ok, loaded.Scenarios[0].Global.Ok));
        Assert.Equal(0, loaded.Scenarios[0].Global.Service.TotalCount);
        Assert.Equal(0, loaded.Scenarios[0].Global.Intervals[0].Wait.TotalCount);
        Assert.Null(loaded.Environment);
        Assert.Empty(loaded.Process);
        Assert.Null(result.Scenarios[0].Pacer);
        Assert.Equal(301, result.Scenarios[0].OkCount);
        // The reports say what is missing instead of drawing empty measures as 0 ms lines.
        var html = HtmlReportWriter.Render(result);
        Assert.Contains("Environment not recorded", html, StringComparison.Ordinal);
        Assert.Contains("data-series=\"response\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-series=\"service\"", html, StringComparison.Ordinal);
    }

    private static void StripVersion2Fields(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var field in new[] { "service", "wait", "pacer", "pacerCpuSeconds" })
                {
                    o.Remove(field);
                }

                foreach (var (_, child) in o.ToList())
                {
                    StripVersion2Fields(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    StripVersion2Fields(child);
                }

                break;
        }
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
