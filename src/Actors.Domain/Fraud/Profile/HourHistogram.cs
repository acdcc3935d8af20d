namespace Actors.Fraud;

/// <summary>
/// How often the account paid in each hour of the day (UTC): 24 saturating 8-bit counters packed
/// into three 64-bit words, 24 bytes. Hour h is byte (h % 8) of word h / 8. When a counter would pass
/// 255 every counter is halved, so the histogram keeps the account's recent shape instead of growing.
/// </summary>
[GenerateSerializer, Alias("Actors.HourHistogram")]
public struct HourHistogram
{
    [Id(0)] public ulong Hours0To7 { get; set; }

    [Id(1)] public ulong Hours8To15 { get; set; }

    [Id(2)] public ulong Hours16To23 { get; set; }
}
