using Actors.Client.Tests.Infrastructure;

namespace Actors.Observability.Tests;

/// <summary>Bad observability settings stop the silo executable before it starts, with exit code 2 and the key named.</summary>
public sealed class SiloConfigurationTests
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("--Actors:Observability:MetricsPath=metrics", "Actors:Observability:MetricsPath")]
    [InlineData("--Actors:Observability:DashboardPath=/health/dash", "Actors:Observability:DashboardPath")]
    [InlineData("--Actors:Silo:HttpPort=70000", "Actors:Silo:HttpPort")]
    [InlineData("--Actors:Observability:Dashbord=false", "Dashbord")]
    public async Task Silo_exits_2_naming_the_bad_setting(string setting, string named)
    {
        using var silo = ChildProcess.Start("silo", RepositoryLayout.SiloDll, setting);

        var exit = await silo.WaitForExitAsync(ExitDeadline);

        Assert.True(exit == 2, $"exit code {exit}, expected 2:\n{silo.Transcript}");
        Assert.Contains(named, silo.Transcript, StringComparison.Ordinal);
    }
}
