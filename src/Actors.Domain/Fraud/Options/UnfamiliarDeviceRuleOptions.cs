namespace Actors.Domain.Fraud;

/// <summary>
/// Unfamiliar device (section <c>Actors:Fraud:UnfamiliarDevice</c>): a card-not-present payment from a
/// device the account has never paid from, when it has paid from some device before — the shape of an
/// account takeover or of a stolen card number tested online. The first device an account uses is
/// learned silently, unless that first payment goes to a merchant outside the owner's home country.
/// </summary>
public sealed class UnfamiliarDeviceRuleOptions
{
    public const int DefaultScore = 450;
    public const int DefaultAbroadScore = 200;

    /// <summary>Whether the rule runs (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Score added when it fires (default 450: an alert on its own).</summary>
    public int Score { get; set; } = DefaultScore;

    /// <summary>Added on top when the merchant is outside the owner's home country (default 200).</summary>
    public int AbroadScore { get; set; } = DefaultAbroadScore;
}
