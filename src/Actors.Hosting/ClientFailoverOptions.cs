using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Actors.Hosting;

/// <summary>
/// How fast a client of a multi-silo cluster notices a dead or hung silo (section <c>Actors:Client</c>; flags
/// <c>--gateway-refresh</c> and <c>--response-timeout</c>). Orleans' defaults (gateway list refresh 1 min, response
/// timeout 30 s) kept calls to a hung silo failing for about a minute; these tuned defaults bound one stuck call to
/// 10 s and pick up gateway changes within 5 s. A caller that retries with the same transaction ids loses nothing by a
/// timeout: every posting and transfer is idempotent.
/// </summary>
public sealed class ClientFailoverOptions
{
    public const string SectionName = "Actors:Client";
    private static readonly TimeSpan MinRefresh = TimeSpan.FromSeconds(1), MaxRefresh = TimeSpan.FromHours(1);
    private static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(500), MaxTimeout = TimeSpan.FromMinutes(10);

    /// <summary>How often the client re-reads the gateway list (default 5 s; Orleans: 1 min).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a call waits for its answer before failing with a timeout (default 10 s; Orleans: 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The options the flags give (null or blank keeps the default): durations such as 5s, 500ms or 2m.
    /// </summary>
    /// <exception cref="OptionsValidationException">A value is not a duration or outside its range; the failure names the flag.</exception>
    public static ClientFailoverOptions FromFlags(string? gatewayRefresh, string? responseTimeout)
    {
        var options = new ClientFailoverOptions();
        var failures = new List<string>();
        options.GatewayListRefreshPeriod = Read(gatewayRefresh, "--gateway-refresh", options.GatewayListRefreshPeriod, MinRefresh, MaxRefresh, failures);
        options.ResponseTimeout = Read(responseTimeout, "--response-timeout", options.ResponseTimeout, MinTimeout, MaxTimeout, failures);
        return failures.Count == 0 ? options : throw new OptionsValidationException(nameof(ClientFailoverOptions), typeof(ClientFailoverOptions), failures);
    }

    private static TimeSpan Read(string? text, string flag, TimeSpan fallback, TimeSpan min, TimeSpan max, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!DurationText.TryParse(text, out var value) || value < min || value > max)
        {
            failures.Add($"{flag} '{text}': expected a duration from {Describe(min)} to {Describe(max)}, e.g. {Describe(fallback)}.");
            return fallback;
        }

        return value;
    }

    private static string Describe(TimeSpan t) =>
        t < TimeSpan.FromSeconds(1) ? $"{t.TotalMilliseconds:0}ms" : t < TimeSpan.FromMinutes(1) ? $"{t.TotalSeconds:0.#}s" : t < TimeSpan.FromHours(1) ? $"{t.TotalMinutes:0.#}m" : $"{t.TotalHours:0.#}h";
}
