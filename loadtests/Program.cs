using Actors.LoadTests;

return await LoadTestsCli.RunAsync(args, Console.Out, Console.Error);
