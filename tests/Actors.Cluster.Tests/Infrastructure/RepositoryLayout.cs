using System.Reflection;

namespace Actors.Cluster.Tests.Infrastructure;

/// <summary>Where the built silo and load generator executables are: under the repository root, in this test assembly's configuration.</summary>
public static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    public static string Configuration { get; } =
        typeof(RepositoryLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    public static string SiloDll => Built("silo", "Actors.Silo.dll");

    public static string LoadTestsDll => Built("loadtests", "Actors.LoadTests.dll");

    private static string Built(string project, string dll)
    {
        var path = Path.Combine(Root, project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing: build {project}/ in {Configuration} (the test project references it, so 'dotnet test' builds it).", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Actors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Actors.sln above {AppContext.BaseDirectory}: the tests must run from inside the repository.");
    }
}
