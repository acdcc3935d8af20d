using Actors.LoadTests;

return await LoadTestsCli.RunAsync(args);
