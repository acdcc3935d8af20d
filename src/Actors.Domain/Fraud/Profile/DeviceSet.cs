namespace Actors.Fraud;

/// <summary>
/// The devices (card-not-present channels) an account has paid from, as up to four 32-bit device
/// numbers: 16 bytes. When full, the oldest is replaced, so a user changing phones is learned again.
/// </summary>
[GenerateSerializer, Alias("Actors.DeviceSet")]
public struct DeviceSet
{
    public const int Capacity = 4;

    [Id(0)] public int Device0 { get; set; }
    [Id(1)] public int Device1 { get; set; }
    [Id(2)] public int Device2 { get; set; }
    [Id(3)] public int Device3 { get; set; }

    /// <summary>Devices remembered (0-4); the next one replaces slot Count % 4.</summary>
    [Id(4)] public int Count { get; set; }

    public readonly bool IsEmpty => Count == 0;

    public readonly bool Contains(int device) =>
        Count > 0 && (Device0 == device || (Count > 1 && Device1 == device) || (Count > 2 && Device2 == device) || (Count > 3 && Device3 == device));

    public void Add(int device)
    {
        if (Contains(device))
        {
            return;
        }

        switch (Count % Capacity)
        {
            case 0: Device0 = device; break;
            case 1: Device1 = device; break;
            case 2: Device2 = device; break;
            default: Device3 = device; break;
        }

        Count = Count < Capacity ? Count + 1 : Capacity + ((Count + 1) % Capacity);
    }
}
