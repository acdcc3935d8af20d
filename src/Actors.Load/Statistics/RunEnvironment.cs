using System.Reflection;
using System.Runtime.InteropServices;

namespace Actors.Load.Statistics;

/// <summary>
/// Where a run was measured, as NBomber's report header: figures from different machines, runtimes or builds are not
/// comparable, so every report says which ones produced it.
/// </summary>
public sealed record RunEnvironment
{
    public required string Machine { get; init; }

    public required int Cores { get; init; }

    public required string Os { get; init; }

    public required string Runtime { get; init; }

    /// <summary>The entry assembly's name and informational version (includes the commit when the build embeds it).</summary>
    public required string Build { get; init; }

    public required string Configuration { get; init; }

    public required bool ServerGc { get; init; }

    public required string CommandLine { get; init; }

    /// <summary>The git commit of the working folder, when it is inside a git checkout; otherwise null.</summary>
    public string? GitCommit { get; init; }

    /// <summary>Describes the current process.</summary>
    public static RunEnvironment Current()
    {
        var entry = Assembly.GetEntryAssembly();
        var version = entry?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? entry?.GetName().Version?.ToString() ?? "unknown";
        var configuration = entry?.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "unknown";
        return new RunEnvironment
        {
            Machine = System.Environment.MachineName,
            Cores = System.Environment.ProcessorCount,
            Os = RuntimeInformation.OSDescription,
            Runtime = $"{RuntimeInformation.FrameworkDescription} {RuntimeInformation.ProcessArchitecture}",
            Build = $"{entry?.GetName().Name ?? "unknown"} {version}",
            Configuration = configuration,
            ServerGc = System.Runtime.GCSettings.IsServerGC,
            CommandLine = string.Join(' ', System.Environment.GetCommandLineArgs().Select(Quote)),
            GitCommit = ReadGitCommit(System.Environment.CurrentDirectory),
        };
    }

    private static string Quote(string arg) => arg.Length == 0 || arg.Any(char.IsWhiteSpace) ? $"\"{arg}\"" : arg;

    /// <summary>Reads HEAD of the enclosing git checkout without running git (a ref file or packed-refs).</summary>
    internal static string? ReadGitCommit(string folder)
    {
        try
        {
            for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
            {
                var git = Path.Combine(dir.FullName, ".git");
                if (File.Exists(git))
                {
                    // A worktree or submodule: ".git" is a file "gitdir: <path>".
                    var pointer = File.ReadAllText(git).Trim();
                    git = pointer.StartsWith("gitdir:", StringComparison.Ordinal)
                        ? Path.GetFullPath(pointer["gitdir:".Length..].Trim(), dir.FullName)
                        : git;
                }

                if (!Directory.Exists(git))
                {
                    continue;
                }

                var head = File.ReadAllText(Path.Combine(git, "HEAD")).Trim();
                if (!head.StartsWith("ref:", StringComparison.Ordinal))
                {
                    return head;
                }

                var reference = head["ref:".Length..].Trim();
                var loose = Path.Combine(git, reference);
                if (File.Exists(loose))
                {
                    return File.ReadAllText(loose).Trim();
                }

                var packed = Path.Combine(git, "packed-refs");
                return File.Exists(packed)
                    ? File.ReadLines(packed).Select(l => l.Split(' ')).FirstOrDefault(p => p.Length == 2 && p[1] == reference)?[0]
                    : null;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The commit is informative only; an unreadable checkout leaves it out.
        }

        return null;
    }
}
