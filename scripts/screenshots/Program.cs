using Actors.Screenshots;

return await ScreenshotTour.RunAsync(args, Console.Out, Console.Error);
