namespace Actors.Tests.Cluster;

/// <summary>Fresh ids per test, so tests sharing one cluster never see each other's grains.</summary>
internal static class TestIds
{
    public static string User() => $"u-{Guid.NewGuid():N}";

    public static string Account(string bank) => $"{bank}:{Guid.NewGuid():N}";

    /// <summary>34 characters: well under the 56 a transfer id may have.</summary>
    public static string Transfer() => $"t-{Guid.NewGuid():N}";
}
