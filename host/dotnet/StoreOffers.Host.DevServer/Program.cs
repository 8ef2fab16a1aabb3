using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace StoreOffers.Host.DevServer;

/// <summary>
/// store-offers-devserver [--port N] [--journal PATH]: the host protocol over HTTP on 127.0.0.1.
///   POST /message   a request → 200 with the answer, or 204 when the dispatcher stays silent
///   GET  /events    server-sent events: host → page messages (account-changed)
///   POST /_script   the scripted native store's answers (see Script); clears the log
///   POST /_account  { "account": … } → the native store's account changes (an account-changed event)
///   GET  /_log      the native calls so far (never a token)
/// A page relays its chrome.webview messages here (test/dotnet-e2e); the first line printed is
/// "listening http://127.0.0.1:PORT/".
/// </summary>
internal static class Program
{
    private const int MaxBody = 2 * 1024 * 1024;
    private static readonly UTF8Encoding Utf8 = new(false);

    private static async Task<int> Main(string[] args)
    {
        var port = 0;
        string? journalPath = null;
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--port") port = int.Parse(args[++i]);
            else if (args[i] == "--journal") journalPath = args[++i];
        }
        if (port == 0) port = FreePort();

        var native = new ScriptedStoreNative();
        var journal = journalPath is null ? null : new PurchaseJournal(new FileJournalStorage(journalPath));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var host = new Host(native, journal, http);

        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        Console.WriteLine($"listening http://127.0.0.1:{port}/");
        Console.Out.Flush();

        // Not disposed: ProcessExit and the stdin watcher may still cancel it while the process ends.
        var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
        _ = Task.Run(async () =>
        {
            // Ends with its parent: stdin closes when the test runner goes away.
            try { await Console.In.ReadToEndAsync(); } catch (Exception) { }
            stop.Cancel();
        });

        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().WaitAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (HttpListenerException)
            {
                break;
            }
            _ = Task.Run(() => host.ServeAsync(context, stop.Token));
        }
        return 0;
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private sealed class Host
    {
        private readonly ScriptedStoreNative _native;
        private readonly PurchaseJournal? _journal;
        private readonly HttpClient _http;
        private readonly List<Stream> _eventStreams = new();
        private StoreOffersDispatcher _dispatcher;

        public Host(ScriptedStoreNative native, PurchaseJournal? journal, HttpClient http)
        {
            _native = native;
            _journal = journal;
            _http = http;
            _dispatcher = Build();
        }

        private StoreOffersDispatcher Build()
        {
            var script = _native.Script;
            var dispatcher = new StoreOffersDispatcher(_native, new StoreOffersDispatcherOptions
            {
                App = "store-offers-devserver",
                Methods = script.Methods is null ? null : new[] { HostProtocol.Methods.Hello }.Concat(script.Methods).ToList(),
                Store = script.StoreEndpoint is null ? null : new StoreRequestClient(_http, new Uri(script.StoreEndpoint)),
                Journal = _journal,
            });
            dispatcher.HostEvent += (_, e) => _ = BroadcastAsync(e.Json);
            return dispatcher;
        }

        public async Task ServeAsync(HttpListenerContext context, CancellationToken stop)
        {
            var request = context.Request;
            var response = context.Response;
            try
            {
                var path = request.Url?.AbsolutePath ?? "/";
                switch ((request.HttpMethod, path))
                {
                    case ("POST", "/message"):
                    {
                        var answer = await _dispatcher.HandleAsync(await ReadAsync(request), stop);
                        if (answer is null) { response.StatusCode = 204; response.Close(); }
                        else await WriteAsync(response, 200, answer);
                        return;
                    }
                    case ("GET", "/events"):
                        await StreamEventsAsync(response, stop);
                        return;
                    case ("POST", "/_script"):
                    {
                        var script = JsonSerializer.Deserialize<Script>(await ReadAsync(request) ?? "{}") ?? new Script();
                        var previous = _dispatcher;
                        _native.Script = script;
                        while (_native.Log.TryDequeue(out _)) { }
                        _dispatcher = Build();
                        previous.Dispose();
                        await WriteAsync(response, 200, "{}");
                        return;
                    }
                    case ("POST", "/_account"):
                    {
                        using var body = JsonDocument.Parse(await ReadAsync(request) ?? "{}");
                        var account = body.RootElement.TryGetProperty("account", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                        _native.ChangeAccount(account);
                        await WriteAsync(response, 200, "{}");
                        return;
                    }
                    case ("GET", "/_log"):
                        await WriteAsync(response, 200, JsonSerializer.Serialize(_native.Log.ToArray()));
                        return;
                    default:
                        await WriteAsync(response, 404, "{\"error\":\"not found\"}");
                        return;
                }
            }
            catch (Exception exception)
            {
                try { await WriteAsync(response, 500, JsonSerializer.Serialize(new { error = exception.GetType().Name })); }
                catch (Exception) { /* the client is gone */ }
            }
        }

        private async Task StreamEventsAsync(HttpListenerResponse response, CancellationToken stop)
        {
            response.StatusCode = 200;
            response.ContentType = "text/event-stream";
            response.SendChunked = true;
            response.Headers["Cache-Control"] = "no-store";
            var stream = response.OutputStream;
            var hello = Utf8.GetBytes(": connected\n\n");
            await stream.WriteAsync(hello, stop);
            await stream.FlushAsync(stop);
            lock (_eventStreams) _eventStreams.Add(stream);
            try
            {
                await Task.Delay(Timeout.Infinite, stop);
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                lock (_eventStreams) _eventStreams.Remove(stream);
                try { response.Close(); } catch (Exception) { }
            }
        }

        private async Task BroadcastAsync(string json)
        {
            Stream[] streams;
            lock (_eventStreams) streams = _eventStreams.ToArray();
            var bytes = Utf8.GetBytes($"data: {json}\n\n");
            foreach (var stream in streams)
            {
                try
                {
                    await stream.WriteAsync(bytes);
                    await stream.FlushAsync();
                }
                catch (Exception)
                {
                    lock (_eventStreams) _eventStreams.Remove(stream);
                }
            }
        }

        private static async Task<string?> ReadAsync(HttpListenerRequest request)
        {
            if (request.ContentLength64 > MaxBody) return null;
            using var reader = new StreamReader(request.InputStream, Utf8);
            var buffer = new char[MaxBody + 1];
            var total = 0;
            int read;
            while (total <= MaxBody && (read = await reader.ReadAsync(buffer, total, buffer.Length - total)) > 0) total += read;
            return total > MaxBody ? null : new string(buffer, 0, total);
        }

        private static async Task WriteAsync(HttpListenerResponse response, int status, string json)
        {
            var bytes = Utf8.GetBytes(json);
            response.StatusCode = status;
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
            response.Close();
        }
    }
}
