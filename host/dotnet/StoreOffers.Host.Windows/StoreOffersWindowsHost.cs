using System;
using System.IO;
using System.Net.Http;
using Microsoft.Web.WebView2.Core;

namespace StoreOffers.Host.Windows;

/// <summary>
/// One call per window: the Windows native store, the dispatcher (with <c>storeRequest</c> and the
/// purchase journal) and the transport. Call it on the UI thread; dispose the result with the window.
/// </summary>
public static class StoreOffersWindowsHost
{
    private static readonly Lazy<HttpClient> SharedHttp = new(() => new HttpClient { Timeout = TimeSpan.FromSeconds(30) });

    /// <summary>The dispatcher for one window (for a transport of your own).</summary>
    /// <param name="windowHandle">The desktop window's handle; <see cref="IntPtr.Zero"/> in a UWP app.</param>
    /// <param name="options">Optional settings.</param>
    public static StoreOffersDispatcher CreateDispatcher(IntPtr windowHandle, StoreOffersWindowsOptions? options = null)
    {
        options ??= new StoreOffersWindowsOptions();
        var native = new WindowsStoreNative(windowHandle, options.Kinds);
        return new StoreOffersDispatcher(native, new StoreOffersDispatcherOptions
        {
            App = options.App,
            OwnsNative = true, // the account monitor goes with the window
            Store = new StoreRequestClient(options.HttpClient ?? SharedHttp.Value),
            Journal = new PurchaseJournal(new FileJournalStorage(options.JournalPath ?? DefaultJournalPath())),
        });
    }

    /// <summary>Serves the page of a WebView2 (WPF, WinForms: <c>webView.CoreWebView2</c> after <c>EnsureCoreWebView2Async</c>).</summary>
    public static IDisposable AttachWebView2(CoreWebView2 webView, IntPtr windowHandle, StoreOffersWindowsOptions? options = null)
    {
        options ??= new StoreOffersWindowsOptions();
        var dispatcher = CreateDispatcher(windowHandle, options);
        var bridge = WebView2Bridge.Attach(webView, dispatcher, options.IsTrustedSource);
        return new Detach(() => { bridge.Dispose(); dispatcher.Dispose(); });
    }

    private static string DefaultJournalPath()
    {
        try
        {
            // A packaged app (MSIX, UWP): its own LocalFolder.
            return Path.Combine(global::Windows.Storage.ApplicationData.Current.LocalFolder.Path, "StoreOffers", "purchases.json");
        }
        catch (Exception)
        {
            // No package identity.
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "StoreOffers", "purchases.json");
        }
    }
}
