using System.Globalization;

namespace Actors.Domain.Fraud;

/// <summary>What <see cref="FraudBenchmark.Run"/> measured, side by side in one run.</summary>
/// <param name="Operations">Authorizations assessed per detector.</param>
/// <param name="RulesNsPerOp">Nanoseconds per assessment with every built-in rule enabled.</param>
/// <param name="NoOpNsPerOp">Nanoseconds per assessment with the no-op detector (same loop, same inputs).</param>
/// <param name="RulesAllocatedBytesPerOp">Managed bytes allocated per assessment with the rules (0 expected).</param>
public sealed record FraudBenchmarkResult(long Operations, double RulesNsPerOp, double NoOpNsPerOp, double RulesAllocatedBytesPerOp)
{
    /// <summary>What the rules add to one authorization, in nanoseconds.</summary>
    public double RulesOverheadNs => RulesNsPerOp - NoOpNsPerOp;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"fraud rules: {RulesNsPerOp:F1} ns/op, no-op detector: {NoOpNsPerOp:F1} ns/op, overhead {RulesOverheadNs:F1} ns/op, "
        + $"allocated {RulesAllocatedBytesPerOp:F2} B/op over {Operations:N0} authorizations");
}
