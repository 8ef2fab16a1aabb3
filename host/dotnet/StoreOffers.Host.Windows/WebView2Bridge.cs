using System;
using System.Threading;
using Microsoft.Web.WebView2.Core;

namespace StoreOffers.Host.Windows;

/// <summary>
/// The WebView2 transport: <c>CoreWebView2.WebMessageReceived</c> (the page's
/// <c>chrome.webview.postMessage(request)</c>, read as <c>WebMessageAsJson</c>, its <c>Source</c>
/// checked) in, <c>PostWebMessageAsJson</c> out, on the UI thread. Compiled against
/// Microsoft.Web.WebView2.Core.dll (WPF, WinForms); WinUI 3's CoreWebView2 comes from the WinRT
/// projection assembly, so a WinUI 3 app uses the same few lines at source level (docs/host-integration.md).
/// </summary>
public static class WebView2Bridge
{
    /// <summary>Answers the page in <paramref name="webView"/>; dispose the result to detach. Call on the UI thread.</summary>
    /// <param name="webView">The window's CoreWebView2 (after <c>EnsureCoreWebView2Async</c>).</param>
    /// <param name="dispatcher">The dispatcher that answers.</param>
    /// <param name="isTrustedSource">Which page URLs (<c>e.Source</c>) may talk to the host; null: any.</param>
    public static IDisposable Attach(CoreWebView2 webView, StoreOffersDispatcher dispatcher, Func<string, bool>? isTrustedSource = null)
    {
        if (webView is null) throw new ArgumentNullException(nameof(webView));
        var bridge = new StoreOffersBridge(dispatcher, webView.PostWebMessageAsJson, SynchronizationContext.Current);

        void OnMessage(object? sender, CoreWebView2WebMessageReceivedEventArgs e)
        {
            try
            {
                if (isTrustedSource is not null && !isTrustedSource(e.Source)) return;
                var json = e.WebMessageAsJson;
                // A page that posted a JSON *string* (postMessage(JSON.stringify(request))) also works.
                bridge.Receive(json.StartsWith("\"", StringComparison.Ordinal) ? e.TryGetWebMessageAsString() : json);
            }
            catch (Exception)
            {
                // An event handler of the app: nothing may escape.
            }
        }

        webView.WebMessageReceived += OnMessage;
        return new Detach(() =>
        {
            webView.WebMessageReceived -= OnMessage;
            bridge.Dispose();
        });
    }
}
