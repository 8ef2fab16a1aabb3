using System;
using System.Threading.Tasks;
using global::Windows.Foundation;
using global::Windows.UI.Core;
using global::Windows.UI.Xaml.Controls;
using StoreOffers.Host.Windows;

namespace StoreOffers.Host.Uwp;

/// <summary>
/// The UWP XAML WebView (EdgeHTML) transport: <c>ScriptNotify</c> (the page's
/// <c>window.external.notify(requestJson)</c>, only for content allowed by
/// <c>ApplicationContentUriRules</c>) in, <c>InvokeScriptAsync("storeOffersReceive", new[] { json })</c>
/// out. Every InvokeScriptAsync runs through <see cref="StoreOffersBridge"/>, which awaits it and
/// catches its failure (the page navigated away, the function is not defined): no
/// <c>async void</c> handler can crash the app. Compiled against the Windows.UI.Xaml projection of
/// Microsoft.Windows.SDK.NET.Ref 10.0.19041.87 (UWP apps on .NET 9+); a .NET Native UWP app
/// compiles this file into its own project (no such reference set could be restored here).
/// </summary>
public static class UwpWebViewBridge
{
    /// <summary>The page's global function that receives answers and events.</summary>
    public const string ReceiveFunction = "storeOffersReceive";

    /// <summary>Answers the page in <paramref name="webView"/>; dispose the result to detach. Call on the UI thread.</summary>
    /// <param name="webView">The XAML WebView.</param>
    /// <param name="dispatcher">The dispatcher that answers.</param>
    /// <param name="isTrustedSource">Which page URLs (<c>e.CallingUri</c>) may talk to the host; null: any allowed by the manifest.</param>
    public static IDisposable Attach(WebView webView, StoreOffersDispatcher dispatcher, Func<string, bool>? isTrustedSource = null)
    {
        if (webView is null) throw new ArgumentNullException(nameof(webView));
        var ui = webView.Dispatcher;
        var bridge = new StoreOffersBridge(dispatcher, json => InvokeAsync(ui, webView, json));

        void OnNotify(object sender, NotifyEventArgs e)
        {
            try
            {
                if (isTrustedSource is not null && !isTrustedSource(e.CallingUri?.ToString() ?? "")) return;
                bridge.Receive(e.Value);
            }
            catch (Exception)
            {
                // An event handler of the app: nothing may escape.
            }
        }

        webView.ScriptNotify += OnNotify;
        return new Detach(() =>
        {
            webView.ScriptNotify -= OnNotify;
            bridge.Dispose();
        });
    }

    /// <summary>The whole host for a UWP page: the Windows native store, the dispatcher and this transport.</summary>
    public static IDisposable AttachHost(WebView webView, StoreOffersWindowsOptions? options = null)
    {
        options ??= new StoreOffersWindowsOptions();
        var dispatcher = StoreOffersWindowsHost.CreateDispatcher(IntPtr.Zero, options);
        var bridge = Attach(webView, dispatcher, options.IsTrustedSource);
        return new Detach(() => { bridge.Dispose(); dispatcher.Dispose(); });
    }

    private static async Task InvokeAsync(CoreDispatcher ui, WebView webView, string json)
    {
        IAsyncOperation<string>? call = null;
        await ui.RunAsync(CoreDispatcherPriority.Normal, () => call = webView.InvokeScriptAsync(ReceiveFunction, new[] { json }));
        if (call is not null) await call;
    }
}
