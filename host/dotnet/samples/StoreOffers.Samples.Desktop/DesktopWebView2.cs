using System;
using Microsoft.Web.WebView2.Core;
using StoreOffers.Host.Windows;

namespace StoreOffers.Samples.Desktop;

/// <summary>The WPF and WinForms glue: everything after <c>EnsureCoreWebView2Async</c>.</summary>
public static class DesktopWebView2
{
    // <snippet:webview2-desktop>
    /// <summary>Call once the WebView2 is ready; dispose the result when the window closes.</summary>
    public static IDisposable AttachStoreOffers(CoreWebView2 core, IntPtr window)
    {
        core.SetVirtualHostNameToFolderMapping("app.contoso.example", "web", CoreWebView2HostResourceAccessKind.DenyCors);
        var storeOffers = StoreOffersWindowsHost.AttachWebView2(core, window, new StoreOffersWindowsOptions
        {
            App = "Contoso Quest 2.3.0",
            TrustedOrigins = new[] { "https://app.contoso.example" },
        });
        core.Navigate("https://app.contoso.example/index.html");
        return storeOffers;
    }
    // </snippet:webview2-desktop>
}
