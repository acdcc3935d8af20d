using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Gateway.Hosting;

/// <summary>
/// The gateway's JSON rules: strict on input (unknown fields, missing required fields, nulls where
/// none are allowed and numbers for enums are all refused) and enums by name on output.
/// </summary>
public static class GatewayJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
    }
}
