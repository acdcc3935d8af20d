namespace Actors.Gateway.Tests.Infrastructure;

/// <summary>
/// The synthetic people, partners and banks every test uses. Ids and names are distinctive so that
/// finding one in a response body cannot be a coincidence (see <see cref="PrivacyScanner"/>).
/// </summary>
public sealed record Persona(string UserId, string DisplayName, string MessengerId, string[] Accounts)
{
    public string Key => $"user-key-{UserId}-0123456789";

    public string Chase => Accounts.Single(a => a.StartsWith("CHASE:", StringComparison.Ordinal));
}

public static class Personas
{
    public const string Acme = "acme";
    public const string Globex = "globex";
    public const string AcmeKey = "partner-key-acme-0123456789";
    public const string GlobexKey = "partner-key-globex-0123456789";
    public const string ExpiredKey = "partner-key-expired-0123456789";
    public const string ExpiringKey = "partner-key-expiring-0123456789";
    public const string ChaseKey = "bank-key-chase-0123456789";
    public const string CitiKey = "bank-key-citi-0123456789";
    public const string Bench = "bench";
    public const string BenchKey = "partner-key-bench-0123456789";

    /// <summary>Read-only reference user: CHASE and CITI accounts, all CHASE consents, linked to acme.</summary>
    public static readonly Persona Alice = New("alicezq", "Alice Quorvath", ["CHASE:alicezq-1", "CITI:alicezq-2"]);

    /// <summary>The other user: tries to reach Alice; linked to globex only.</summary>
    public static readonly Persona Bob = New("bobvx", "Bob Velinski", ["CHASE:bobvx-1"]);

    /// <summary>Consent changes (revoke, expiry).</summary>
    public static readonly Persona Carol = New("carolyk", "Carol Ystrand", ["CHASE:carolyk-1"]);

    /// <summary>Erasure.</summary>
    public static readonly Persona Dave = New("davewj", "Dave Wojtarek", ["CHASE:davewj-1"]);

    /// <summary>Partner link and unlink.</summary>
    public static readonly Persona Erin = New("erinpu", "Erin Pulaska", ["CHASE:erinpu-1"]);

    /// <summary>Bank operations: freeze, alerts, deposits; a CITI account for cross-bank attempts.</summary>
    public static readonly Persona Frank = New("frankhb", "Frank Habrecht", ["CHASE:frankhb-1", "CITI:frankhb-2"]);

    /// <summary>Notifications.</summary>
    public static readonly Persona Grace = New("gracemo", "Grace Moravec", ["CHASE:gracemo-1"]);

    public static readonly Persona[] All = [Alice, Bob, Carol, Dave, Erin, Frank, Grace];

    private static Persona New(string id, string name, string[] accounts) => new(id, name, $"msgr-{id}", accounts);
}
