using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Actors.Hosting;
using Actors.Load;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Actors.LoadTests.Cluster;

/// <summary>What <see cref="SiloFleet"/> starts: how many silo processes, on which store, from which executable.</summary>
public sealed record SiloFleetOptions
{
    public const int MaxSilos = 16;

    public int Silos { get; init; } = 1;

    /// <summary><see cref="StoreKinds.Memory"/>, <see cref="StoreKinds.Redis"/> or <see cref="StoreKinds.PostgreSql"/>.</summary>
    public string Storage { get; init; } = StoreKinds.Memory;

    /// <summary>Redis configuration or Npgsql connection string; for Redis without one, a private redis-server is started.</summary>
    public string? StoreConnection { get; init; }

    /// <summary>Actors.Silo.dll to run with <c>dotnet</c>; null: found beside this program or in the repository's build output.</summary>
    public string? SiloDll { get; init; }

    public string ClusterId { get; init; } = "actors-fleet";

    public TimeSpan StartDeadline { get; init; } = TimeSpan.FromSeconds(90);

    public void Validate()
    {
        if (Silos is < 1 or > MaxSilos)
        {
            throw new LoadConfigurationException($"--silos must be between 1 and {MaxSilos}, was {Silos}.");
        }

        if (Storage is not (StoreKinds.Memory or StoreKinds.Redis or StoreKinds.PostgreSql))
        {
            throw new LoadConfigurationException($"--storage '{Storage}': expected {StoreKinds.Memory}, {StoreKinds.Redis} or {StoreKinds.PostgreSql}.");
        }

        if (Storage == StoreKinds.PostgreSql && string.IsNullOrWhiteSpace(StoreConnection))
        {
            throw new LoadConfigurationException("--storage PostgreSQL needs --store-connection \"Host=...;Username=...;Database=...\" (the schema is applied with 'silo migrate').");
        }

        if (Storage == StoreKinds.Memory && !string.IsNullOrWhiteSpace(StoreConnection))
        {
            throw new LoadConfigurationException("--store-connection is for --storage Redis or PostgreSQL; Memory storage has none.");
        }
    }
}

/// <summary>
/// Silo processes this command starts itself, on free loopback ports, and stops again whatever happens: the
/// deployment shape of a capacity figure that includes the client→gateway hop, separate GC heaps and (with Redis or
/// PostgreSQL) a real store. Memory storage uses localhost clustering through the first silo; Redis and PostgreSQL
/// cluster through the store, as production would. Disposing stops every silo with SIGTERM (graceful), then SIGKILL
/// after a grace period, then the private redis-server if one was started; the process-exit hook does the same
/// when the command is ended by a signal.
/// </summary>
public sealed class SiloFleet : IAsyncDisposable
{
    public const string ReadyLine = "Actors silo ready";
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(20);
    private readonly List<ChildProcess> _silos = [];
    private readonly SiloFleetOptions _options;
    private ChildProcess? _redis;
    private int _disposed;

    private SiloFleet(SiloFleetOptions options, string storeConnection)
    {
        _options = options;
        StoreConnection = storeConnection;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>host:port of every silo's gateway, in start order.</summary>
    public IReadOnlyList<string> Gateways => _silos.Select(s => s.Endpoint).ToArray();

    /// <summary>Process ids of the silos (and of the private redis-server, if any): what must not outlive the fleet.</summary>
    public IReadOnlyList<int> ProcessIds => _silos.Select(s => s.Id).Concat(_redis is null ? [] : [_redis.Id]).ToArray();

    public int Silos => _silos.Count;

    public string Storage => _options.Storage;

    public string StoreConnection { get; private set; }

    public string Clustering => _options.Storage == StoreKinds.Memory ? StoreKinds.Localhost : _options.Storage;

    /// <summary>One line for reports: the shape the figures were measured on.</summary>
    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"{Silos} silo process{(Silos == 1 ? "" : "es")} ({Storage} storage{(_redis is null ? "" : ", private redis-server")}, {Clustering} clustering) on this machine's {Environment.ProcessorCount} cores, generator in its own process; gateways {string.Join(", ", Gateways)}");

    /// <summary>Starts the store (if private) and the silos one after the other; when one fails, stops those already started and says why.</summary>
    public static async Task<SiloFleet> StartAsync(SiloFleetOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        options.Validate();
        var dll = FindSiloDll(options.SiloDll);
        var connection = options.StoreConnection ?? "";
        var fleet = new SiloFleet(options, connection);
        try
        {
            if (options.Storage == StoreKinds.Redis && string.IsNullOrWhiteSpace(options.StoreConnection))
            {
                connection = await fleet.StartPrivateRedisAsync(cancellationToken);
                fleet.StoreConnection = connection;
            }

            if (options.Storage == StoreKinds.PostgreSql)
            {
                await MigrateAsync(dll, connection, cancellationToken);
            }

            string? primary = null;
            for (var i = 0; i < options.Silos; i++)
            {
                var ports = FreePorts.Get(2);
                var args = new List<string>
                {
                    dll,
                    "--silo-port", ports[0].ToString(CultureInfo.InvariantCulture),
                    "--gateway-port", ports[1].ToString(CultureInfo.InvariantCulture),
                    "--cluster-id", options.ClusterId,
                    "--service-id", options.ClusterId,
                    "--Actors:Silo:HttpPort=0",
                    "--storage", options.Storage,
                    "--clustering", fleet.Clustering,
                };
                if (options.Storage == StoreKinds.Redis)
                {
                    args.AddRange(["--redis", connection]);
                }
                else if (options.Storage == StoreKinds.PostgreSql)
                {
                    args.AddRange(["--postgres", connection]);
                }
                else if (primary is not null)
                {
                    args.AddRange(["--primary", primary]);
                }

                var silo = ChildProcess.Start($"silo {i + 1}", "dotnet", args, Path.GetDirectoryName(dll)!, $"127.0.0.1:{ports[1].ToString(CultureInfo.InvariantCulture)}");
                fleet._silos.Add(silo);
                await silo.WaitForLineAsync(ReadyLine, options.StartDeadline, cancellationToken);
                primary ??= $"127.0.0.1:{ports[0].ToString(CultureInfo.InvariantCulture)}";
                log.WriteLine($"Started {silo.Name} (pid {silo.Id.ToString(CultureInfo.InvariantCulture)}), gateway {silo.Endpoint}");
            }

            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client of the fleet through all of its gateways.</summary>
    public Task<ActorsCluster> ConnectAsync(ClusterConnectOptions connect, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connect);
        return ActorsCluster.ConnectClientAsync(ClusterAddress.OfGateways(Gateways, _options.ClusterId, _options.ClusterId), connect, cancellationToken);
    }

    /// <summary>CPU seconds the silo processes (and a private store) have used so far, from /proc: what the fleet cost.</summary>
    public double SiloCpuSeconds() => _silos.Sum(s => s.CpuSeconds());

    public double StoreCpuSeconds() => _redis?.CpuSeconds() ?? 0;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        await Task.WhenAll(_silos.Select(s => s.StopAsync(StopGrace)));
        if (_redis is not null)
        {
            await _redis.StopAsync(TimeSpan.FromSeconds(5));
        }

        foreach (var process in _silos.Append(_redis))
        {
            process?.Dispose();
        }
    }

    /// <summary>Looks for the silo executable: the given path, beside this program, then the repository's build output of this configuration.</summary>
    public static string FindSiloDll(string? given)
    {
        if (!string.IsNullOrWhiteSpace(given))
        {
            return File.Exists(given) ? Path.GetFullPath(given) : throw new LoadConfigurationException($"--silo-dll '{given}': no such file.");
        }

        var here = AppContext.BaseDirectory;
        var beside = Path.Combine(here, "Actors.Silo.dll");
        if (File.Exists(beside) && File.Exists(Path.Combine(here, "Actors.Silo.runtimeconfig.json")))
        {
            return beside;
        }

        // <project>/bin/<Configuration>/net10.0/ → <repository>/silo/bin/<Configuration>/net10.0/
        var framework = new DirectoryInfo(here.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent;
        for (var dir = configuration?.Parent; dir is not null && configuration is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Actors.sln")))
            {
                var built = Path.Combine(dir.FullName, "silo", "bin", configuration.Name, framework.Name, "Actors.Silo.dll");
                if (File.Exists(built))
                {
                    return built;
                }

                break;
            }
        }

        throw new LoadConfigurationException($"Could not find Actors.Silo.dll beside {here} or in the repository's silo/bin: build silo/ ('dotnet build silo -c Release') or give --silo-dll.");
    }

    private async Task<string> StartPrivateRedisAsync(CancellationToken cancellationToken)
    {
        var port = FreePorts.Get(1)[0].ToString(CultureInfo.InvariantCulture);
        var folder = Directory.CreateTempSubdirectory("actors-fleet-redis-").FullName;
        try
        {
            _redis = ChildProcess.Start("redis-server", "redis-server",
                ["--bind", "127.0.0.1", "--port", port, "--dir", folder, "--save", "", "--appendonly", "no"], folder, $"127.0.0.1:{port}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new LoadConfigurationException($"--storage Redis without --store-connection starts a private redis-server, but it could not be started ({e.Message}): install redis-server or give --store-connection host:port.");
        }

        await _redis.WaitForLineAsync("Ready to accept connections", TimeSpan.FromSeconds(20), cancellationToken);
        return $"127.0.0.1:{port}";
    }

    private static async Task MigrateAsync(string dll, string connection, CancellationToken cancellationToken)
    {
        using var migrate = ChildProcess.Start("silo migrate", "dotnet", [dll, "migrate", "--postgres", connection], Path.GetDirectoryName(dll)!, "");
        var code = await migrate.WaitForExitAsync(TimeSpan.FromMinutes(2), cancellationToken);
        if (code != 0)
        {
            throw new LoadConfigurationException($"'silo migrate' for --store-connection failed with exit code {code.ToString(CultureInfo.InvariantCulture)}:\n{migrate.Transcript}");
        }
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        // The command ends by a signal or returns without disposing: no silo may stay behind.
        foreach (var process in _silos.Append(_redis))
        {
            process?.Kill();
        }
    }

    /// <summary>A child process whose output is kept (for error messages) and watched for a line.</summary>
    private sealed class ChildProcess : IDisposable
    {
        private const int MaxTranscriptLines = 200;
        private readonly Process _process;
        private readonly Queue<string> _transcript = new();
        private readonly object _gate = new();
        private readonly List<(string Line, TaskCompletionSource Seen)> _watches = [];

        private ChildProcess(string name, Process process, string endpoint)
        {
            Name = name;
            _process = process;
            Endpoint = endpoint;
        }

        public string Name { get; }

        public string Endpoint { get; }

        public int Id => _process.Id;

        public string Transcript
        {
            get
            {
                lock (_gate)
                {
                    return string.Join('\n', _transcript);
                }
            }
        }

        public static ChildProcess Start(string name, string file, IEnumerable<string> args, string workingDirectory, string endpoint)
        {
            var info = new ProcessStartInfo(file)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                WorkingDirectory = workingDirectory,
            };
            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            var child = new ChildProcess(name, new Process { StartInfo = info, EnableRaisingEvents = true }, endpoint);
            child._process.OutputDataReceived += (_, e) => child.Append(e.Data);
            child._process.ErrorDataReceived += (_, e) => child.Append(e.Data);
            child._process.Start();
            child._process.BeginOutputReadLine();
            child._process.BeginErrorReadLine();
            return child;
        }

        public async Task WaitForLineAsync(string line, TimeSpan deadline, CancellationToken cancellationToken)
        {
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                if (_transcript.Any(l => l.Contains(line, StringComparison.Ordinal)))
                {
                    return;
                }

                _watches.Add((line, seen));
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(deadline);
            var exited = _process.WaitForExitAsync(timeout.Token);
            await Task.WhenAny(seen.Task, exited).ConfigureAwait(false);
            if (seen.Task.IsCompleted)
            {
                return;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var why = _process.HasExited
                ? $"it exited with code {_process.ExitCode.ToString(CultureInfo.InvariantCulture)} first"
                : $"it did not within {deadline.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s";
            throw new LoadConfigurationException($"Waited for {Name} to print '{line}', but {why}. Its last output:\n{Tail(20)}");
        }

        public async Task<int> WaitForExitAsync(TimeSpan deadline, CancellationToken cancellationToken)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(deadline);
            try
            {
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Kill();
                throw new LoadConfigurationException($"{Name} did not finish within {deadline.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s:\n{Tail(20)}");
            }

            return _process.ExitCode;
        }

        /// <summary>SIGTERM (a graceful Orleans shutdown), then SIGKILL when it has not exited within <paramref name="grace"/>.</summary>
        public async Task StopAsync(TimeSpan grace)
        {
            if (HasExited())
            {
                return;
            }

            if (OperatingSystem.IsLinux())
            {
                _ = NativeMethods.kill(_process.Id, NativeMethods.SIGTERM);
                using var timeout = new CancellationTokenSource(grace);
                try
                {
                    await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                    return;
                }
                catch (OperationCanceledException)
                {
                    // Not gone within the grace period: killed below.
                }
            }

            Kill();
        }

        public void Kill()
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
        }

        /// <summary>User + system CPU time so far (0 once the process has gone).</summary>
        public double CpuSeconds()
        {
            try
            {
                _process.Refresh();
                return _process.HasExited ? 0 : _process.TotalProcessorTime.TotalSeconds;
            }
            catch (InvalidOperationException)
            {
                return 0;
            }
        }

        public void Dispose()
        {
            Kill();
            _process.Dispose();
        }

        private bool HasExited()
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }

        private string Tail(int lines)
        {
            lock (_gate)
            {
                var all = _transcript.ToArray();
                var text = new StringBuilder();
                foreach (var line in all.Skip(Math.Max(0, all.Length - lines)))
                {
                    text.Append("  ").AppendLine(line);
                }

                return text.ToString();
            }
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            List<TaskCompletionSource>? seen = null;
            lock (_gate)
            {
                _transcript.Enqueue(line);
                if (_transcript.Count > MaxTranscriptLines)
                {
                    _transcript.Dequeue();
                }

                for (var i = _watches.Count - 1; i >= 0; i--)
                {
                    if (line.Contains(_watches[i].Line, StringComparison.Ordinal))
                    {
                        (seen ??= []).Add(_watches[i].Seen);
                        _watches.RemoveAt(i);
                    }
                }
            }

            seen?.ForEach(s => s.TrySetResult());
        }
    }

    private static class NativeMethods
    {
        public const int SIGTERM = 15;

        [DllImport("libc.so.6", EntryPoint = "kill")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int kill(int pid, int sig);
    }
}
