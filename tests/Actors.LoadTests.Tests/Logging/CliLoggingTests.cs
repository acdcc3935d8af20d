using Actors.LoadTests.Logging;
using Microsoft.Extensions.Logging;

namespace Actors.LoadTests.Tests.Logging;

/// <summary>Which log entries of an embedded silo or client the CLI shows, and where: --verbose or not.</summary>
public sealed class CliLoggingTests
{
    [Fact]
    public void Without_verbose_library_categories_say_nothing_and_our_errors_reach_the_error_writer()
    {
        var error = new StringWriter();

        using (var factory = LoggerFactory.Create(CliLogging.Configure(error, verbose: false)))
        {
            LogOneOfEach(factory);
        }

        Assert.Equal(["fail: Actors.Grains.AccountGrain[0]", "our error"], Lines(error));
    }

    [Fact]
    public void With_verbose_warnings_and_above_of_every_category_reach_the_error_writer()
    {
        var error = new StringWriter();

        using (var factory = LoggerFactory.Create(CliLogging.Configure(error, verbose: true)))
        {
            LogOneOfEach(factory);
        }

        var text = error.ToString();
        foreach (var expected in new[] { "warn: Orleans.Runtime.Watchdog[0]", "watchdog", "fail: Orleans.Runtime.Silo[0]", "crit: Microsoft.Hosting.Lifetime[0]", "our warning", "our error" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("orleans info", text, StringComparison.Ordinal);
        Assert.DoesNotContain("our information", text, StringComparison.Ordinal);
    }

    private static void LogOneOfEach(ILoggerFactory factory)
    {
        factory.CreateLogger("Orleans.Runtime.Watchdog").LogWarning("watchdog");
        factory.CreateLogger("Orleans.Runtime.Silo").LogError("orleans error");
        factory.CreateLogger("Orleans.Runtime.Silo").LogInformation("orleans info");
        factory.CreateLogger("Microsoft.Hosting.Lifetime").LogCritical("microsoft critical");
        factory.CreateLogger("System.Net.Http.HttpClient").LogError("system error");
        factory.CreateLogger("Actors.Grains.AccountGrain").LogInformation("our information");
        factory.CreateLogger("Actors.Grains.AccountGrain").LogWarning("our warning");
        factory.CreateLogger("Actors.Grains.AccountGrain").LogError("our error");
    }

    private static string[] Lines(StringWriter writer) =>
        writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
