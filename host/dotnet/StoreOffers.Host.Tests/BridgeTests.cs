using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace StoreOffers.Host.Tests;

/// <summary>
/// The transport glue every host uses (WebView2 PostWebMessageAsJson, UWP InvokeScriptAsync,
/// the loopback server): answers posted, events posted, failures of the page never thrown.
/// The UWP XAML WebView transport is this bridge with post = InvokeScriptAsync("storeOffersReceive", …).
/// </summary>
public sealed class BridgeTests
{
    private const string Token = "EwB4A8l6BAAUO9chh8cJscQLmU+LSWpbnr0vmwwAAd1ICTsVl3EZ0zJ5";

    private static string Request(string id, string method, string @params = "{}") =>
        $"{{\"channel\":\"store-offers\",\"v\":1,\"id\":\"{id}\",\"method\":\"{method}\",\"params\":{@params}}}";

    [Fact]
    public async Task Posts_answers_and_account_changed_events()
    {
        var native = new ScriptedNative { Token = _ => Task.FromResult(Token) };
        using var dispatcher = new StoreOffersDispatcher(native);
        var posted = new ConcurrentQueue<string>();
        using var bridge = new StoreOffersBridge(dispatcher, json => { posted.Enqueue(json); return Task.CompletedTask; });

        await bridge.ReceiveAsync(Request("1", "getToken"));
        await bridge.ReceiveAsync("{\"channel\":\"other\"}");
        native.RaiseAccountChanged("acct-2");
        await Task.Delay(20);

        Assert.Collection(posted,
            first => Assert.Equal(Token, (string)JsonNode.Parse(first)!["result"]!["token"]!),
            second => Assert.Equal("account-changed", (string)JsonNode.Parse(second)!["event"]!));
    }

    [Fact]
    public async Task A_post_that_throws_is_reported_not_thrown()
    {
        var native = new ScriptedNative { Token = _ => Task.FromResult(Token) };
        using var dispatcher = new StoreOffersDispatcher(native);
        var failures = new List<Exception>();
        using var bridge = new StoreOffersBridge(dispatcher, _ => throw new InvalidOperationException("navigated away"));
        bridge.PostFailed += (_, e) => failures.Add(e);
        bridge.PostFailed += (_, _) => throw new Exception("a bad handler of the app");

        await bridge.ReceiveAsync(Request("1", "getToken"));
        bridge.Receive(Request("2", "getToken"));
        await Task.Delay(50);

        Assert.Equal(2, failures.Count);
    }

    [Fact]
    public async Task Posts_on_the_ui_context_and_catches_what_the_post_throws_there()
    {
        var native = new ScriptedNative { Token = _ => Task.FromResult(Token) };
        using var dispatcher = new StoreOffersDispatcher(native);
        var ui = new RecordingContext();
        var onUi = new List<bool>();
        var failures = new List<Exception>();
        using var bridge = new StoreOffersBridge(dispatcher, json =>
        {
            onUi.Add(RecordingContext.Running);
            if (onUi.Count == 2) throw new InvalidOperationException("the WebView is closed");
        }, ui);
        bridge.PostFailed += (_, e) => failures.Add(e);

        await bridge.ReceiveAsync(Request("1", "getToken"));
        await bridge.ReceiveAsync(Request("2", "getToken"));

        Assert.Equal(new[] { true, true }, onUi);
        Assert.Equal(2, ui.Posts);
        Assert.IsType<InvalidOperationException>(Assert.Single(failures));
    }

    /// <summary>A UI context stand-in: runs each posted callback on a thread of its own and says so.</summary>
    private sealed class RecordingContext : System.Threading.SynchronizationContext
    {
        [ThreadStatic] private static bool _running;
        public static bool Running => _running;
        public int Posts;
        public override void Post(System.Threading.SendOrPostCallback d, object? state)
        {
            System.Threading.Interlocked.Increment(ref Posts);
            var thread = new System.Threading.Thread(() => { _running = true; d(state); });
            thread.Start();
        }
    }

    [Fact]
    public void A_dispatcher_that_owns_its_native_store_disposes_it()
    {
        var owned = new DisposableNative();
        new StoreOffersDispatcher(owned, new StoreOffersDispatcherOptions { OwnsNative = true }).Dispose();
        var borrowed = new DisposableNative();
        new StoreOffersDispatcher(borrowed).Dispose();
        Assert.True(owned.Disposed);
        Assert.False(borrowed.Disposed);
    }

    private sealed class DisposableNative : IStoreOffersNative, IDisposable
    {
        public bool Disposed { get; private set; }
        public event EventHandler<AccountChangedEventArgs>? AccountChanged { add { } remove { } }
        public void Dispose() => Disposed = true;
        public Task<string> GetTokenAsync(bool forceRefresh, System.Threading.CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IReadOnlyList<ProductInfo>> GetProductsAsync(IReadOnlyList<string> productIds, System.Threading.CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<PurchaseOutcome> PurchaseAsync(string productId, System.Threading.CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<string> GetStoreIdKeyAsync(StoreIdKeyRequest request, System.Threading.CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<string?> GetAccountAsync(System.Threading.CancellationToken cancellationToken) => Task.FromResult<string?>(null);
    }

    [Fact]
    public async Task After_dispose_nothing_is_posted()
    {
        var dialog = new TaskCompletionSource<PurchaseOutcome>();
        var native = new ScriptedNative { Purchase = _ => dialog.Task };
        using var dispatcher = new StoreOffersDispatcher(native);
        var posted = new ConcurrentQueue<string>();
        var bridge = new StoreOffersBridge(dispatcher, json => { posted.Enqueue(json); return Task.CompletedTask; });
        var pending = bridge.ReceiveAsync(Request("1", "purchase", "{\"productId\":\"a\"}"));
        bridge.Dispose();
        dialog.SetResult(new PurchaseOutcome { Status = "Succeeded" });
        native.RaiseAccountChanged(null);
        await pending;
        Assert.Empty(posted);
    }

    [Fact]
    public async Task The_token_never_reaches_an_answer_other_than_getToken()
    {
        var handler = new ScriptedHandler(_ => throw new HttpRequestException($"failed with Bearer {Token}"));
        var native = new ScriptedNative { Token = _ => Task.FromResult(Token) };
        using var dispatcher = new StoreOffersDispatcher(native, new StoreOffersDispatcherOptions { Store = new StoreRequestClient(new HttpClient(handler)) });
        var answers = new List<string?>
        {
            await dispatcher.HandleAsync(Request("1", "storeRequest", "{\"method\":\"GET\"}")),
            await dispatcher.HandleAsync(Request("2", "hello")),
        };
        handler.Answer = _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(new string('x', StoreRequestClient.MaxBodyLength + 1)) });
        answers.Add(await dispatcher.HandleAsync(Request("3", "storeRequest", "{\"method\":\"GET\"}")));
        // Without Content-Length (chunked): still cut off at the cap.
        handler.Answer = _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new EndlessStream()) });
        answers.Add(await dispatcher.HandleAsync(Request("4", "storeRequest", "{\"method\":\"GET\"}")));
        Assert.Equal("store-unavailable", (string)JsonNode.Parse(answers[3]!)!["error"]!["code"]!);
        Assert.All(answers, a => Assert.DoesNotContain(Token, a));
        Assert.Equal("store-unavailable", (string)JsonNode.Parse(answers[2]!)!["error"]!["code"]!);
        Assert.All(handler.Sent, s => Assert.Equal(HostProtocol.StoreEndpoint, s.Url.ToString()));
    }

    /// <summary>A body that never ends (no Content-Length).</summary>
    private sealed class EndlessStream : System.IO.Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => 0; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) { Array.Fill(buffer, (byte)'x', offset, count); return count; }
        public override long Seek(long offset, System.IO.SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Theory]
    [InlineData("http://manage.devcenter.microsoft.com/v2.0/my/storeoffers/user")]
    [InlineData("http://example.com/")]
    [InlineData("file:///etc/passwd")]
    public void The_store_endpoint_is_https_or_loopback_http(string url)
    {
        Assert.Throws<ArgumentException>(() => new StoreRequestClient(new HttpClient(), new Uri(url)));
    }

    [Fact]
    public void A_loopback_mock_store_is_allowed()
    {
        Assert.Equal("http://127.0.0.1:9/mock", new StoreRequestClient(new HttpClient(), new Uri("http://127.0.0.1:9/mock")).Endpoint.ToString());
    }

    [Fact]
    public void Native_enum_names_are_sent_never_numbers()
    {
        Assert.Equal("AlreadyPurchased", PurchaseStatuses.FromNative(NumberedLikeStorePurchaseStatus.AlreadyPurchased));
        Assert.Throws<ArgumentOutOfRangeException>(() => PurchaseStatuses.FromNative((NumberedLikeStorePurchaseStatus)42));
        Assert.Equal(
            new[] { "succeeded", "already-purchased", "not-purchased", "network-error", "server-error" },
            Enum.GetValues(typeof(NumberedLikeStorePurchaseStatus)).Cast<NumberedLikeStorePurchaseStatus>().Select(s => PurchaseStatuses.ToLibrary(PurchaseStatuses.FromNative(s))));
    }

    /// <summary>Numbered like Windows.Services.Store.StorePurchaseStatus (the real enum is used in StoreOffers.Host.Windows).</summary>
    private enum NumberedLikeStorePurchaseStatus { Succeeded = 0, AlreadyPurchased = 1, NotPurchased = 2, NetworkError = 3, ServerError = 4 }
}
