using System;
using System.Threading;
using Microsoft.UI.Xaml;
using Microsoft.UI.Xaml.Controls;
using StoreOffers.Host;
using StoreOffers.Host.Windows;

namespace StoreOffers.Samples.WinUI;

/// <summary>A WinUI 3 window whose WebView2 shows the page (in an app the WebView2 is usually in MainWindow.xaml).</summary>
public sealed partial class MainWindow : Window
{
    private readonly WebView2 webView = new();

    /// <summary>Creates the window.</summary>
    public MainWindow()
    {
        Content = webView;
        AttachStoreOffers();
    }

    // <snippet:winui3>
    private StoreOffersBridge? storeOffers;

    private async void AttachStoreOffers() // async void: it catches everything
    {
        try
        {
            await webView.EnsureCoreWebView2Async();
            var core = webView.CoreWebView2;
            var options = new StoreOffersWindowsOptions { App = "Contoso Quest 2.3.0", TrustedOrigins = new[] { "https://app.contoso.example" } };
            var dispatcher = StoreOffersWindowsHost.CreateDispatcher(WinRT.Interop.WindowNative.GetWindowHandle(this), options);
            // WinUI's CoreWebView2 is the WinRT projection: the kit's two lines of transport, at source level.
            storeOffers = new StoreOffersBridge(dispatcher, core.PostWebMessageAsJson, SynchronizationContext.Current);
            core.WebMessageReceived += (_, e) => { if (options.IsTrustedSource(e.Source)) storeOffers.Receive(e.WebMessageAsJson); };
            core.SetVirtualHostNameToFolderMapping("app.contoso.example", "web", Microsoft.Web.WebView2.Core.CoreWebView2HostResourceAccessKind.DenyCors);
            webView.Source = new Uri("https://app.contoso.example/index.html");
            Closed += (_, _) => { storeOffers.Dispose(); dispatcher.Dispose(); };
        }
        catch (Exception exception)
        {
            // No WebView2 Runtime, or it failed to start: say so instead of showing a blank window.
            Content = new TextBlock { Text = $"This page needs the WebView2 Runtime (0x{exception.HResult:X8})." };
        }
    }
    // </snippet:winui3>
}
