using System;
using System.Threading;
using System.Threading.Tasks;

namespace StoreOffers.Host.Windows;

/// <summary>Runs work on the app's UI thread (RequestPurchaseAsync, RequestTokenAsync and WebView calls must).</summary>
internal static class UiThread
{
    public static Task<T> RunAsync<T>(SynchronizationContext? ui, Func<Task<T>> work)
    {
        if (ui is null || SynchronizationContext.Current == ui) return work();
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        ui.Post(async _ =>
        {
            // A posted callback: it must catch everything (an exception here would crash the app).
            try { done.SetResult(await work()); }
            catch (Exception exception) { done.SetException(exception); }
        }, null);
        return done.Task;
    }
}
