using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sfera.Calls.Janus;

/// <summary>A WebRTC session description as browsers' RTCSessionDescription serialises it.</summary>
public sealed record Jsep(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("sdp")] string Sdp);

/// <summary>A trickled ICE candidate as browsers' RTCIceCandidate serialises it.</summary>
public sealed record IceCandidate(
    [property: JsonPropertyName("candidate")] string Candidate,
    [property: JsonPropertyName("sdpMid")] string? SdpMid,
    [property: JsonPropertyName("sdpMLineIndex")] int? SdpMLineIndex);

/// <summary>
/// A message from Janus's long poll: a plugin event (<see cref="Janus"/> "event", with <see cref="Data"/> and perhaps
/// <see cref="Jsep"/>) or a core one about a handle's PeerConnection ("webrtcup", "media", "hangup", "slowlink",
/// "detached"). <see cref="Message"/> is the whole message, for fields not lifted out here.
/// </summary>
public sealed record JanusEvent(string Janus, long? Sender, string? Transaction, string? Plugin, JsonElement? Data, Jsep? Jsep,
    JsonElement Message)
{
    /// <summary>A message as Janus sent it (already parsed and detached from its document).</summary>
    public static JanusEvent From(JsonElement message)
    {
        JsonElement? data = null;
        string? plugin = null;
        if (message.TryGetProperty("plugindata", out var pluginData))
        {
            plugin = pluginData.TryGetProperty("plugin", out var p) ? p.GetString() : null;
            if (pluginData.TryGetProperty("data", out var d)) data = d;
        }
        var jsep = message.TryGetProperty("jsep", out var j) && j.ValueKind == JsonValueKind.Object
            ? j.Deserialize<Jsep>(JanusJson.Options)
            : null;
        return new JanusEvent(
            message.GetProperty("janus").GetString() ?? "",
            message.TryGetProperty("sender", out var sender) && sender.ValueKind == JsonValueKind.Number ? sender.GetInt64() : null,
            message.TryGetProperty("transaction", out var t) ? t.GetString() : null,
            plugin, data, jsep, message);
    }

    /// <summary>The plugin's error, if its data carries one (every Janus plugin answers errors with error_code/error).</summary>
    internal JanusException? PluginError() =>
        Data is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("error_code", out var code)
            ? new JanusException(code.GetInt32(), data.TryGetProperty("error", out var e) ? e.GetString() ?? "" : "", Plugin ?? "plugin")
            : null;
}

internal static class JanusJson
{
    /// <summary>Janus's JSON is snake_case; a few numbers are documented as strings, so both are read.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static T Read<T>(JsonElement element) =>
        element.Deserialize<T>(Options) ?? throw new JsonException($"Janus sent null where {typeof(T).Name} was expected.");

    public static string? String(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static long? Int64(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetInt64()
            : null;
}
