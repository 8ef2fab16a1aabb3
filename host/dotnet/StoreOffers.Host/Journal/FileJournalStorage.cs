using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace StoreOffers.Host;

/// <summary>
/// A journal file: written to a temporary file beside it, flushed to disk, then moved over the
/// old one, so a crash leaves either the old or the new journal. On Windows use a folder of the
/// app's own (<c>ApplicationData.Current.LocalFolder</c> in a packaged app).
/// </summary>
public sealed class FileJournalStorage : IJournalStorage
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Keeps the journal at <paramref name="path"/> (its folder is created when missing).</summary>
    public FileJournalStorage(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("A journal path is required", nameof(path));
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The journal file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public Task<string?> ReadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(File.Exists(Path) ? File.ReadAllText(Path, Utf8) : null);
    }

    /// <inheritdoc />
    public async Task WriteAsync(string content, CancellationToken cancellationToken)
    {
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(folder);
        var temporary = Path + ".tmp";
        var bytes = Utf8.GetBytes(content);
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
        {
            await stream.WriteAsync(bytes, 0, bytes.Length, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }
        if (File.Exists(Path)) File.Replace(temporary, Path, destinationBackupFileName: null);
        else File.Move(temporary, Path);
    }
}
