namespace Actors.Fraud;

/// <summary>
/// A 256-bit Bloom filter of the merchants the account has paid (three bits per merchant), 32 bytes.
/// It may say "seen" for a merchant never paid (about 2 % at 30 merchants), never the reverse; it is
/// cleared when half its bits are set, so it follows the account's current merchants and stays this size.
/// </summary>
[GenerateSerializer, Alias("Actors.MerchantSketch")]
public struct MerchantSketch
{
    [Id(0)] public ulong Bits0 { get; set; }

    [Id(1)] public ulong Bits1 { get; set; }

    [Id(2)] public ulong Bits2 { get; set; }

    [Id(3)] public ulong Bits3 { get; set; }
}
