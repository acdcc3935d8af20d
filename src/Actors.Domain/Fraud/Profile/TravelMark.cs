namespace Actors.Fraud;

/// <summary>Where and when the account last paid with an approved authorization: 10 bytes.</summary>
[GenerateSerializer, Alias("Actors.TravelMark")]
public struct TravelMark
{
    /// <summary>The alpha-2 country as two ASCII letters (first &lt;&lt; 8 | second); 0 = none yet.</summary>
    [Id(0)] public ushort Country { get; set; }

    /// <summary>UTC ticks of that authorization.</summary>
    [Id(1)] public long Ticks { get; set; }
}
