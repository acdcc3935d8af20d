using System.Runtime.CompilerServices;

namespace Actors.Load.Tests;

internal static class TestHostThreadPool
{
    // vstest and the xunit adapter each hold a thread-pool thread blocked for the whole run (seen in a stack dump:
    // a socket poll loop and RunTestsInAssembly), which on a 2-core machine leaves the engine's continuations one
    // pool thread; any short block then stalls them until the pool injects a thread (~0.5 s). The CLI has no such
    // neighbours, so the tests get back what the test host takes.
    [ModuleInitializer]
    internal static void Initialize()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 8), io);
    }
}
