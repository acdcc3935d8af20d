using Actors.Web.Hosting;

return await WebProgram.RunAsync(args, Console.Out, Console.Error);
