using System.CommandLine;
using Actors.Load;
using Actors.Load.Console;
using Actors.Load.Reports;
using Actors.Load.Statistics;

namespace Actors.LoadTests.Commands;

/// <summary><c>merge DIR...</c>: one exact report from several agents' run folders (histograms add bucket by bucket).</summary>
public static class MergeCommand
{
    public static Command Create(CommonOptions common)
    {
        var folders = new Argument<string[]>("folders") { Description = "run folders written by the agents (each holds histograms.json)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out") { Description = "folder for the merged reports (default: reports/<time>_merged)" };
        var command = new Command("merge", "Merge the raw histograms of several agents' runs into one exact report (exit 0 thresholds passed, 1 breached, 2 bad input).");
        command.Arguments.Add(folders);
        command.Options.Add(output);

        // Accepted as on every command, so scripts can pass it throughout; merging starts no cluster, so nothing logs.
        command.Options.Add(common.Verbose);
        command.SetAction(parse =>
        {
            var inputs = parse.GetValue(folders) ?? [];
            foreach (var input in inputs)
            {
                if (!Directory.Exists(input))
                {
                    throw new LoadConfigurationException($"Run folder '{input}' does not exist.");
                }
            }

            var merged = RunMerger.MergeFolders(inputs);
            var target = parse.GetValue(output) ?? Path.Combine("reports", $"{DateTime.UtcNow:yyyyMMdd_HHmmss}_merged");
            var folder = ReportSet.Write(merged, target, ReportFormatExtensions.All);
            var result = ResultBuilder.Build(merged, folder);
            common.Console.Output.WriteLine($"Merged {inputs.Length} runs ({string.Join(", ", merged.Agents)}).");
            SummaryPrinter.PrintPlain(common.Console.Output, result);
            return ExitCodes.FromResult(result);
        });
        return command;
    }
}
