namespace Actors.Fraud;

/// <summary>
/// Everything the fraud rules remember about one account: fixed-size windows, counters and sketches,
/// nothing that grows with the account's history. Fields: 16 + 32 + 16 (velocity and card-testing
/// windows) + 16 (amount statistics) + 24 (hour histogram) + 32 (merchant sketch) + 16 (last country
/// and time, padded) + 8 (counters) + 20 (devices) = 180 bytes, plus a 16-byte object header: 196 bytes in memory.
/// Orleans' serialized form is about 150 bytes (varints), tested to stay under 300 bytes however many
/// authorizations the account sees.
/// <para>
/// The parts are returned by <c>ref</c> so the rules update them in place; a property returning a
/// copy of a struct would silently drop the update. Only a detector should write them.
/// </para>
/// </summary>
[GenerateSerializer, Alias("Actors.AccountFraudProfile")]
public sealed class AccountFraudProfile
{
    [Id(0)] private SlidingCount _shortWindow;
    [Id(1)] private SlidingTotal _longWindow;
    [Id(2)] private SlidingCount _tinyWindow;
    [Id(3)] private RunningStatistics _amounts;
    [Id(4)] private HourHistogram _hours;
    [Id(5)] private MerchantSketch _merchants;
    [Id(6)] private TravelMark _lastApproved;
    [Id(9)] private DeviceSet _devices;

    /// <summary>Authorizations in the short velocity window (default 1 minute), declined ones included.</summary>
    public ref SlidingCount ShortWindow => ref _shortWindow;

    /// <summary>Authorizations and their amounts in the long velocity window (default 1 hour), declined ones included.</summary>
    public ref SlidingTotal LongWindow => ref _longWindow;

    /// <summary>Tiny authorizations in the card-testing window (default 10 minutes), declined ones included.</summary>
    public ref SlidingCount TinyWindow => ref _tinyWindow;

    /// <summary>Statistics of approved amounts.</summary>
    public ref RunningStatistics Amounts => ref _amounts;

    /// <summary>Hours of day of approved authorizations.</summary>
    public ref HourHistogram Hours => ref _hours;

    /// <summary>Merchants of approved authorizations.</summary>
    public ref MerchantSketch Merchants => ref _merchants;

    /// <summary>Country and time of the last approved authorization.</summary>
    public ref TravelMark LastApproved => ref _lastApproved;

    /// <summary>Card-not-present devices of approved authorizations.</summary>
    public ref DeviceSet Devices => ref _devices;

    /// <summary>Approved authorizations learned from (saturates at int.MaxValue): the warm-up counter.</summary>
    [Id(7)]
    public int Observations { get; set; }

    /// <summary>Authorizations assessed, approved or not (saturates at int.MaxValue).</summary>
    [Id(8)]
    public int Assessments { get; set; }
}
