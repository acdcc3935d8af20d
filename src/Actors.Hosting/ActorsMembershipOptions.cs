using System.ComponentModel.DataAnnotations;

namespace Actors.Hosting;

/// <summary>
/// Failure detection for Redis and PostgreSQL clustering (section <c>Actors:Membership</c>; localhost
/// clustering ignores it). With <see cref="Profile"/> "Tuned" (default) the values below replace
/// Orleans' defaults; "Orleans" keeps Orleans' own defaults and ignores them.
/// </summary>
/// <remarks>
/// Why tuned by default: with Orleans' defaults (probe timeout 5 s, 3 missed probes, 2 votes, table
/// refresh 60 s) a silo killed with 'kill -9' was declared dead after ~7 s on Redis and ~14 s on
/// PostgreSQL, and a hung (SIGSTOPped) silo blocked its grains for ~64 s; with these values recovery
/// took ~3 s. The price is more probe traffic and a higher risk of declaring a silo that is merely slow
/// (a long GC pause over ~2 s) dead — it then restarts, its grains reactivate from storage elsewhere.
/// Large clusters on busy machines may prefer "Orleans".
/// </remarks>
public sealed class ActorsMembershipOptions : IValidatableObject
{
    public const string SectionName = "Actors:Membership";
    public const string TunedProfile = "Tuned";
    public const string OrleansProfile = "Orleans";

    [Required, AllowedValues(TunedProfile, OrleansProfile, ErrorMessage = "must be Tuned or Orleans")]
    public string Profile { get; set; } = TunedProfile;

    /// <summary>How often a silo probes the others, and the probe timeout it starts from (default 1 s; Orleans: 5 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The shortest time a probe may wait for its answer (default 1 s; Orleans: 2.5 s). Orleans adapts each probe's
    /// timeout to the answers it has seen (a phi-accrual detector, lengthened while the prober itself is degraded, and
    /// doubled for an indirect probe through another silo), never below this: with Orleans' floor a hung silo took 8.3 s
    /// to be declared dead even with a 1 s <see cref="ProbeTimeout"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan MinProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest time a probe may wait for its answer, however slow the answers have been (default 1.5 s; Orleans: 4 x
    /// <see cref="ProbeTimeout"/>). It also bounds Orleans' connection liveness check: a silo that sent anything over
    /// its connection within twice this time is taken for alive and not voted dead.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan MaxProbeTimeout { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Missed probes before a silo suspects another (default 2; Orleans: 3).</summary>
    [Range(1, 10)]
    public int NumMissedProbesLimit { get; set; } = 2;

    /// <summary>Suspicions needed to declare a silo dead (default 1; Orleans: 2).</summary>
    [Range(1, 10)]
    public int NumVotesForDeathDeclaration { get; set; } = 1;

    /// <summary>How often each silo re-reads the membership table (default 5 s; Orleans: 60 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan TableRefreshTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often each silo writes its I-am-alive time (default 5 s; Orleans: 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan IAmAliveTablePublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public bool IsTuned => Profile == TunedProfile;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxProbeTimeout < MinProbeTimeout)
        {
            yield return new ValidationResult($"must be at least MinProbeTimeout ({MinProbeTimeout}): a probe's timeout is kept between the two", [nameof(MaxProbeTimeout)]);
        }
    }
}
