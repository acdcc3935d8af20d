return await Actors.Gateway.Hosting.GatewayProgram.RunAsync(args);
