using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace StoreOffers.Host.Tests;

/// <summary>
/// Every C# listing of docs/host-integration.md is a region of a samples project that CI builds:
/// each ```csharp block follows a <c>&lt;!-- snippet: path#name --&gt;</c> line and equals the
/// <c>// &lt;snippet:name&gt;</c> region of that file; every region is shown; a host's glue stays ≤ 30 lines.
/// </summary>
public sealed class DocsSnippetTests
{
    private static readonly string Root = FindRoot();
    private static readonly Regex Block = new(@"(?:<!-- snippet: (?<path>[^#\s]+)#(?<name>[\w-]+) -->\r?\n)?```csharp\r?\n(?<code>.*?)\r?\n```", RegexOptions.Singleline);

    [Fact]
    public void Every_csharp_listing_is_compiled_sample_code()
    {
        var guide = File.ReadAllText(Path.Combine(Root, "docs", "host-integration.md"));
        var blocks = Block.Matches(guide).Cast<Match>().ToList();
        Assert.NotEmpty(blocks);
        foreach (var block in blocks)
        {
            Assert.True(block.Groups["path"].Success, $"a C# listing without a snippet line:\n{block.Groups["code"].Value}");
            var expected = Region(block.Groups["path"].Value, block.Groups["name"].Value);
            Assert.Equal(expected, block.Groups["code"].Value.Replace("\r\n", "\n"));
        }
    }

    [Fact]
    public void Every_sample_region_is_shown_and_each_host_glue_is_at_most_30_lines()
    {
        var guide = File.ReadAllText(Path.Combine(Root, "docs", "host-integration.md"));
        var shown = Block.Matches(guide).Cast<Match>().Select(m => m.Groups["name"].Value).ToHashSet();
        var samples = Directory.GetFiles(Path.Combine(Root, "host", "dotnet", "samples"), "*.cs", SearchOption.AllDirectories);
        var regions = samples.SelectMany(f => Regex.Matches(File.ReadAllText(f), @"// <snippet:([\w-]+)>").Cast<Match>().Select(m => m.Groups[1].Value)).ToList();
        Assert.Equal(regions.OrderBy(r => r), shown.OrderBy(r => r));
        foreach (var host in new[] { "winui3", "webview2-desktop", "uwp" })
        {
            var path = samples.Single(f => File.ReadAllText(f).Contains($"// <snippet:{host}>"));
            var lines = Region(Path.GetRelativePath(Root, path).Replace('\\', '/'), host).Split('\n').Count(l => l.Trim().Length > 0);
            Assert.True(lines <= 30, $"{host}: {lines} lines of glue");
        }
    }

    private static string Region(string relativePath, string name)
    {
        var lines = File.ReadAllLines(Path.Combine(Root, relativePath));
        var start = Array.FindIndex(lines, l => l.Trim() == $"// <snippet:{name}>");
        var end = Array.FindIndex(lines, l => l.Trim() == $"// </snippet:{name}>");
        Assert.True(start >= 0 && end > start, $"{relativePath} has no region {name}");
        var body = lines.Skip(start + 1).Take(end - start - 1).ToList();
        var indent = body.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join("\n", body.Select(l => l.Trim().Length == 0 ? "" : l.Substring(indent)));
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "docs", "host-integration.md")) && Directory.Exists(Path.Combine(folder.FullName, "host", "dotnet")))
                return folder.FullName;
        }
        throw new InvalidOperationException("The repository root was not found above " + AppContext.BaseDirectory);
    }
}
