using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Actors.Hosting;
using Actors.Hosting.Storage;
using Actors.Load;
using Actors.Load.Capacity;
using Actors.Load.Engine;
using Actors.Load.Reports.Json;
using Actors.LoadTests.Capacity;
using Actors.LoadTests.Cluster;
using Actors.LoadTests.Population;
using Actors.LoadTests.Scenarios;
using Actors.Simulation.Options;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Actors.LoadTests.Commands;

/// <summary>
/// <c>model</c>: how many silos and store nodes serve 1.3 billion users. The load profile (requests per active user,
/// the peak over the daily average, users resident at the peak for each grain collection age) comes from the
/// simulator's own traffic; per-silo capacity from a capacity search on the target (the embedded silo, or silo
/// processes with <c>--silos</c>); memory per user and store writes per request from an embedded silo; a store node's
/// write rate from <c>ping_write</c> on a Redis or PostgreSQL target. Prints every assumption, a sensitivity table and
/// the bill of materials; <c>--validate-silos N</c> then predicts an N-silo cluster from the single silo and measures it.
/// </summary>
public static class ModelCommand
{
    private const int WriteProbeUsers = 500;
    private const int WriteProbeRate = 1_000;
    private static readonly TimeSpan WriteProbeDuration = TimeSpan.FromSeconds(12);

    public static Command Create(CommonOptions common)
    {
        var ratePerSilo = new Option<double?>("--rate-per-silo") { Description = "skip the capacity search: requests/s one silo sustains within the SLO" };
        var bytesPerUser = new Option<double?>("--bytes-per-user") { Description = "skip the memory probe: resident bytes per active user" };
        var memoryUsers = new Option<int>("--memory-users") { Description = "users activated by the memory probe", DefaultValueFactory = _ => 100_000 };
        var slo = new Option<string>("--slo") { DefaultValueFactory = _ => "p99<50ms,fail<0.1%", Description = "SLO of the capacity search" };
        var stepDuration = new Option<string>("--step-duration") { DefaultValueFactory = _ => "5s", Description = "duration of each capacity-search step" };
        var totalUsers = new Option<long>("--total-users") { DefaultValueFactory = _ => CapacityAssumptions.MessengerScaleUsers, Description = "population to plan for" };
        var dailyActive = new Option<double>("--daily-active") { DefaultValueFactory = _ => 0.5, Description = "share of users active a day (0-1)" };
        var eventsPerDay = new Option<double?>("--events-per-day") { Description = "requests per active user a day (default: from the simulated traffic)" };
        var peakFactor = new Option<double?>("--peak-factor") { Description = "peak rate over the daily average (default: the simulated traffic's busiest quarter hour)" };
        var residentShare = new Option<double?>("--resident-share") { Description = "share of daily actives resident at the peak, 0-1 (default: simulated at --collection-age)" };
        var collectionAge = new Option<string>("--collection-age") { DefaultValueFactory = _ => "15m", Description = "Orleans grain collection age the resident set is taken at (Orleans' default 15 min)" };
        var simUsers = new Option<int>("--sim-users") { DefaultValueFactory = _ => 20_000, Description = "users of the simulated traffic the load profile is taken from" };
        var simDays = new Option<int>("--sim-days") { DefaultValueFactory = _ => 7, Description = "days of simulated traffic (7: a whole week's rhythm)" };
        var seed = new Option<long>("--seed") { DefaultValueFactory = _ => SimulationOptions.DefaultSeed, Description = "seed of the simulated traffic" };
        var utilization = new Option<double>("--target-utilization") { DefaultValueFactory = _ => 0.6, Description = "share of measured capacity to plan for (0-1)" };
        var writesPerRequest = new Option<double?>("--writes-per-request") { Description = "skip the write probe: durable state writes one card_authorization makes" };
        var storeWrites = new Option<double?>("--store-writes-per-node") { Description = "writes/s one store node sustains (default: measured with ping_write on a Redis or PostgreSQL target)" };
        var storeNodeGib = new Option<double>("--store-node-gib") { DefaultValueFactory = _ => 24, Description = "data one store node holds (GiB; Redis: its memory)" };
        var validate = new Option<int>("--validate-silos") { Description = "then predict an N-silo cluster from the single silo of --silos 1, measure it and print both" };
        var crossSilo = new Option<double>("--cross-silo-cost") { DefaultValueFactory = _ => 0.3, Description = "extra CPU of a request whose grains are on other silos, as a share of its CPU (validation)" };
        var command = new Command("model", "Estimate the silos and store nodes needed at Messenger scale from simulated behaviour and measured capacity, memory and store rates (exit 0, 1 no passing rate, 2 bad arguments).");
        foreach (var option in new Option[] { ratePerSilo, bytesPerUser, memoryUsers, slo, stepDuration, totalUsers, dailyActive, eventsPerDay, peakFactor, residentShare, collectionAge, simUsers, simDays, seed, utilization, writesPerRequest, storeWrites, storeNodeGib, validate, crossSilo })
        {
            command.Options.Add(option);
        }

        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await RunAsync(parse, cancellationToken);
            }
            catch (NoPassingRateException e)
            {
                common.Console.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.ThresholdBreached;
            }
        });
        return command;

        async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
        {
            var age = ArgumentParsers.Duration(parse.GetValue(collectionAge), "--collection-age");
            var nodeGib = parse.GetValue(storeNodeGib);
            if (nodeGib is <= 0 or > 1_000_000)
            {
                throw new LoadConfigurationException($"--store-node-gib must be positive (at most 1,000,000), was {nodeGib.ToString(CultureInfo.InvariantCulture)}.");
            }

            var baseAssumptions = new CapacityAssumptions
            {
                TotalUsers = parse.GetValue(totalUsers),
                DailyActiveShare = parse.GetValue(dailyActive),
                TargetUtilization = parse.GetValue(utilization),
                CollectionAge = age,
                StoreNodeBytes = (long)(nodeGib * 1024 * 1024 * 1024),
                EventsPerActiveUserPerDay = parse.GetValue(eventsPerDay) ?? 1,
                PeakFactor = parse.GetValue(peakFactor) ?? 1,
                ResidentShareOfDailyActive = parse.GetValue(residentShare) ?? 1,
            };
            baseAssumptions.Validate();
            var validateSilos = parse.GetValue(validate);
            var fleet = common.FleetOptions(parse);
            if (validateSilos != 0 && (validateSilos is < 2 or > SiloFleetOptions.MaxSilos || fleet is not { Silos: 1 } || parse.GetValue(ratePerSilo) is not null))
            {
                throw new LoadConfigurationException($"--validate-silos N (2-{SiloFleetOptions.MaxSilos}) predicts N silo processes from one measured the same way: give --silos 1 and no --rate-per-silo.");
            }

            var givenRate = parse.GetValue(ratePerSilo);
            var givenBytes = parse.GetValue(bytesPerUser);
            var givenStoreRate = parse.GetValue(storeWrites);
            var givenWrites = parse.GetValue(writesPerRequest);
            if (givenRate <= 0 || givenBytes <= 0 || givenStoreRate <= 0 || givenWrites < 0)
            {
                throw new LoadConfigurationException("--rate-per-silo, --bytes-per-user and --store-writes-per-node must be positive, --writes-per-request not negative.");
            }

            var simulation = new SimulationOptions
            {
                Users = ArgumentParsers.Positive(parse.GetValue(simUsers), "--sim-users", 1_000_000),
                Days = ArgumentParsers.Positive(parse.GetValue(simDays), "--sim-days", 28),
                Seed = parse.GetValue(seed),
            };
            var reportFolder = common.ReportFolder(parse);
            var output = common.Console.Output;
            var interactive = common.Interactive(parse);

            // 1. Behaviour: the simulator's traffic, profiled for the swept collection ages and the one planned for.
            output.WriteLine($"Load profile: simulating {simulation.Users:N0} users for {simulation.Days} days (seed {simulation.Seed})...");
            var ages = ResidentSet.SweptAges.Append(age).Distinct().Order().ToList();
            var profile = SimulatedActivity.Profile(simulation, ages, ResidentSet.DefaultQuantum, ResidentSet.DefaultPeakWindow);
            var profileText = DescribeProfile(profile);
            output.Write(profileText);
            var assumptions = baseAssumptions.From(profile, parse.GetValue(eventsPerDay), parse.GetValue(peakFactor), parse.GetValue(residentShare));
            assumptions.Validate();

            // 2. Throughput per silo and, on a durable store, a store node's write rate.
            double rate;
            string rateSource;
            double? coresAtRate = null;
            double? storeRate = givenStoreRate;
            var storeSource = givenStoreRate is null ? "not measured: in-memory storage has no durable store (use --silos 1 --storage Redis|PostgreSQL, or --store-writes-per-node)" : "given with --store-writes-per-node";
            string shape;
            await using (var cluster = await common.ConnectAsync(parse, cancellationToken))
            {
                shape = cluster.Description;
                output.WriteLine($"Target: {shape}");
                if (givenRate is { } r)
                {
                    rate = r;
                    rateSource = "given with --rate-per-silo";
                }
                else
                {
                    var search = await SearchAsync(common, parse, cluster, slo, stepDuration, interactive, output, cancellationToken);
                    rate = search.HighestPassingRate ?? throw new NoPassingRateException($"Capacity search found no passing rate: {search.StopReason}");
                    coresAtRate = search.Steps.LastOrDefault(s => s.Passed && s.TargetRate == rate)?.CpuCores;
                    rateSource = $"{OrleansScenarios.CardAuthorization} capacity search, SLO {parse.GetValue(slo)}, measured on {shape}";
                }

                if (givenStoreRate is null && cluster.Fleet is { Storage: StoreKinds.Redis or StoreKinds.PostgreSql } durable)
                {
                    storeRate = await MeasureStoreWritesAsync(cluster, common.Population(parse, sliced: false), cancellationToken);
                    storeSource = $"ping_write (one {durable.Storage} write a request), 32 copies for 5 s on {shape}: a lower bound, as the store shares this machine's cores with the silos and the generator";
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Store: {storeRate:N0} writes/s to {durable.Storage} (ping_write)"));
                }
            }

            // 3. Memory per user and writes per request, on a fresh embedded silo whose in-process store counts them.
            double bytes;
            string bytesSource;
            double storeBytes = 0;
            double writesPerRequestMeasured;
            if (givenBytes is { } b && givenWrites is { } w)
            {
                (bytes, bytesSource, writesPerRequestMeasured) = (b, "given with --bytes-per-user", w);
            }
            else
            {
                await using var probeSilo = await ActorsCluster.StartEmbeddedAsync(common.EmbeddedSettings(parse), common.ConnectOptions(parse), cancellationToken);
                if (givenBytes is { } given)
                {
                    bytes = given;
                    bytesSource = "given with --bytes-per-user";
                }
                else
                {
                    var users = ArgumentParsers.Positive(parse.GetValue(memoryUsers), "--memory-users", 10_000_000);
                    output.WriteLine($"Memory probe: activating {users:N0} users with 2 accounts each...");
                    var probe = await MemoryProbe.MeasureAsync(probeSilo.Grains, users, 2, 64, storeBytes: MemoryProbe.StoreBytes(probeSilo), cancellationToken: cancellationToken);
                    bytes = probe.ResidentBytesPerUser;
                    storeBytes = probe.StorageBytesPerUser;
                    bytesSource = $"{users:N0} users x 2 accounts, {probe.PostingsPerAccount} postings each, notifications on; {probe.StorageBytesPerUser:N0} B/user more in the in-process storage";
                }

                writesPerRequestMeasured = givenWrites ?? await MeasureWritesPerRequestAsync(probeSilo, common.Population(parse, sliced: false), cancellationToken);
                if (givenWrites is null)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Store writes: {writesPerRequestMeasured:N2} a {OrleansScenarios.CardAuthorization} request ({WriteProbeUsers} users, {WriteProbeRate * WriteProbeDuration.TotalSeconds / (WriteProbeUsers * 2):0} authorizations an account)"));
                }
            }

            var measurements = new CapacityMeasurements(rate, bytes, rateSource, bytesSource)
            {
                WritesPerRequest = writesPerRequestMeasured,
                StoreWritesPerSecondPerNode = storeRate,
                StoreBytesPerUser = storeBytes,
                StoreSource = storeSource,
            };
            var estimate = CapacityModel.Estimate(assumptions, measurements);
            var sensitivity = CapacityModel.Sensitivity(assumptions, measurements, profile);
            var report = new StringBuilder();
            var estimateText = estimate.Describe();
            var sensitivityText = CapacityModel.DescribeSensitivity(sensitivity);
            report.Append(profileText).AppendLine().Append(estimateText).AppendLine().Append(sensitivityText);
            output.WriteLine(estimateText);
            output.WriteLine(sensitivityText);

            // 4. Validation: predict N silos from the one, then measure them.
            ClusterPrediction? prediction = null;
            int? measuredCluster = null;
            if (validateSilos >= 2)
            {
                if (coresAtRate is not { } cores)
                {
                    throw new NoPassingRateException("The single silo's search measured no CPU: the prediction needs the cores it used.");
                }

                prediction = ClusterPrediction.Predict(validateSilos, rate, cores, Environment.ProcessorCount, parse.GetValue(crossSilo));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Validation: predicting {validateSilos} silos at {prediction.OnThisMachine:N0} requests/s on this machine; measuring them..."));
                await using var cluster = await common.ConnectAsync(parse, validateSilos, cancellationToken);
                var search = await SearchAsync(common, parse, cluster, slo, stepDuration, interactive, output, cancellationToken);
                measuredCluster = search.HighestPassingRate;
                var text = prediction.Describe(measuredCluster, cluster.Description);
                output.WriteLine(text);
                report.AppendLine().Append(text);
            }

            var folder = Path.Combine(reportFolder, $"{DateTime.UtcNow:yyyyMMdd_HHmmss}_capacity_model");
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, "capacity-model.txt"), report.ToString(), cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(folder, "capacity-model.json"), JsonSerializer.Serialize(new
            {
                shape,
                profile,
                estimate.Assumptions,
                estimate.Measurements,
                estimate.AverageRequestsPerSecond,
                estimate.PeakRequestsPerSecond,
                estimate.ResidentUsers,
                estimate.SilosForThroughput,
                estimate.SilosForMemory,
                estimate.Silos,
                estimate.StoreWritesAtPeak,
                estimate.StoreNodesForWrites,
                estimate.StoreNodesForData,
                estimate.StoreNodes,
                sensitivity,
                validation = prediction is null ? null : new { prediction.Silos, prediction.OnThisMachine, prediction.OnSeparateMachines, measured = measuredCluster, prediction.CrossSiloCost },
            }, JsonReportWriter.Options), cancellationToken);
            output.WriteLine($"Report: {Path.Combine(folder, "capacity-model.txt")}");
            return ExitCodes.Ok;
        }
    }

    /// <summary>A measurement the model needs found nothing to measure (exit 1, one line).</summary>
    private sealed class NoPassingRateException(string message) : Exception(message);

    /// <summary>The profile as the model prints it: the figures taken from behaviour and the resident set by collection age.</summary>
    public static string DescribeProfile(ActivityProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"Load profile from {profile.Source}:");
        text.AppendLine(c, $"  active a day                  {profile.DailyActiveShare:P1} of the simulated users");
        text.AppendLine(c, $"  requests per active user a day {profile.EventsPerActiveUserPerDay:N2}");
        text.AppendLine(c, $"  peak factor                   {profile.PeakFactor:N2}x (busiest {ResidentSet.Text(profile.PeakWindow)} over the mean)");
        text.AppendLine(c, $"  resident at the peak, by grain collection age (collector quantum {ResidentSet.Text(profile.CollectionQuantum)}):");
        foreach (var r in profile.Resident)
        {
            text.AppendLine(c, $"    {ResidentSet.Text(r.CollectionAge),-8} peak {r.PeakResidentUsers,10:N0} users ({r.PeakShareOfDailyActive:P1} of daily actives), mean {r.MeanResidentUsers:N0}");
        }

        return text.ToString();
    }

    private static async Task<CapacityResult> SearchAsync(CommonOptions common, ParseResult parse, LoadTarget cluster, Option<string> slo,
        Option<string> stepDuration, bool interactive, TextWriter output, CancellationToken cancellationToken)
    {
        var population = common.Population(parse, sliced: false);
        var options = new CapacitySearchOptions
        {
            StartRate = 1000,
            Factor = 1.4,
            StepDuration = ArgumentParsers.Duration(parse.GetValue(stepDuration), "--step-duration"),
            Slo = parse.GetValue(slo)!,
            MaxRate = 500_000,
            CpuSeconds = cluster.CpuSeconds,
        };
        output.WriteLine($"Capacity search ({OrleansScenarios.CardAuthorization}, SLO {options.Slo}) on {cluster.Description}:");
        return await CapacityCommand.Search(cluster.Grains, OrleansScenarios.CardAuthorization, population, options, interactive, output, cancellationToken);
    }

    // ping_write: one write of an account's hot-state size per request, closed model: the store's write rate through the silos.
    private static async Task<double> MeasureStoreWritesAsync(LoadTarget cluster, PopulationOptions population, CancellationToken cancellationToken)
    {
        var context = new LoadContext(cluster.Grains, population, LoadContext.NewRunToken(0)) { InteractiveConsole = false, Output = TextWriter.Null };
        var scenario = OrleansScenarios.Create(OrleansScenarios.PingWrite, context)[0]
            .WithLoadSimulations(LoadShapes.KeepConstant(32, TimeSpan.FromSeconds(5)))
            .WithWarmUpDuration(TimeSpan.FromSeconds(2));
        var run = (await LoadRunner.RegisterScenarios(scenario).WithoutConsole().WithoutReports().RunAsync(cancellationToken)).Scenarios[0];
        return run.OkCount / Math.Max(run.DurationSeconds, 1e-9);
    }

    // card_authorization on a small population, a dozen authorizations an account (so that history and inbox pages fill
    // as they do in steady state), counting what the in-process store wrote.
    private static async Task<double> MeasureWritesPerRequestAsync(ActorsCluster silo, PopulationOptions population, CancellationToken cancellationToken)
    {
        if (silo.Services.GetKeyedService<IGrainStorage>(ActorsConstants.StorageName) is not ProcessMemoryGrainStorage store)
        {
            throw new LoadConfigurationException("The write probe counts the embedded silo's in-process store writes: do not set Actors:Silo:Storage with --silo-setting for model.");
        }

        var context = new LoadContext(silo.Grains, population with { Users = WriteProbeUsers }, LoadContext.NewRunToken(0)) { InteractiveConsole = false, Output = TextWriter.Null };
        await context.EnsurePopulationAsync(cancellationToken);
        var before = store.Writes;
        var scenario = OrleansScenarios.CreateCardAuthorization(context)
            .WithLoadSimulations(LoadShapes.Inject(WriteProbeRate / 10, TimeSpan.FromMilliseconds(100), WriteProbeDuration));
        var run = (await LoadRunner.RegisterScenarios(scenario).WithoutConsole().WithoutReports().RunAsync(cancellationToken)).Scenarios[0];
        var requests = run.OkCount + run.FailCount;
        return requests == 0 ? 0 : (store.Writes - before) / (double)requests;
    }
}
