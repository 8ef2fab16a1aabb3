using System;
using StoreOffers.Host.Uwp;
using StoreOffers.Host.Windows;
using Windows.UI.Xaml.Controls;

namespace StoreOffers.Samples.Uwp;

/// <summary>A UWP page whose XAML WebView shows the page (in an app the WebView is usually in MainPage.xaml).</summary>
public sealed partial class MainPage : Page
{
    private readonly WebView webView = new();

    /// <summary>Creates the page.</summary>
    public MainPage()
    {
        Content = webView;
        AttachStoreOffers();
    }

    // <snippet:uwp>
    private IDisposable? storeOffers;

    private void AttachStoreOffers()
    {
        // The page is package content (ms-appx-web:), allowed to notify by ApplicationContentUriRules.
        storeOffers = UwpWebViewBridge.AttachHost(webView, new StoreOffersWindowsOptions { App = "Contoso Quest 2.3.0" });
        webView.Navigate(new Uri("ms-appx-web:///web/index.html"));
        Unloaded += (_, _) => storeOffers.Dispose();
    }
    // </snippet:uwp>
}
