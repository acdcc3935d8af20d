using System.CommandLine;

namespace Actors.LoadTests.Commands;

/// <summary>Options shared by the commands that talk to a cluster or create a population.</summary>
public sealed class CommonOptions
{
    public Option<string?> Gateway { get; } = new("--gateway") { Description = "host:port of a running silo's gateway; default: an embedded in-process silo" };

    public Option<string> ClusterId { get; } = new("--cluster-id") { Description = "cluster id of the running cluster", DefaultValueFactory = _ => "actors" };

    public Option<int> Users { get; } = new("--users") { Description = "synthetic users in the population (created or reused)", DefaultValueFactory = _ => Population.PopulationOptions.DefaultUsers };

    public Option<string?> Agent { get; } = new("--agent") { Description = "i/n (1 <= i <= n): run the i-th of n slices of the population and the load; merge the agents' reports with merge" };

    public Option<string> ReportDir { get; } = new("--report-dir") { Description = "folder that receives a folder per run", DefaultValueFactory = _ => "reports" };

    public Option<bool> NoConsole { get; } = new("--no-console") { Description = "no live console view (CI logs)" };

    public void AddTo(Command command, bool population = true, bool reports = true)
    {
        command.Options.Add(Gateway);
        command.Options.Add(ClusterId);
        if (population)
        {
            command.Options.Add(Users);
            command.Options.Add(Agent);
        }

        if (reports)
        {
            command.Options.Add(ReportDir);
        }

        command.Options.Add(NoConsole);
    }
}
