using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Gateway.Hosting;

/// <summary>
/// The gateway's JSON rules: strict on input (unknown fields, missing required fields, nulls where
/// none are allowed, numbers for enums, numbers written as strings and a field given twice are all
/// refused) and enums by name on output.
/// </summary>
/// <remarks>
/// ASP.NET Core's web defaults read numbers from strings (<c>"amountMinor":"100"</c>) and let the
/// last of two equal keys win: on a money endpoint either is a parser mismatch between the client,
/// anything in between that inspects the body, and the gateway. Both are turned off here, for
/// every body the gateway reads.
/// </remarks>
public static class GatewayJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.NumberHandling = JsonNumberHandling.Strict;
        options.AllowDuplicateProperties = false;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
    }
}
