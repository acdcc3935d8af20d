using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Actors.Hosting;

/// <summary>
/// Binds an options section and validates it at once, so a bad value stops start-up with the
/// option's full configuration key in the message instead of failing later inside Orleans.
/// </summary>
public static class OptionsLoader
{
    public static T Load<T>(IConfiguration configuration, string sectionName)
        where T : class, new()
    {
        var section = configuration.GetSection(sectionName);
        var options = new T();
        try
        {
            section.Bind(options, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException e)
        {
            throw new OptionsValidationException(sectionName, typeof(T), [$"{sectionName}: {e.Message}"]);
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            var failures = results.Select(r =>
            {
                var member = r.MemberNames.FirstOrDefault() ?? "?";
                var value = section[member];
                return $"{sectionName}:{member} = '{value ?? "(default)"}': {r.ErrorMessage}";
            }).ToArray();
            throw new OptionsValidationException(sectionName, typeof(T), failures);
        }

        return options;
    }
}
