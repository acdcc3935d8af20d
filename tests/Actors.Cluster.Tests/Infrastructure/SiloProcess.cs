using System.Diagnostics;
using System.Globalization;
using System.Text;
using Actors.Hosting;

namespace Actors.Cluster.Tests.Infrastructure;

/// <summary>
/// One silo executable in its own session ('setsid dotnet Actors.Silo.dll ...', so a SIGSTOP it gets
/// is not undone by a shell's SIGCONT), on free loopback ports. Its output is kept for assertion
/// messages. A process still running at Dispose is killed, so a failing test leaves none behind.
/// </summary>
public sealed class SiloProcess : IDisposable
{
    public const string ReadyLine = "Actors silo ready";
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly StringBuilder _transcript = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();

    private SiloProcess(string name, Process process, int siloPort, int gatewayPort)
    {
        Name = name;
        _process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    public string Name { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public string Gateway => $"127.0.0.1:{GatewayPort.ToString(CultureInfo.InvariantCulture)}";

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Transcript
    {
        get
        {
            lock (_gate)
            {
                return _transcript.ToString();
            }
        }
    }

    /// <summary>Starts a silo with the given store settings (e.g. "--clustering", "Redis", ...) on fresh free ports.</summary>
    public static SiloProcess Start(string name, string clusterId, IEnumerable<string> storeArgs, int? siloPort = null, int? gatewayPort = null)
    {
        var ports = FreePorts.Get(2);
        var silo = siloPort ?? ports[0];
        var gateway = gatewayPort ?? ports[1];
        var info = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(RepositoryLayout.SiloDll)!,
        };
        string[] args =
        [
            "dotnet", RepositoryLayout.SiloDll,
            "--silo-port", silo.ToString(CultureInfo.InvariantCulture),
            "--gateway-port", gateway.ToString(CultureInfo.InvariantCulture),
            "--cluster-id", clusterId,
            "--service-id", clusterId,
            "--Actors:Silo:HttpPort=0",
            .. storeArgs,
        ];
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var child = new SiloProcess(name, new Process { StartInfo = info, EnableRaisingEvents = true }, silo, gateway);
        child._process.OutputDataReceived += (_, e) => child.Append("out", e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Append("err", e.Data);
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Completes when the silo printed its ready line; fails with its output when it exits first or the deadline passes.</summary>
    public async Task WaitReadyAsync()
    {
        using var timeout = new CancellationTokenSource(StartDeadline);
        var exited = _process.WaitForExitAsync(timeout.Token);
        await Task.WhenAny(_ready.Task, exited);
        if (!_ready.Task.IsCompleted)
        {
            var why = _process.HasExited ? $"it exited with code {_process.ExitCode} first" : $"it did not within {StartDeadline.TotalSeconds:0} s";
            throw new TimeoutException($"Waited for {Name} to print '{ReadyLine}', but {why}. Its output:\n{Transcript}");
        }
    }

    /// <summary>Sends a signal (TERM, KILL, STOP, CONT) with kill(1).</summary>
    public Task SignalAsync(string signal) =>
        Shell.RunCheckedAsync("kill", $"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture));

    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} did not exit within {deadline.TotalSeconds:0} s. Its output:\n{Transcript}");
        }

        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                // SIGKILL also ends a stopped process.
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Append(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _transcript.Append('[').Append(stream).Append("] ").AppendLine(line);
        }

        if (line.Contains(ReadyLine, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}
