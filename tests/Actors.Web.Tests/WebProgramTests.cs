using System.Net;
using System.Net.Sockets;
using Actors.Web.Hosting;

namespace Actors.Web.Tests;

/// <summary>The executable's flags and start-up refusals; none of these start a silo.</summary>
public sealed class WebProgramTests
{
    [Theory]
    [InlineData("--colour", "unknown argument '--colour'")]
    [InlineData("--users", "--users needs a value")]
    [InlineData("--users ten", "--users 'ten' is not a whole number")]
    [InlineData("--rate abc", "--rate: Rate 'abc' is not a number")]
    [InlineData("--rate -1", "--rate: Rate '-1' is negative")]
    public async Task Bad_arguments_exit_2_naming_the_problem(string args, string message)
    {
        var (code, _, error) = await Run(args.Split(' '));

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_out_of_range_exit_2_naming_the_flag()
    {
        var (code, _, error) = await Run("--users", "5");

        Assert.Equal(2, code);
        Assert.Contains("--users must be between 10 and 20000 (got 5)", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--urls", "--gateway-urls")]
    [InlineData("--gateway-urls", "--urls")]
    public async Task A_listen_port_in_use_exits_2_naming_it_and_its_flag_before_anything_starts(string taken, string other)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var (code, output, error) = await Run(taken, $"http://127.0.0.1:{port}", other, "http://127.0.0.1:0");

        Assert.Equal(2, code);
        Assert.Contains($"127.0.0.1:{port}", error, StringComparison.Ordinal);
        Assert.Contains(taken, error, StringComparison.Ordinal);
        Assert.DoesNotContain("ready", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_every_flag()
    {
        var (code, output, _) = await Run("--help");

        Assert.Equal(0, code);
        foreach (var flag in new[] { "--urls", "--gateway-urls", "--users", "--seed", "--rate", "--verbose" })
        {
            Assert.Contains(flag, output, StringComparison.Ordinal);
        }
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await WebProgram.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
