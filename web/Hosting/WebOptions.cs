using System.Globalization;

namespace Actors.Web.Hosting;

/// <summary>Settings of the living-world web demo; each has a <c>--flag</c> (see <see cref="WebProgram"/>).</summary>
public sealed class WebOptions
{
    /// <summary>Where the web app listens unless <c>--urls</c> says otherwise (not an Orleans port).</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Where the partner HTTP gateway listens unless <c>--gateway-urls</c> says otherwise.</summary>
    public const string DefaultGatewayUrls = "http://127.0.0.1:5081";
    public const int DefaultUsers = 200;
    public const long DefaultSeed = 42;

    /// <summary>Card payments per second of live traffic at start-up.</summary>
    public const double DefaultRate = 5;
    public const int MinUsers = 10;
    public const int MaxUsers = 20_000;

    public string Urls { get; set; } = DefaultUrls;

    public string GatewayUrls { get; set; } = DefaultGatewayUrls;

    public int Users { get; set; } = DefaultUsers;

    public long Seed { get; set; } = DefaultSeed;

    public double Rate { get; set; } = DefaultRate;

    /// <summary>Library (ASP.NET Core, Orleans) logs below warnings too; off by default.</summary>
    public bool Verbose { get; set; }

    /// <summary>Every problem with these settings, each naming its flag; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Users is < MinUsers or > MaxUsers)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"--users must be between {MinUsers} and {MaxUsers} (got {Users})."));
        }

        if (FormInput.Rate(Rate.ToString(CultureInfo.InvariantCulture)) is { Error: { } rateError })
        {
            errors.Add($"--rate: {rateError}");
        }

        if (string.IsNullOrWhiteSpace(Urls))
        {
            errors.Add("--urls must name at least one URL, e.g. http://127.0.0.1:5080.");
        }

        if (string.IsNullOrWhiteSpace(GatewayUrls))
        {
            errors.Add("--gateway-urls must name at least one URL, e.g. http://127.0.0.1:5081.");
        }

        return errors;
    }
}
