namespace Actors.Domain.Fraud;

/// <summary>ISO 3166 alpha-2 codes packed into 16 bits (first letter &lt;&lt; 8 | second), so state holds no strings.</summary>
public static class CountryCodes
{
    /// <summary>The packed code of two upper-case ASCII letters, or 0 for anything else.</summary>
    public static ushort Pack(string? code) =>
        code is { Length: 2 } && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1])
            ? (ushort)((code[0] << 8) | code[1])
            : (ushort)0;

    public static string Unpack(ushort packed) => packed == 0 ? "" : new string([(char)(packed >> 8), (char)(packed & 0xFF)]);
}
