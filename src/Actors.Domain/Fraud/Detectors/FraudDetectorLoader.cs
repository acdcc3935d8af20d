using System.Reflection;

namespace Actors.Domain.Fraud;

/// <summary>
/// Turns the <c>Actors:Fraud:Detector</c> setting into a detector, once at start-up (reflection happens
/// here and never on the payment path): empty or "rules" gives <see cref="RuleBasedDetector"/>, "none"
/// gives <see cref="NoOpFraudDetector"/>, anything else must be the assembly-qualified name of a
/// non-abstract class implementing <see cref="IFraudDetector"/> with a public constructor taking
/// <see cref="FraudOptions"/> (preferred) or no arguments. Every failure names the setting.
/// </summary>
public static class FraudDetectorLoader
{
    public const string SettingName = FraudOptions.SectionName + ":Detector";

    public static IFraudDetector Load(FraudOptions options)
    {
        FraudOptionsValidator.Validate(options);
        var name = options.Detector?.Trim();
        if (string.IsNullOrEmpty(name) || string.Equals(name, FraudOptions.RulesDetector, StringComparison.OrdinalIgnoreCase))
        {
            return new RuleBasedDetector(options);
        }

        if (string.Equals(name, FraudOptions.NoDetector, StringComparison.OrdinalIgnoreCase))
        {
            return NoOpFraudDetector.Instance;
        }

        return Create(Resolve(name), options);
    }

    private static Type Resolve(string name)
    {
        Type? type;
        try
        {
            type = Type.GetType(name, throwOnError: false);
        }
        catch (Exception e) when (e is FileLoadException or BadImageFormatException or ArgumentException)
        {
            throw Fail($"'{name}' could not be loaded: {e.Message}", e);
        }

        if (type is null)
        {
            throw Fail($"type '{name}' was not found. Give \"rules\", \"none\" or an assembly-qualified name such as "
                + "'MyLab.MyDetector, MyLab.Detectors', with that assembly next to the host.");
        }

        if (!typeof(IFraudDetector).IsAssignableFrom(type))
        {
            throw Fail($"type '{type.FullName}' does not implement {typeof(IFraudDetector).FullName}.");
        }

        if (type.IsAbstract || type.IsInterface || type.ContainsGenericParameters)
        {
            throw Fail($"type '{type.FullName}' is abstract, an interface or an open generic; name a concrete class.");
        }

        return type;
    }

    private static IFraudDetector Create(Type type, FraudOptions options)
    {
        var withOptions = type.GetConstructor([typeof(FraudOptions)]);
        var parameterless = type.GetConstructor(Type.EmptyTypes);
        if (withOptions is null && parameterless is null)
        {
            throw Fail($"type '{type.FullName}' has no public constructor taking {nameof(FraudOptions)} or no arguments.");
        }

        try
        {
            return (IFraudDetector)(withOptions is not null ? withOptions.Invoke([options]) : parameterless!.Invoke([]));
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw Fail($"the constructor of '{type.FullName}' failed: {e.InnerException.Message}", e.InnerException);
        }
    }

    private static FraudConfigurationException Fail(string problem, Exception? inner = null) =>
        inner is null
            ? new FraudConfigurationException($"{SettingName}: {problem}")
            : new FraudConfigurationException($"{SettingName}: {problem}", inner);
}
