using System.CommandLine;
using Actors.Hosting;
using Actors.Load;
using Actors.Load.Capacity;
using Actors.LoadTests.Capacity;
using Actors.LoadTests.Population;
using Actors.LoadTests.Scenarios;

namespace Actors.LoadTests.Commands;

/// <summary>
/// <c>model</c>: measures per-silo capacity (a capacity search on the embedded silo, or a given rate)
/// and resident memory per user (activating N users), then estimates how many silos of this machine's
/// size serve 1.3 billion users for a stated activity profile. The assumptions are printed with the result.
/// </summary>
public static class ModelCommand
{
    public static Command Create(CommonOptions common)
    {
        var ratePerSilo = new Option<double?>("--rate-per-silo") { Description = "skip the capacity search: requests/s one silo sustains within the SLO" };
        var bytesPerUser = new Option<double?>("--bytes-per-user") { Description = "skip the memory probe: resident bytes per active user" };
        var memoryUsers = new Option<int>("--memory-users") { Description = "users activated by the memory probe", DefaultValueFactory = _ => 100_000 };
        var slo = new Option<string>("--slo") { DefaultValueFactory = _ => "p99<50ms,fail<0.1%", Description = "SLO of the capacity search" };
        var stepDuration = new Option<string>("--step-duration") { DefaultValueFactory = _ => "5s", Description = "duration of each capacity-search step" };
        var totalUsers = new Option<long>("--total-users") { DefaultValueFactory = _ => CapacityAssumptions.MessengerScaleUsers, Description = "population to plan for" };
        var dailyActive = new Option<double>("--daily-active") { DefaultValueFactory = _ => 0.5, Description = "share of users active a day (0-1)" };
        var eventsPerDay = new Option<double>("--events-per-day") { DefaultValueFactory = _ => 20, Description = "requests per active user a day" };
        var peakFactor = new Option<double>("--peak-factor") { DefaultValueFactory = _ => 3, Description = "peak rate over the daily average" };
        var residentShare = new Option<double>("--resident-share") { DefaultValueFactory = _ => 1, Description = "share of daily actives resident at the peak (0-1)" };
        var utilization = new Option<double>("--target-utilization") { DefaultValueFactory = _ => 0.6, Description = "share of measured capacity to plan for (0-1)" };
        var command = new Command("model", "Estimate the silos needed at Messenger scale from measured capacity and memory per user (exit 0, 2 bad arguments).");
        foreach (var option in new Option[] { ratePerSilo, bytesPerUser, memoryUsers, slo, stepDuration, totalUsers, dailyActive, eventsPerDay, peakFactor, residentShare, utilization })
        {
            command.Options.Add(option);
        }

        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var assumptions = new CapacityAssumptions
            {
                TotalUsers = parse.GetValue(totalUsers),
                DailyActiveShare = parse.GetValue(dailyActive),
                EventsPerActiveUserPerDay = parse.GetValue(eventsPerDay),
                PeakFactor = parse.GetValue(peakFactor),
                ResidentShareOfDailyActive = parse.GetValue(residentShare),
                TargetUtilization = parse.GetValue(utilization),
            };
            assumptions.Validate();
            var givenRate = parse.GetValue(ratePerSilo);
            var givenBytes = parse.GetValue(bytesPerUser);
            if (givenBytes is null && (!common.Address(parse).IsEmbedded || parse.GetValue(common.Silos) > 0))
            {
                throw new LoadConfigurationException("The memory probe measures an embedded silo: with --gateway, --clustering or --silos, give --bytes-per-user.");
            }

            var reportFolder = common.ReportFolder(parse);
            var output = common.Console.Output;
            await using var cluster = await common.ConnectAsync(parse, cancellationToken);
            output.WriteLine($"Target: {cluster.Description}");
            var interactive = common.Interactive(parse);

            double rate;
            string rateSource;
            if (givenRate is { } r)
            {
                rate = r;
                rateSource = "given with --rate-per-silo";
            }
            else
            {
                var population = common.Population(parse, sliced: false);
                var options = new CapacitySearchOptions { StartRate = 1000, Factor = 1.4, StepDuration = ArgumentParsers.Duration(parse.GetValue(stepDuration), "--step-duration"), Slo = parse.GetValue(slo)!, MaxRate = 500_000 };
                output.WriteLine($"Capacity search ({OrleansScenarios.CardAuthorization}, SLO {options.Slo}):");
                var search = await CapacityCommand.Search(cluster.Grains, OrleansScenarios.CardAuthorization, population, options, interactive, output, cancellationToken);
                rate = search.HighestPassingRate ?? throw new InvalidOperationException($"Capacity search found no passing rate: {search.StopReason}");
                rateSource = $"{OrleansScenarios.CardAuthorization} capacity search, SLO {options.Slo}, measured on {cluster.Description}";
            }

            double bytes;
            string bytesSource;
            if (givenBytes is { } b)
            {
                bytes = b;
                bytesSource = "given with --bytes-per-user";
            }
            else
            {
                var users = ArgumentParsers.Positive(parse.GetValue(memoryUsers), "--memory-users", 10_000_000);
                output.WriteLine($"Memory probe: activating {users:N0} users with 2 accounts each...");
                // On a fresh embedded silo: the search's population must not be counted in (or out of) the probe's figures.
                await using var probeSilo = await ActorsCluster.StartEmbeddedAsync(common.EmbeddedSettings(parse), common.ConnectOptions(parse), cancellationToken);
                var probe = await MemoryProbe.MeasureAsync(probeSilo.Grains, users, 2, 64, storeBytes: MemoryProbe.StoreBytes(probeSilo), cancellationToken: cancellationToken);
                bytes = probe.ResidentBytesPerUser;
                bytesSource = $"{users:N0} users x 2 accounts, {probe.PostingsPerAccount} postings each, notifications on; {probe.StorageBytesPerUser:N0} B/user more in the in-process storage";
            }

            var estimate = CapacityModel.Estimate(assumptions, new CapacityMeasurements(rate, bytes, rateSource, bytesSource));
            output.WriteLine(estimate.Describe());
            var folder = Path.Combine(reportFolder, $"{DateTime.UtcNow:yyyyMMdd_HHmmss}_capacity_model");
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, "capacity-model.txt"), estimate.Describe(), cancellationToken);
            output.WriteLine($"Report: {Path.Combine(folder, "capacity-model.txt")}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
