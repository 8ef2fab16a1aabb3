using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace StoreOffers.Host;

/// <summary>
/// Carries <c>storeRequest</c>: sends the page's GET (offers) or POST (claim) to the one fixed
/// Store URL with the host's own token, through an injected <see cref="HttpClient"/> (native: no
/// CORS). Not a proxy: the page chooses neither the URL nor a header.
/// </summary>
public sealed class StoreRequestClient
{
    /// <summary>The largest response body passed back to the page (characters); a longer one is an error.</summary>
    public const int MaxBodyLength = 1024 * 1024;

    private readonly HttpClient _http;

    /// <summary>Sends to <see cref="HostProtocol.StoreEndpoint"/>, or to <paramref name="endpoint"/> (for a mock Store in tests).</summary>
    /// <param name="http">The client (the app owns its lifetime and handler).</param>
    /// <param name="endpoint">Set by the app's code only: <c>https:</c>, or <c>http:</c> on a loopback address.</param>
    public StoreRequestClient(HttpClient http, Uri? endpoint = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        Endpoint = endpoint ?? new Uri(HostProtocol.StoreEndpoint);
        var allowed = Endpoint.IsAbsoluteUri
            && (Endpoint.Scheme == Uri.UriSchemeHttps || (Endpoint.Scheme == Uri.UriSchemeHttp && Endpoint.IsLoopback));
        if (!allowed) throw new ArgumentException("The Store endpoint must be https (or http on loopback)", nameof(endpoint));
    }

    /// <summary>Where requests go.</summary>
    public Uri Endpoint { get; }

    /// <summary>Sends one request and returns the Store's status, Retry-After and body.</summary>
    /// <param name="method"><c>GET</c> or <c>POST</c>.</param>
    /// <param name="body">The POST body (JSON text); null for GET.</param>
    /// <param name="token">The MSA token; only ever put in the Authorization header.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<StoreResponse> SendAsync(string method, string? body, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method == "POST" ? HttpMethod.Post : HttpMethod.Get, Endpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new StoreOffersException(HostErrorCodes.StoreUnavailable, "The Store could not be reached", exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StoreOffersException(HostErrorCodes.StoreUnavailable, "The Store did not answer in time", exception);
        }
        using (response)
        {
            if (response.Content.Headers.ContentLength > MaxBodyLength * 4L)
                throw new StoreOffersException(HostErrorCodes.StoreUnavailable, "The Store's answer is too large");
            string text;
            try
            {
                text = await ReadCappedAsync(response.Content).ConfigureAwait(false);
            }
            catch (HttpRequestException exception)
            {
                throw new StoreOffersException(HostErrorCodes.StoreUnavailable, "The Store's answer broke off", exception);
            }
            catch (IOException exception)
            {
                throw new StoreOffersException(HostErrorCodes.StoreUnavailable, "The Store's answer broke off", exception);
            }
            return new StoreResponse
            {
                Status = (int)response.StatusCode,
                RetryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? values.FirstOrDefault() : null,
                Body = text.Length == 0 ? null : text,
            };
        }
    }

    // Reads at most MaxBodyLength characters: a body without Content-Length cannot fill memory.
    private static async Task<string> ReadCappedAsync(HttpContent content)
    {
        using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = new StringBuilder();
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > MaxBodyLength)
                throw new StoreOffersException(HostErrorCodes.StoreUnavailable, "The Store's answer is too large");
        }
        return text.ToString();
    }
}
