using System;
using System.Threading;
using System.Threading.Tasks;

namespace StoreOffers.Host;

/// <summary>
/// Joins a <see cref="StoreOffersDispatcher"/> to a transport that posts strings to the page
/// (WebView2 <c>PostWebMessageAsJson</c>, UWP <c>InvokeScriptAsync("storeOffersReceive", …)</c>,
/// a loopback socket). Each message is answered concurrently; posts go out one at a time; a post
/// that fails (the page navigated away, the WebView closed) is reported through
/// <see cref="PostFailed"/> and never thrown, so an event handler calling <see cref="Receive"/> cannot crash the app.
/// </summary>
public sealed class StoreOffersBridge : IDisposable
{
    private readonly StoreOffersDispatcher _dispatcher;
    private readonly Func<string, Task> _post;
    private readonly SemaphoreSlim _postGate = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();

    /// <summary>Answers through <paramref name="post"/>, which sends one JSON text to the page.</summary>
    public StoreOffersBridge(StoreOffersDispatcher dispatcher, Func<string, Task> post)
    {
        _dispatcher = dispatcher ?? throw new ArgumentNullException(nameof(dispatcher));
        _post = post ?? throw new ArgumentNullException(nameof(post));
        _dispatcher.HostEvent += OnHostEvent;
    }

    /// <summary>
    /// Answers through <paramref name="post"/> run on <paramref name="uiContext"/> (WebView calls
    /// must be made on the UI thread: pass <c>SynchronizationContext.Current</c> from it). An
    /// exception thrown by <paramref name="post"/> there is caught and reported, never rethrown on the UI thread.
    /// </summary>
    public StoreOffersBridge(StoreOffersDispatcher dispatcher, Action<string> post, SynchronizationContext? uiContext)
        : this(dispatcher, json => PostOn(uiContext, post ?? throw new ArgumentNullException(nameof(post)), json))
    {
    }

    /// <summary>A post to the page failed; carries the exception (its text may be the platform's, not ours: do not show it to users).</summary>
    public event EventHandler<Exception>? PostFailed;

    /// <summary>Takes one message from the page and answers it later. Never throws; safe from an event handler.</summary>
    public void Receive(string? message) => _ = ReceiveAsync(message);

    /// <summary>Takes one message from the page; the task ends once the answer (if any) was posted. Never faults.</summary>
    public async Task ReceiveAsync(string? message)
    {
        try
        {
            var answer = await _dispatcher.HandleAsync(message, _lifetime.Token).ConfigureAwait(false);
            if (answer is not null) await PostAsync(answer).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Report(exception);
        }
    }

    /// <summary>Stops answering and posting; answers still pending are dropped.</summary>
    public void Dispose()
    {
        _dispatcher.HostEvent -= OnHostEvent;
        if (!_lifetime.IsCancellationRequested) _lifetime.Cancel();
    }

    private static Task PostOn(SynchronizationContext? ui, Action<string> post, string json)
    {
        if (ui is null || SynchronizationContext.Current == ui)
        {
            post(json);
            return Task.CompletedTask;
        }
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        ui.Post(_ =>
        {
            try
            {
                post(json);
                done.SetResult(true);
            }
            catch (Exception exception)
            {
                done.SetException(exception);
            }
        }, null);
        return done.Task;
    }

    private void OnHostEvent(object? sender, HostEventArgs e) => _ = PostAsync(e.Json);

    private async Task PostAsync(string json)
    {
        if (_lifetime.IsCancellationRequested) return;
        try
        {
            await _postGate.WaitAsync(_lifetime.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        try
        {
            if (!_lifetime.IsCancellationRequested) await _post(json).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Report(exception);
        }
        finally
        {
            _postGate.Release();
        }
    }

    private void Report(Exception exception)
    {
        try { PostFailed?.Invoke(this, exception); }
        catch (Exception) { /* the app's handler must not take the bridge down */ }
    }
}
