using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace StoreOffers.Host.Tests;

/// <summary>The network under a real <see cref="HttpClient"/>: answers with a delegate and records what was sent.</summary>
internal sealed class ScriptedHandler : HttpMessageHandler
{
    public ScriptedHandler(Func<HttpRequestMessage, Task<HttpResponseMessage>> answer) => Answer = answer;

    public Func<HttpRequestMessage, Task<HttpResponseMessage>> Answer { get; set; }

    public List<(HttpMethod Method, Uri Url, string? Authorization, string? ContentType, string? Body)> Sent { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (Sent) Sent.Add((request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), request.Content?.Headers.ContentType?.MediaType, body));
        return await Answer(request);
    }
}
