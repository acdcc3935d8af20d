using System.ComponentModel.DataAnnotations;
using Actors.Domain;
using Actors.Gateway.Security;
using Actors.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Gateway.Options;

/// <summary>
/// Loads <see cref="GatewayOptions"/> and refuses bad values at start-up; every message names the
/// option's configuration key. Keys themselves are never echoed.
/// </summary>
public static class GatewayOptionsValidator
{
    /// <summary>How the cluster settings are named in this program's messages: the flag and its configuration key.</summary>
    private static readonly ClusterAddressFlags AddressSettings = new(
        $"--orleans-gateway ({GatewayOptions.SectionName}:OrleansGateway)", $"--clustering ({GatewayOptions.SectionName}:Clustering)",
        "--redis (Actors:Redis:ConnectionString)", "--postgres (Actors:PostgreSQL:ConnectionString)");

    public static GatewayOptions Load(IConfiguration configuration)
    {
        var options = OptionsLoader.Load<GatewayOptions>(configuration, GatewayOptions.SectionName);
        var failures = new List<string>();
        Validate(options.RateLimit, $"{GatewayOptions.SectionName}:{nameof(GatewayOptions.RateLimit)}", failures);
        Validate(options.UserRateLimit, $"{GatewayOptions.SectionName}:{nameof(GatewayOptions.UserRateLimit)}", failures);
        Validate(options.BankRateLimit, $"{GatewayOptions.SectionName}:{nameof(GatewayOptions.BankRateLimit)}", failures);
        Validate(options.UnauthenticatedRateLimit, $"{GatewayOptions.SectionName}:{nameof(GatewayOptions.UnauthenticatedRateLimit)}", failures);
        try
        {
            options.Cluster = ClusterAddress.FromFlags(options.OrleansGateway, options.Clustering, configuration["Actors:Redis:ConnectionString"],
                configuration["Actors:PostgreSQL:ConnectionString"], options.ClusterId, options.ServiceId, AddressSettings);
            options.Failover = ClientFailoverOptions.FromFlags(configuration[$"{ClientFailoverOptions.SectionName}:GatewayListRefreshPeriod"],
                configuration[$"{ClientFailoverOptions.SectionName}:ResponseTimeout"]);
        }
        catch (OptionsValidationException e)
        {
            failures.AddRange(e.Failures);
        }

        var hashes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Credentials.Count; i++)
        {
            ValidateCredential(options.Credentials[i], $"{GatewayOptions.SectionName}:Credentials:{i}", hashes, failures);
        }

        ValidatePartnerTokens(options.PartnerTokens, $"{GatewayOptions.SectionName}:{nameof(GatewayOptions.PartnerTokens)}", failures);
        return failures.Count == 0 ? options : throw new OptionsValidationException(GatewayOptions.SectionName, typeof(GatewayOptions), failures);
    }

    private static void ValidateCredential(CredentialOptions credential, string key, HashSet<string> hashes, List<string> failures)
    {
        if (!Enum.TryParse<GatewayRole>(credential.Role, ignoreCase: true, out var role) || !Enum.IsDefined(role))
        {
            failures.Add($"{key}:Role = '{credential.Role}': expected Partner, User or Bank.");
            return;
        }

        var subjectOk = role switch
        {
            GatewayRole.Partner => PartnerRules.IsPartnerId(credential.Subject),
            GatewayRole.User => Ids.IsUserId(credential.Subject),
            _ => Ids.IsBankId(credential.Subject),
        };
        if (!subjectOk)
        {
            failures.Add($"{key}:Subject = '{credential.Subject}': not a valid {role.ToString().ToLowerInvariant()} id.");
        }

        if ((credential.Key is null) == (credential.KeyHash is null))
        {
            failures.Add($"{key}: give exactly one of Key and KeyHash.");
            return;
        }

        if (credential.Key is { Length: < ApiKeyHash.MinKeyLength })
        {
            failures.Add($"{key}:Key: too short, at least {ApiKeyHash.MinKeyLength} characters.");
            return;
        }

        if (credential.KeyHash is not null && !ApiKeyHash.IsHash(credential.KeyHash))
        {
            failures.Add($"{key}:KeyHash: expected 64 hex digits (SHA-256 of the key).");
            return;
        }

        var hash = credential.KeyHash?.ToLowerInvariant() ?? ApiKeyHash.Of(credential.Key!);
        if (!hashes.Add(hash))
        {
            failures.Add($"{key}: the same key is configured twice; every credential needs its own key.");
        }
    }

    private static void ValidatePartnerTokens(PartnerTokenOptions tokens, string key, List<string> failures)
    {
        Validate(tokens, key, failures);
        if (!tokens.Enabled)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(tokens.Issuer))
        {
            failures.Add($"{key}:Issuer is required when signing keys are configured.");
        }

        if (string.IsNullOrWhiteSpace(tokens.Audience))
        {
            failures.Add($"{key}:Audience is required when signing keys are configured.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.SigningKeys.Count; i++)
        {
            var signingKey = tokens.SigningKeys[i];
            var at = $"{key}:SigningKeys:{i}";
            if (string.IsNullOrWhiteSpace(signingKey.KeyId) || !ids.Add(signingKey.KeyId))
            {
                failures.Add($"{at}:KeyId is missing or used twice; every key needs its own id (the tokens' kid).");
            }

            var bytes = new byte[signingKey.Key?.Length ?? 0];
            if (signingKey.Key is null || !Convert.TryFromBase64String(signingKey.Key, bytes, out var length) || length < PartnerTokenOptions.MinKeyBytes)
            {
                failures.Add($"{at}:Key must be base64 of at least {PartnerTokenOptions.MinKeyBytes} bytes (HS256).");
            }
        }
    }

    private static void Validate(object options, string key, List<string> failures)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"{key}:{r.MemberNames.FirstOrDefault()}: {r.ErrorMessage}"));
        }
    }
}
