namespace Actors.Observability.Tests.Infrastructure;

/// <summary>
/// The test classes that talk to a real silo process share one (<see cref="SiloProcessFixture"/>):
/// starting a silo takes seconds on a small machine, and the classes run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SiloCollection : ICollectionFixture<SiloProcessFixture>
{
    public const string Name = "silo process";
}
