using System.Globalization;

namespace Actors.Domain.Fraud;

/// <summary>Collects every failed option check, each naming its full configuration key and value.</summary>
internal sealed class OptionFailures
{
    private readonly List<string> _failures = [];

    public void Require(bool ok, string section, string option, object? value, string rule)
    {
        if (!ok)
        {
            _failures.Add(string.Create(CultureInfo.InvariantCulture, $"{section}:{option} {rule} (was '{value ?? "null"}')."));
        }
    }

    public void ThrowIfAny()
    {
        if (_failures.Count > 0)
        {
            throw new FraudConfigurationException(_failures.ToArray());
        }
    }
}
