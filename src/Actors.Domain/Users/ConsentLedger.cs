using Actors.Errors;
using Actors.Users;

namespace Actors.Domain;

/// <summary>
/// A user's consents, one record per (bank, purpose), default deny. A grant replaces the previous
/// record for its pair; a revoke stamps it; expiry is evaluated at the moment of each check.
/// </summary>
public sealed class ConsentLedger(List<ConsentRecord> records)
{
    public IReadOnlyList<ConsentRecord> Records => records;

    public ConsentRecord Grant(string bank, ConsentPurpose purpose, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        Ids.Bank(bank);
        EnsureDefined(purpose);
        if (expiresAt is { } expiry && expiry <= now)
        {
            throw new DomainException(DomainError.InvalidArgument, $"Consent expiry {expiry:O} is not in the future (now {now:O}).");
        }

        // A handful of bank names serve millions of users: one shared copy each.
        var record = new ConsentRecord(string.Intern(bank), purpose, now, expiresAt, RevokedAt: null);
        var index = IndexOf(bank, purpose);
        if (index >= 0)
        {
            records[index] = record;
        }
        else
        {
            records.Add(record);
        }

        return record;
    }

    /// <summary>Revokes a granted consent; returns null (and changes nothing) when none is in force.</summary>
    public ConsentRecord? Revoke(string bank, ConsentPurpose purpose, DateTimeOffset now)
    {
        Ids.Bank(bank);
        EnsureDefined(purpose);
        var index = IndexOf(bank, purpose);
        if (index < 0 || records[index].StatusAt(now) != ConsentStatus.Granted)
        {
            return null;
        }

        var revoked = records[index] with { RevokedAt = now };
        records[index] = revoked;
        return revoked;
    }

    public ConsentStatus Check(string bank, ConsentPurpose purpose, DateTimeOffset now)
    {
        Ids.Bank(bank);
        EnsureDefined(purpose);
        var index = IndexOf(bank, purpose);
        return index < 0 ? ConsentStatus.Missing : records[index].StatusAt(now);
    }

    /// <summary>The instant a granted consent ends (MaxValue without expiry), or null when not granted now.</summary>
    public DateTimeOffset? GrantedUntil(string bank, ConsentPurpose purpose, DateTimeOffset now)
    {
        var index = IndexOf(bank, purpose);
        return index >= 0 && records[index].StatusAt(now) == ConsentStatus.Granted
            ? records[index].ExpiresAt ?? DateTimeOffset.MaxValue
            : null;
    }

    private int IndexOf(string bank, ConsentPurpose purpose) =>
        records.FindIndex(r => r.Purpose == purpose && string.Equals(r.Bank, bank, StringComparison.Ordinal));

    private static void EnsureDefined(ConsentPurpose purpose)
    {
        if (!Enum.IsDefined(purpose))
        {
            throw new DomainException(DomainError.InvalidArgument, $"Unknown consent purpose {(int)purpose}: expected one of {string.Join(", ", Enum.GetNames<ConsentPurpose>())}.");
        }
    }
}
