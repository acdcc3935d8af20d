namespace Actors.LoadTests.Tests.Support;

/// <summary>A temporary folder, deleted after the test.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("actors-loadtests-test-").FullName;

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A report file still being flushed must not fail a test that already passed; /tmp is cleaned anyway.
        }
    }
}
