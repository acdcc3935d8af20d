using Actors.Domain;
using Actors.Domain.Fraud;
using Actors.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Actors.Observability.Tests.Infrastructure;

/// <summary>
/// Checks settings against the hosts' real configuration: each section is bound into its options
/// class by <see cref="OptionsLoader"/> (unknown keys are errors there) and validated, and the store
/// choice is resolved as the silo would. Returns the failures; empty means the silo would accept them.
/// </summary>
public static class HostConfigurationKeys
{
    private static readonly Dictionary<string, Action<IConfiguration>> Sections = new(StringComparer.Ordinal)
    {
        [ActorsSiloOptions.SectionName] = c => OptionsLoader.Load<ActorsSiloOptions>(c, ActorsSiloOptions.SectionName),
        [RedisStoreOptions.SectionName] = c => OptionsLoader.Load<RedisStoreOptions>(c, RedisStoreOptions.SectionName),
        [PostgreSqlStoreOptions.SectionName] = c => OptionsLoader.Load<PostgreSqlStoreOptions>(c, PostgreSqlStoreOptions.SectionName),
        [ActorsMembershipOptions.SectionName] = c => OptionsLoader.Load<ActorsMembershipOptions>(c, ActorsMembershipOptions.SectionName),
        [ObservabilityOptions.SectionName] = c => OptionsLoader.Load<ObservabilityOptions>(c, ObservabilityOptions.SectionName),
        [AccountOptions.SectionName] = c => OptionsLoader.Load<AccountOptions>(c, AccountOptions.SectionName),
        [UserOptions.SectionName] = c => OptionsLoader.Load<UserOptions>(c, UserOptions.SectionName),
        [FraudOptions.SectionName] = c => OptionsLoader.Load<FraudOptions>(c, FraudOptions.SectionName),
        [Actors.Hosting.Security.ActorsTlsOptions.SectionName] = c => Actors.Hosting.Security.ActorsTls.Load(c),
    };

    public static IReadOnlyList<string> Check(IReadOnlyDictionary<string, string?> settings)
    {
        var failures = new List<string>();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        foreach (var key in settings.Keys)
        {
            var section = string.Join(':', key.Split(':').Take(2));
            if (!Sections.ContainsKey(section))
            {
                failures.Add($"{key}: no options class reads section {section} (known: {string.Join(", ", Sections.Keys)})");
            }
        }

        foreach (var (section, load) in Sections)
        {
            Try(failures, () => load(configuration));
        }

        Try(failures, () => ActorsStoreSelection.Load(configuration, OptionsLoader.Load<ActorsSiloOptions>(configuration, ActorsSiloOptions.SectionName)));
        return failures;
    }

    private static void Try(List<string> failures, Action action)
    {
        try
        {
            action();
        }
        catch (OptionsValidationException e)
        {
            failures.AddRange(e.Failures);
        }
    }
}
