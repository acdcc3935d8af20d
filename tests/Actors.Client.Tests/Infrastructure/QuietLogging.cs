using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Actors.Client.Tests.Infrastructure;

/// <summary>Keeps embedded silos started by tests from filling the test log with Orleans' shutdown chatter.</summary>
public static class QuietLogging
{
    public static void Configure(IServiceCollection services) =>
        services.Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Critical);
}
