using System.Security.Cryptography;
using System.Text;

namespace Actors.Gateway.Security;

/// <summary>SHA-256 of an API key as lower-case hex: how keys are stored and looked up.</summary>
public static class ApiKeyHash
{
    public const int MinKeyLength = 16;

    public static string Of(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool IsHash(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigit);
}
