using Actors.Simulator.Commands;

// The simulator command line: generate, inspect, replay, bench. Exit codes: 0 ok, 1 the job failed,
// 2 bad arguments, configuration or input file (the message names the problem).
return await SimulatorCommand.RunAsync(args);
