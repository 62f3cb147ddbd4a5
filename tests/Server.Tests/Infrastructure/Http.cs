using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sfera.Tests.Infrastructure;

public static class Http
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object? body = null) =>
        client.PostAsJsonAsync(url, body ?? new { }, Json);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, Json);

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, object body) =>
        client.PatchAsJsonAsync(url, body, Json);

    /// <summary>Asserts the status, with the response body in the failure message.</summary>
    public static async Task<HttpResponseMessage> Expect(this Task<HttpResponseMessage> pending, HttpStatusCode status)
    {
        var response = await pending;
        if (response.StatusCode != status)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)status} {status}, got {(int)response.StatusCode} {response.StatusCode}: {body}");
        }
        return response;
    }

    public static async Task<T> Read<T>(this Task<HttpResponseMessage> pending, HttpStatusCode status = HttpStatusCode.OK)
    {
        var response = await pending.Expect(status);
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    public static async Task<T> GetJson<T>(this HttpClient client, string url) => await client.GetAsync(url).Read<T>();

    public static async Task<JsonElement> Problem(this Task<HttpResponseMessage> pending, HttpStatusCode status)
    {
        var response = await pending.Expect(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Json);
    }

    /// <summary>Structural equality of two wire objects, as their JSON: what was pushed equals what a GET returns.</summary>
    public static void SameJson(object expected, object actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected, expected.GetType(), Json), JsonSerializer.Serialize(actual, actual.GetType(), Json));

    /// <summary>The field names a validation problem reports.</summary>
    public static string[] Fields(this JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(p => p.Name).ToArray() : [];
}
