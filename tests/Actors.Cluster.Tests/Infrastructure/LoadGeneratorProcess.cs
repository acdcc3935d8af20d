using System.Diagnostics;
using System.Text;

namespace Actors.Cluster.Tests.Infrastructure;

/// <summary>
/// 'dotnet Actors.LoadTests.dll ...' as a process of its own, as an operator runs it against a cluster: its output
/// lines are kept (to wait on and for assertion messages); a process still running at Dispose is killed.
/// </summary>
public sealed class LoadGeneratorProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _transcript = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waiters = [];
    private readonly object _gate = new();

    private LoadGeneratorProcess(Process process) => _process = process;

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

    public static LoadGeneratorProcess Start(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(RepositoryLayout.LoadTestsDll)!,
        };
        info.ArgumentList.Add(RepositoryLayout.LoadTestsDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var child = new LoadGeneratorProcess(new Process { StartInfo = info, EnableRaisingEvents = true });
        child._process.OutputDataReceived += (_, e) => child.Append("out", e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Append("err", e.Data);
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The first output line (so far or to come) that <paramref name="match"/> accepts; fails naming <paramref name="what"/> at the deadline or exit.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, string what, TimeSpan deadline)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var earlier = _transcript.ToString().Split('\n').Select(l => l.TrimEnd('\r')).Select(Strip).FirstOrDefault(match);
            if (earlier is not null)
            {
                return earlier;
            }

            _waiters.Add((match, seen));
        }

        using var timeout = new CancellationTokenSource(deadline);
        var exited = _process.WaitForExitAsync(timeout.Token);
        await Task.WhenAny(seen.Task, exited);
        if (seen.Task.IsCompleted)
        {
            return await seen.Task;
        }

        var why = _process.HasExited ? $"it exited with code {_process.ExitCode} first" : $"it did not within {deadline.TotalSeconds:0} s";
        throw new TimeoutException($"Waited for the load generator to print {what}, but {why}. Its output:\n{Transcript}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The load generator did not exit within {deadline.TotalSeconds:0} s. Its output:\n{Transcript}");
        }

        return _process.ExitCode;
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
            // Already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }

    // Transcript lines carry the stream's tag; matchers see the program's own text.
    private static string Strip(string line) => line.StartsWith("[out] ", StringComparison.Ordinal) || line.StartsWith("[err] ", StringComparison.Ordinal) ? line[6..] : line;

    private void Append(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        List<TaskCompletionSource<string>> matched = [];
        lock (_gate)
        {
            _transcript.Append('[').Append(stream).Append("] ").AppendLine(line);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(line))
                {
                    matched.Add(_waiters[i].Seen);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var seen in matched)
        {
            seen.TrySetResult(line);
        }
    }
}
