using System.Diagnostics;
using System.Text;

namespace Actors.Client.Tests.Infrastructure;

/// <summary>
/// A .NET program started with 'dotnet app.dll', its stdout and stderr read asynchronously into one
/// transcript (for assertion messages), with deadline-bound waits for a line or for its exit. A
/// process still running at Dispose is killed, so a failing test never leaves one behind.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _name;
    private readonly StringBuilder _transcript = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _awaited = [];
    private readonly object _gate = new();

    private ChildProcess(string name, Process process)
    {
        _name = name;
        _process = process;
    }

    public int Id => _process.Id;

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

    public static ChildProcess Start(string name, string dll, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var child = new ChildProcess(name, new Process { StartInfo = info, EnableRaisingEvents = true });
        child._process.OutputDataReceived += (_, e) => child.Append("out", e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Append("err", e.Data);
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Completes when a line containing <paramref name="text"/> has been printed; fails after <paramref name="deadline"/> or if the process exits first.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan deadline)
    {
        TaskCompletionSource seen;
        lock (_gate)
        {
            if (_transcript.ToString().Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _awaited.Add((text, seen));
        }

        using var timeout = new CancellationTokenSource(deadline);
        var exited = _process.WaitForExitAsync(timeout.Token);
        await Task.WhenAny(seen.Task, exited);
        if (seen.Task.IsCompleted)
        {
            return;
        }

        var why = _process.HasExited ? $"it exited with code {_process.ExitCode} first" : $"it did not within {deadline.TotalSeconds:0} s";
        throw new TimeoutException($"Waited for {_name} to print '{text}', but {why}. Its output:\n{Transcript}");
    }

    /// <summary>Waits for the process to end (and its output to be read) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{_name} did not exit within {deadline.TotalSeconds:0} s. Its output:\n{Transcript}");
        }

        return _process.ExitCode;
    }

    /// <summary>
    /// Asks the process to stop with SIGTERM, as a service manager would. Process.Kill(false) would
    /// send SIGKILL on Linux, which skips the graceful shutdown under test.
    /// </summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not start 'kill'.");
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"'kill -TERM {_process.Id}' failed with exit code {kill.ExitCode}.");
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone: nothing to clean up.
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
            foreach (var (text, seen) in _awaited.Where(a => line.Contains(a.Text, StringComparison.Ordinal)).ToArray())
            {
                seen.TrySetResult();
                _awaited.Remove((text, seen));
            }
        }
    }
}
