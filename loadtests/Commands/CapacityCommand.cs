using System.CommandLine;
using Actors.Hosting;
using Actors.Load;
using Actors.Load.Capacity;
using Actors.LoadTests.Population;
using Actors.LoadTests.Scenarios;

namespace Actors.LoadTests.Commands;

/// <summary><c>capacity</c>: raise the injection rate step by step until the SLO breaks; report the highest passing rate.</summary>
public static class CapacityCommand
{
    public static Command Create(CommonOptions common)
    {
        var scenario = new Option<string>("--scenario") { Description = "scenario to search with (not mixed)", DefaultValueFactory = _ => OrleansScenarios.CardAuthorization };
        var slo = new Option<string>("--slo") { Description = "SLO every step must meet, e.g. \"p99<50ms,fail<0.1%\"", DefaultValueFactory = _ => "p99<50ms,fail<0.1%" };
        var startRate = new Option<int>("--start-rate") { Description = "first rate (requests/s)", DefaultValueFactory = _ => 500 };
        var factor = new Option<double>("--factor") { Description = "multiply the rate by this after a passing step (0: add --step)", DefaultValueFactory = _ => 1.5 };
        var step = new Option<int>("--step") { Description = "add this to the rate after a passing step (with --factor 0)" };
        var maxRate = new Option<int>("--max-rate") { Description = "stop (passing) at this rate", DefaultValueFactory = _ => 200_000 };
        var stepDuration = new Option<string>("--step-duration") { Description = "how long each rate is held", DefaultValueFactory = _ => "10s" };
        var minSamples = new Option<int>("--min-samples")
        {
            Description = "requests a step measures at least (it lasts longer at low rates, up to 60 s); 0: --step-duration only",
            DefaultValueFactory = _ => new CapacitySearchOptions().MinSamplesPerStep,
        };
        var noRetry = new Option<bool>("--no-retry") { Description = "take a step's first breach as the breaking point (by default a broken step is measured once more)" };
        var refine = new Option<int>("--refine-steps")
        {
            Description = "after the first failing step, halve the gap to the highest passing rate this many times (0-10)",
            DefaultValueFactory = _ => new CapacitySearchOptions().RefineSteps,
        };
        var confirm = new Option<int>("--confirm-steps")
        {
            Description = "measure the answer once more before reporting it; if that breaks, confirm the next lower passing rate, up to N times (0: none)",
            DefaultValueFactory = _ => new CapacitySearchOptions().ConfirmSteps,
        };
        var repeat = new Option<int>("--repeat") { Description = "run the search N times and report the spread of the answers", DefaultValueFactory = _ => 1 };
        var command = new Command("capacity", "Find the highest injection rate that meets the SLO (exit 0 found, 1 not even the start rate passed, 2 bad arguments).");
        foreach (var option in new Option[] { scenario, slo, startRate, factor, step, maxRate, stepDuration, minSamples, noRetry, refine, confirm, repeat })
        {
            command.Options.Add(option);
        }

        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(scenario)!;
            if (!OrleansScenarios.Names.Contains(name) || name == OrleansScenarios.Mixed)
            {
                throw new LoadConfigurationException($"--scenario '{name}': expected one of {string.Join(", ", OrleansScenarios.Names.Where(n => n != OrleansScenarios.Mixed))}.");
            }

            var options = new CapacitySearchOptions
            {
                StartRate = parse.GetValue(startRate),
                Factor = parse.GetValue(factor),
                Step = parse.GetValue(step),
                MaxRate = parse.GetValue(maxRate),
                StepDuration = ArgumentParsers.Duration(parse.GetValue(stepDuration), "--step-duration"),
                Slo = parse.GetValue(slo)!,
                MinSamplesPerStep = parse.GetValue(minSamples),
                RetryBrokenStep = !parse.GetValue(noRetry),
                RefineSteps = ArgumentParsers.InRange(parse.GetValue(refine), "--refine-steps", 0, 10),
                ConfirmSteps = ArgumentParsers.InRange(parse.GetValue(confirm), "--confirm-steps", 0, 5),
            };
            var searches = ArgumentParsers.Positive(parse.GetValue(repeat), "--repeat", 100);
            CapacitySearchOptionsValidator.Validate(options);
            var population = common.Population(parse);
            var reportFolder = common.ReportFolder(parse);
            var output = common.Console.Output;

            await using var cluster = await common.ConnectAsync(parse, cancellationToken);
            output.WriteLine($"Target: {cluster.Description}; SLO {options.Slo}");
            var runs = new List<CapacityResult>();
            for (var i = 0; i < searches && !cancellationToken.IsCancellationRequested; i++)
            {
                if (searches > 1)
                {
                    output.WriteLine($"Search {i + 1} of {searches}:");
                }

                var one = await Search(cluster.Grains, name, population, options, common.Interactive(parse), output, cancellationToken);
                output.WriteLine(one.HighestPassingRate is { } best
                    ? $"Highest rate meeting the SLO: {best:N0} requests/s ({one.StopReason})."
                    : $"Not even {options.StartRate:N0} requests/s met the SLO ({one.StopReason}).");
                if (one.StalledSteps > 0)
                {
                    output.WriteLine($"  {one.StalledSteps} step(s) had generator stalls (GC pauses or late starts): see the report.");
                }

                runs.Add(one);
            }

            var target = Path.Combine(reportFolder, $"{DateTime.UtcNow:yyyyMMdd_HHmmss}_capacity_{name}");
            string folder;
            if (runs.Count > 1)
            {
                var repeated = new CapacityRepeatResult(runs);
                folder = CapacityReportWriter.WriteRepeated(repeated, target);
                output.WriteLine(CapacityReportWriter.Spread(repeated));
            }
            else
            {
                folder = CapacityReportWriter.Write(runs[0], target);
            }

            output.WriteLine($"Reports: {folder}");
            return runs.Any(r => r.HighestPassingRate is null) ? ExitCodes.ThresholdBreached : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Runs the search, a line per step on <paramref name="output"/>; the population is created once, before the first step.</summary>
    public static async Task<CapacityResult> Search(IGrainFactory grains, string scenario, PopulationOptions population,
        CapacitySearchOptions options, bool interactive, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var context = new LoadContext(grains, population, LoadContext.NewRunToken(population.AgentIndex)) { InteractiveConsole = interactive, Output = output };
        if (OrleansScenarios.NeedsPopulation(scenario))
        {
            await context.EnsurePopulationAsync(cancellationToken);
        }

        var search = new CapacitySearch(options, _ => OrleansScenarios.Create(scenario, context)[0]);
        search.StepCompleted += s => output.WriteLine(
            $"  {s.TargetRate,8:N0}/s: achieved {s.AchievedRps:N0} rps, p50 {s.P50Ms:F1} ms, p99 {s.P99Ms:F1} ms, fail {s.FailPercent:F2}%{(s.CpuCores is { } cores ? $", {cores:F2} cores" : "")}{(s.Errors.Count == 0 ? "" : " (" + s.ErrorSummary + ")")} -> {(s.Passed ? "pass" : "FAIL: " + string.Join("; ", s.Breaches))}{(s.Refinement ? " (refining)" : "")}{(s.Confirmation ? " (confirming the answer)" : "")}{(s.Retried ? " (measuring again)" : "")}{(s.Stalls.Count > 0 ? " [stalled: " + string.Join("; ", s.Stalls) + "]" : "")}");
        return await search.RunAsync(cancellationToken);
    }
}
