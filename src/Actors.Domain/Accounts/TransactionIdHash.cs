using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Actors.Domain;

/// <summary>
/// 64-bit hash of a transaction id, kept in the idempotency window instead of the string.
/// XxHash64 with seed 0 over the UTF-16 code units: the same on every machine and process.
/// </summary>
public static class TransactionIdHash
{
    public static ulong Of(string transactionId) => XxHash64.HashToUInt64(MemoryMarshal.AsBytes(transactionId.AsSpan()));
}
