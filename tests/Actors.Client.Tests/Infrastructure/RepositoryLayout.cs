using System.Reflection;

namespace Actors.Client.Tests.Infrastructure;

/// <summary>Where the built silo and client executables are: under the repository root (the directory holding Actors.sln).</summary>
public static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration this test assembly was built in (Debug or Release), so it runs executables of the same build.</summary>
    public static string Configuration { get; } =
        typeof(RepositoryLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    public static string SiloDll => Executable("silo", "Actors.Silo.dll");

    public static string ClientDll => Executable("client", "Actors.Client.dll");

    private static string Executable(string project, string dll)
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
