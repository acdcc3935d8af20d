using System.Net.Http.Headers;
using System.Text;

namespace Actors.Gateway.Tests.Infrastructure;

/// <summary>Real HTTP to the gateway; every response body goes through the <see cref="PrivacyScanner"/>.</summary>
public sealed class GatewayHttp : IDisposable
{
    private readonly HttpClient _client;

    public GatewayHttp(Uri baseAddress) => _client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public Uri BaseAddress => _client.BaseAddress!;

    public Task<GatewayResponse> Get(string path, string? key) => Send(HttpMethod.Get, path, key);

    /// <summary>A GET with <c>Authorization: Bearer token</c> instead of an API key.</summary>
    public Task<GatewayResponse> GetWithToken(string path, string token) =>
        Send(HttpMethod.Get, path, key: null, shape: r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token));

    public Task<GatewayResponse> Delete(string path, string? key) => Send(HttpMethod.Delete, path, key);

    public Task<GatewayResponse> Put(string path, string? key) => Send(HttpMethod.Put, path, key);

    public Task<GatewayResponse> Post(string path, string? key, string? json = null, string contentType = "application/json") =>
        Send(HttpMethod.Post, path, key, json is null ? null : new StringContent(json, Encoding.UTF8, contentType));

    public async Task<GatewayResponse> Send(HttpMethod method, string path, string? key, HttpContent? content = null, Action<HttpRequestMessage>? shape = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        shape?.Invoke(request);
        var response = await _client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        PrivacyScanner.Check(path, CallerOf(key), body);
        return new GatewayResponse(response.StatusCode, response, body);
    }

    /// <summary>Opens a server-sent-events stream; the caller reads it line by line.</summary>
    public async Task<HttpResponseMessage> OpenStream(string path, string key, CancellationToken token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", key);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
    }

    public void Dispose() => _client.Dispose();

    private static string? CallerOf(string? key) => Personas.All.FirstOrDefault(p => p.Key == key)?.UserId;
}
